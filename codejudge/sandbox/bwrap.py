"""Bubblewrap backend: a fresh unprivileged namespace sandbox per runner process.

Hardening, each for a measured reason (see docs/sandbox.md):

- started as an unprivileged uid (``setpriv --reuid=60000+slot``) when we are
  root: bwrap started by root keeps full capabilities inside; one uid per
  concurrent slot so parallel jobs cannot signal each other, and so that
  RLIMIT_NPROC is enforced (it is not for uid 0);
- started from an empty environment (bwrap's pid 1 keeps its caller's env);
- only ``/usr`` is bound (never ``/``: that exposes the Docker socket);
- ``--unshare-all --unshare-user --disable-userns --new-session --die-with-parent``;
- sized tmpfs for ``/tmp`` and ``/work``; ``/`` and ``/dev`` remounted read-only;
- rlimits via ``prlimit`` (CPU soft < hard, AS, NPROC, FSIZE, NOFILE, no core);
- wall clock and output caps enforced from outside (``proc.run_capped``).

>>> ex = BwrapExecutor()                                 # doctest: +SKIP
>>> ex.run(job, Limits()).status                         # doctest: +SKIP
<TestStatus.PASSED: 'passed'>
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from codejudge.errors import BackendUnavailable
from codejudge.sandbox import dispatch, protocol
from codejudge.sandbox.base import Job, Limits, RawOutcome, Watch
from codejudge.sandbox.proc import run_capped
from codejudge.sandbox.support import host_programs, support_root
from codejudge.sandbox.toolchains import LIB_DIR, etc_dirs
from codejudge.types import ExecResult

PYTHON = "/usr/bin/python3"  # the system interpreter under /usr, the only tree bound inside
BASE_UID = 60000
MAX_SLOTS = 500
UIDS_PER_SLOT = 8  # rotated: the kernel releases a uid's process count lazily after a sandbox exits
FORK_RETRIES = 5
SLOT_DIR = Path(tempfile.gettempdir()) / "codejudge-slots"
_FIX = (
    "install bubblewrap (apt-get install bubblewrap) and allow unprivileged user namespaces "
    "(sysctl kernel.unprivileged_userns_clone=1; in Docker: --security-opt seccomp=unconfined or --privileged)"
)


def _claim_slot() -> tuple[int, int]:
    """Exclusively claim a slot number across processes (flock); returns (slot, lock fd)."""
    SLOT_DIR.mkdir(mode=0o700, exist_ok=True)
    for slot in range(MAX_SLOTS):
        fd = os.open(SLOT_DIR / f"{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return slot, fd
        except BlockingIOError:
            os.close(fd)
    raise BackendUnavailable("bwrap", f"all {MAX_SLOTS} sandbox slots are in use", "run fewer workers")


def _bwrap_argv(
    runner_dir: str,
    limits: Limits,
    seed: int,
    script: str = "runner.py",
    binds: tuple[tuple[str, str], ...] = (),
) -> list[str]:
    argv = [
        "bwrap",
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--die-with-parent",
        "--new-session",
        "--ro-bind",
        "/usr",
        "/usr",
        "--symlink",
        "usr/lib",
        "/lib",
        "--symlink",
        "usr/lib64",
        "/lib64",
        "--symlink",
        "usr/bin",
        "/bin",
        "--ro-bind",
        runner_dir,
        protocol.RUNNER_DIR,
        # program jobs: codejudge's prepared support files, and the config a toolchain keeps in /etc
        *(a for src, dst in binds for a in ("--ro-bind", src, dst)),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--remount-ro",
        "/dev",
        "--size",
        str(limits.workdir_mb * 1024 * 1024),
        "--tmpfs",
        "/tmp",
        "--size",
        str(limits.workdir_mb * 1024 * 1024),
        "--tmpfs",
        "/work",
        "--remount-ro",
        "/",
        "--chdir",
        "/work",
        "--clearenv",
    ]
    for key, value in protocol.runner_env(seed).items():
        argv += ["--setenv", key, value]
    return [
        shutil.which(argv[0]) or "/usr/bin/bwrap",
        *argv[1:],
        *protocol.runner_command(PYTHON, script=script),
    ]


def _prlimit_argv(limits: Limits, wall_s: float) -> list[str]:
    cpu = int(wall_s) + 1
    mem = limits.memory_mb * 1024 * 1024
    return [
        shutil.which("prlimit") or "/usr/bin/prlimit",
        f"--cpu={cpu}:{cpu + 2}",
        f"--as={mem}",
        f"--nproc={limits.nproc}",
        f"--fsize={limits.fsize_mb * 1024 * 1024}",
        f"--nofile={limits.nofile}",
        "--core=0",
        "--",
    ]


@functools.lru_cache(maxsize=1)
def _etc_dirs() -> tuple[str, ...]:
    """Toolchain configuration kept under /etc (the Debian JDK's /etc/java-17-openjdk)."""
    return tuple(d for lang in ("java",) for d in etc_dirs(lang) if os.path.isdir(d))


@functools.lru_cache(maxsize=1)
def check() -> tuple[bool, str]:
    """Can a bwrap sandbox start here? Returns (ok, reason-or-version)."""
    for tool in ("bwrap", "prlimit") + (("setpriv",) if os.geteuid() == 0 else ()):
        if shutil.which(tool) is None:
            return False, f"'{tool}' not found on PATH"
    if not os.path.exists(PYTHON):
        return False, f"{PYTHON} not found (the sandbox runs the system Python under /usr)"
    ex = None
    try:
        ex = BwrapExecutor(_check=False)
        out = ex._exec(b"", 10.0, 0, ["-c", "print('ok')"])
    except BackendUnavailable as exc:
        return False, exc.cause
    finally:
        if ex is not None:
            ex.close()
    if out.stdout.strip() != b"ok":
        return False, (out.stderr.decode("utf-8", "replace").strip() or f"exit code {out.returncode}")[:500]
    return True, subprocess.run(["bwrap", "--version"], capture_output=True, text=True).stdout.strip()


class BwrapExecutor:
    """Sandbox backend on bubblewrap. One instance = one slot (uid); use one per thread."""

    name = "bwrap"

    def __init__(self, slot: int | None = None, _check: bool = True) -> None:
        if _check:
            ok, why = check()
            if not ok:
                raise BackendUnavailable("bwrap", why, _FIX)
        self._lock_fd = None
        if slot is None:
            slot, self._lock_fd = _claim_slot()
        self.slot = slot
        self._turn = 0
        self._dir = tempfile.mkdtemp(prefix="codejudge-runner-")
        os.chmod(self._dir, 0o755)  # the sandbox uid must be able to read the runner
        for fname, data in protocol.runner_files().items():
            path = Path(self._dir) / fname
            path.write_bytes(data)
            path.chmod(0o444)

    def _exec(
        self,
        stdin: bytes,
        wall_s: float,
        seed: int,
        cmd_override: list[str] | None = None,
        limits: Limits | None = None,
        watch: Watch | None = None,
        script: str = "runner.py",
    ) -> RawOutcome:
        limits = limits or Limits()
        binds: tuple[tuple[str, str], ...] = ()
        if script != "runner.py":  # a program job: its toolchain's support files and /etc config
            binds = ((str(support_root()), LIB_DIR), *((d, d) for d in _etc_dirs()))
        argv = _bwrap_argv(self._dir, limits, seed, script, binds)
        if cmd_override is not None:
            argv = argv[: -len(protocol.runner_command(PYTHON))] + [PYTHON, *cmd_override]
        base = argv
        for attempt in range(FORK_RETRIES + 1):
            argv = base
            if os.geteuid() == 0:
                uid = BASE_UID + self.slot * UIDS_PER_SLOT + self._turn % UIDS_PER_SLOT
                self._turn += 1
                argv = [
                    shutil.which("setpriv") or "/usr/bin/setpriv",
                    f"--reuid={uid}",
                    f"--regid={uid}",
                    "--clear-groups",
                    "--no-new-privs",
                    *argv,
                ]
            argv = _prlimit_argv(limits, wall_s) + argv
            try:
                out = run_capped(
                    argv,
                    stdin,
                    wall_s,
                    limits.result_bytes,
                    limits.output_bytes,
                    env={},
                    cwd="/",
                    watch=watch,
                )
            except OSError as exc:
                raise BackendUnavailable("bwrap", f"cannot start bwrap: {exc}", _FIX) from exc
            # bwrap itself could not fork under RLIMIT_NPROC (recently exited sandboxes of this
            # uid still counted): nothing ran yet, so trying again is safe.
            if out.returncode == 1 and not out.stdout and out.stderr.startswith(b"bwrap: Can't fork"):
                time.sleep(0.05 * (attempt + 1))
                continue
            return out
        return out

    def run(self, job: Job, limits: Limits) -> ExecResult:
        def exec_one(
            stdin: bytes,
            wall_s: float,
            seed: int,
            watch: Watch | None = None,
            limits: Limits = limits,
            script: str = "runner.py",
        ) -> RawOutcome:
            return self._exec(stdin, wall_s, seed, limits=limits, watch=watch, script=script)

        return dispatch.run_job(job, limits, exec_one, self.name, host_programs(self.name, LIB_DIR))

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> BwrapExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
