"""What the offline Docker image takes from this machine's toolchain packages (no Docker needed)."""

from __future__ import annotations

import os

import pytest

from codejudge.sandbox import image_toolchains
from codejudge.sandbox.toolchains import missing_tools, resolve


def _need(language: str) -> None:
    if language not in image_toolchains.available([language]):
        pytest.skip(f"{language} toolchain not installed here ({', '.join(missing_tools(language))})")


def test_go_keeps_the_compiler_and_library_but_not_the_race_and_cmd_packages() -> None:
    _need("go")
    files = image_toolchains.files("go")
    assert resolve("go") in files
    assert any(f.endswith("/pkg/tool/linux_amd64/compile") for f in files)
    assert any(f.endswith("/pkg/linux_amd64/fmt.a") for f in files)
    assert not any(
        "/linux_amd64_race/" in f or "/pkg/linux_amd64/cmd/" in f or "/testdata/" in f for f in files
    )


def test_java_brings_its_etc_configuration_and_no_docs() -> None:
    _need("java")
    files = image_toolchains.files("java")
    assert resolve("javac") in files and resolve("java") in files
    assert any(f.startswith("/etc/java-") and f.endswith("jvm-amd64.cfg") for f in files)
    assert not any(f.startswith("/usr/share/doc/") or "/jmods/" in f for f in files)


def test_no_shell_or_package_manager_is_followed_into_the_image() -> None:
    _need("cpp")
    files = set(image_toolchains.files("cpp")) | set(
        image_toolchains.files("rust") if "rust" in image_toolchains.available(["rust"]) else []
    )
    for forbidden in (
        "/bin/sh",
        "/usr/bin/sh",
        "/bin/bash",
        "/usr/bin/dash",
        "/usr/bin/dpkg",
        "/usr/bin/apt",
    ):
        assert forbidden not in files
    assert all(os.path.isabs(f) for f in files)
