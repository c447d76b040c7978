"""The language toolchains of the offline Docker image, taken from this machine's Debian packages.

For each language the files of the packages that provide its tools (``dpkg -L``),
following their ``Depends`` where the toolchain needs them (a C++ compiler needs
binutils, libc6-dev, libstdc++-dev...), minus documentation and parts no build
uses (Go's race-detector and ``cmd`` packages, the JDK's jmods, most Go tools),
plus the shared libraries ``ldd`` finds for the JDK and node. No registry, no
package manager in the image, no shell: the Debian packages that only install
(debconf, dpkg, perl, shells, certificates) are never followed.

>>> sorted(SPECS)
['cpp', 'go', 'java', 'js', 'rust']
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

from codejudge.sandbox.toolchains import TOOLS, missing_tools, resolve


@dataclass(frozen=True)
class Link:
    """A symbolic link in the image."""

    target: str


@dataclass(frozen=True)
class ImageSpec:
    tools: tuple[str, ...] = ()  # their owning packages are taken
    packages: tuple[str, ...] = ()  # more packages, by name (taken when installed)
    follow: bool = False  # and the packages they depend on
    binaries_only: bool = False  # only the tool binaries themselves (+ ldd), not their packages
    ldd: bool = False  # add the shared libraries of every ELF file taken


SPECS: dict[str, ImageSpec] = {
    "js": ImageSpec(tools=("node",), binaries_only=True, ldd=True),
    "cpp": ImageSpec(tools=("g++", "gcc"), packages=("g++", "gcc", "cpp", "libssl-dev"), follow=True),
    "java": ImageSpec(tools=("javac", "java"), ldd=True),
    "go": ImageSpec(tools=("go",), follow=True),
    "rust": ImageSpec(tools=("rustc", "gcc"), packages=("gcc",), follow=True),
}

# Never followed: they only matter to install packages, or would bring a shell.
_STOP = {
    "debconf",
    "debconf-2.0",
    "perl-base",
    "perl",
    "dpkg",
    "ca-certificates",
    "ca-certificates-java",
    "java-common",
    "adduser",
    "lsb-base",
    "sensible-utils",
    "init-system-helpers",
    "tzdata",
    "util-linux",
    "coreutils",
    "dash",
    "bash",
    "python3",
    "python3-minimal",
    "media-types",
    "libc-bin",
}
_EXCLUDE = re.compile(
    r"^/usr/share/(doc|man|info|locale|lintian|bug|gdb|fonts|bash-completion|zsh)/"
    r"|/testdata/"
    r"|^/usr/lib/jvm/[^/]+/(jmods|man|demo|legal)/"
    r"|^/usr/lib/go-[^/]+/pkg/(linux_amd64_race|linux_amd64/cmd)/"
    r"|^/usr/share/go-[^/]+/(src/cmd|test|misc|api|doc)/"
    r"|^/usr/lib/go-[^/]+/pkg/tool/[^/]+/(api|doc|pprof|trace|fix|cover|test2json|dist|nm|objdump|addr2line|vet)$"
    r"|^/usr/bin/(x86_64-linux-gnu-)?(lto-dump|rustdoc|rust-gdb|rust-lldb)"  # debugging and docs tools
    r"|/lib(asan|tsan|lsan|ubsan|hwasan)\.so"  # sanitizer runtimes (-fsanitize only)
)


def _run(argv: list[str]) -> str:
    return subprocess.run(
        argv, capture_output=True, text=True, check=False, env={"PATH": "/usr/bin:/bin", "LANG": "C"}
    ).stdout


@functools.lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    """Installed package -> its Depends and Pre-Depends."""
    out = _run(["dpkg-query", "-W", "-f=${Package}\t${Status}\t${Depends}, ${Pre-Depends}\n"])
    pkgs = {}
    for line in out.splitlines():
        name, status, deps = (line.split("\t") + ["", ""])[:3]
        if status.endswith(" installed"):
            pkgs[name] = deps
    return pkgs


def _owners(path: str) -> set[str]:
    found = set()
    for p in {path, os.path.realpath(path)}:
        for line in _run(["dpkg-query", "-S", p]).splitlines():
            if ": " in line:
                found |= {n.strip().split(":")[0] for n in line.split(": ")[0].split(",")}
    return found


def _closure(seeds: set[str], follow: bool) -> set[str]:
    installed = _installed()
    seen: set[str] = set()
    todo = [s for s in seeds if s in installed]
    while todo:
        pkg = todo.pop()
        if pkg in seen or pkg in _STOP:
            continue
        seen.add(pkg)
        if not follow:
            continue
        for group in installed[pkg].split(","):
            for alt in group.split("|"):  # the first alternative that is installed
                name = re.sub(r"\(.*?\)|\[.*?\]", "", alt).strip().split(":")[0]
                if name in installed:
                    todo.append(name)
                    break
    return seen


def _is_elf(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def _ldd(paths: list[str]) -> set[str]:
    libs = set()
    for path in paths:
        out = _run(["ldd", path])
        if "not found" in out:
            continue
        libs |= {os.path.normpath(m.group(1)) for m in re.finditer(r"(?:=>\s*)?(/\S+)\s+\(0x", out)}
    return libs


def files(language: str) -> list[str]:
    """Host paths (files and links, no directories) the image needs for ``language``."""
    spec = SPECS[language]
    tools = [resolve(t) for t in spec.tools]
    if spec.binaries_only:
        paths = {t for t in tools if t}
    else:
        seeds = set(spec.packages)
        for tool, path in zip(spec.tools, tools):
            if path:
                seeds |= _owners(path) | _owners(TOOLS[tool][0])
        paths = set()
        for pkg in _closure(seeds, spec.follow):
            for f in _run(["dpkg-query", "-L", pkg]).splitlines():
                if f.startswith("/") and not _EXCLUDE.search(f) and (os.path.islink(f) or os.path.isfile(f)):
                    paths.add(f)
    if spec.ldd:
        paths |= _ldd(sorted(p for p in paths if not os.path.islink(p) and _is_elf(p)))
    return sorted(paths)


def available(languages: list[str] | tuple[str, ...]) -> list[str]:
    """The languages whose toolchains are installed here and can be copied (dpkg knows their files)."""
    dpkg = shutil.which("dpkg-query") is not None
    return [
        lang
        for lang in languages
        if lang in SPECS and not missing_tools(lang) and (dpkg or SPECS[lang].binaries_only)
    ]


def entries(languages: list[str] | tuple[str, ...]) -> Iterator[tuple[str, str | Link, int]]:
    """(path in image, host file or Link, mode) for the toolchains of ``languages``."""
    for lang in languages:
        for path in files(lang):
            if os.path.islink(path):
                yield path.lstrip("/"), Link(os.readlink(path)), 0o777
            else:
                mode = os.stat(path).st_mode & 0o755
                yield path.lstrip("/"), path, mode | 0o644
