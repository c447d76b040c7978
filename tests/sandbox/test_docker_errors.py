"""Docker backend errors name the cause and the fix; the offline image recipe is deterministic."""

from __future__ import annotations

import hashlib
import io
import tarfile

import pytest

from codejudge.errors import BackendUnavailable

docker = pytest.importorskip("docker")


def test_daemon_down_names_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from codejudge.sandbox.docker import DockerExecutor, check

    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-daemon.sock")
    with pytest.raises(BackendUnavailable) as info:
        DockerExecutor()
    assert info.value.backend == "docker"
    assert "cannot reach the Docker daemon" in info.value.cause
    assert "start dockerd" in info.value.fix
    ok, why = check()
    assert not ok and "start dockerd" in why


@pytest.mark.docker
def test_missing_image_names_the_build_command() -> None:
    from codejudge.sandbox.docker import DockerExecutor, connect

    try:
        connect(timeout=5)
    except BackendUnavailable as exc:
        pytest.skip(str(exc))
    with pytest.raises(BackendUnavailable) as info:
        DockerExecutor(image="codejudge-sandbox:no-such-tag")
    assert "not found" in info.value.cause
    assert "codejudge sandbox build-image" in info.value.fix


def _rootfs() -> tuple[str, list[str]]:
    from codejudge.sandbox.image import _write_rootfs

    buf = io.BytesIO()
    _write_rootfs(buf)
    with tarfile.open(fileobj=io.BytesIO(buf.getvalue())) as tar:
        names = tar.getnames()
    return hashlib.sha256(buf.getvalue()).hexdigest(), names


def test_offline_rootfs_is_deterministic_and_minimal() -> None:
    try:
        first, names = _rootfs()
    except BackendUnavailable as exc:  # no CPython 3.11 to copy on this machine
        pytest.skip(str(exc))
    second, _ = _rootfs()
    assert first == second
    assert {"usr/bin/python3.11", "cj/runner.py", "cj/values.py", "cj/agent.py", "etc/passwd"} <= set(names)
    assert not any(n in names for n in ("bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash"))  # no shell
    assert not any(n.startswith("usr/lib/python3.11/test/") for n in names)
