"""This machine's toolchains for the bwrap and local backends: checks, and the prepared support folder.

The support folder (runtimes, the C++ precompiled header, Java runtime classes,
Rust crates) is built once per toolchain version by ``toolchains.prepare`` from
trusted sources only, under a file lock, in a folder every sandbox uid can read
(``/tmp/codejudge-cjlib-<uid>``, or ``CODEJUDGE_TOOLCHAIN_DIR``). bwrap binds it
read-only at ``/cjlib``.

>>> host = host_programs("bwrap", "/cjlib")                         # doctest: +SKIP
>>> host.ensure("rust")                                              # doctest: +SKIP
"""

from __future__ import annotations

import fcntl
import functools
import os
import stat
import tempfile
from pathlib import Path

from codejudge.errors import SandboxError, ToolchainMissing
from codejudge.sandbox import toolchains
from codejudge.sandbox.programs import ProgramHost

_NEEDS_PREPARE = ("cpp", "java", "rust")


def support_root() -> Path:
    """The prepared-files folder: ours, not a link, readable by the sandbox uids."""
    path = Path(
        os.environ.get("CODEJUDGE_TOOLCHAIN_DIR")
        or Path(tempfile.gettempdir(), f"codejudge-cjlib-{os.geteuid()}")
    )
    path.mkdir(mode=0o755, parents=True, exist_ok=True)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        raise SandboxError(
            f"{path} is not a private folder of this user (owner {st.st_uid}, mode "
            f"{oct(st.st_mode & 0o777)}); remove it or set CODEJUDGE_TOOLCHAIN_DIR"
        )
    os.chmod(path, 0o755)
    return path


def check_language(language: str, backend: str) -> None:
    """Raise ``ToolchainMissing`` (with the apt command) when this machine cannot run ``language``."""
    missing = toolchains.missing_tools(language)
    if missing:
        tc = toolchains.LANGUAGES[language]
        raise ToolchainMissing(
            language,
            backend,
            f"{', '.join(missing)} not found under /usr",
            f"apt-get install --no-install-recommends {tc.apt}",
        )


@functools.lru_cache(maxsize=None)
def _prepared(language: str, root: str) -> str:
    with open(os.path.join(root, f".{language}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # other processes building the same folder wait for it
        return toolchains.prepare(language, root)


def ensure(language: str, backend: str) -> None:
    check_language(language, backend)
    if language in _NEEDS_PREPARE:
        try:
            _prepared(language, str(support_root()))
        except RuntimeError as exc:
            raise ToolchainMissing(
                language,
                backend,
                f"building codejudge's support files failed: {exc}",
                f"apt-get install --no-install-recommends {toolchains.LANGUAGES[language].apt}",
            ) from exc


@functools.lru_cache(maxsize=None)
def fingerprint(language: str) -> str:
    return "host:" + toolchains.support_digest(language)


def host_programs(backend: str, lib_dir: str | None = None) -> ProgramHost:
    """Program support for a backend that runs this machine's own toolchains (bwrap, local)."""
    return ProgramHost(
        backend=backend,
        lib_dir=lib_dir or str(support_root()),
        ensure=lambda lang: ensure(lang, backend),
        fingerprint=fingerprint,
    )
