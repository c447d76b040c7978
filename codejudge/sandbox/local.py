"""Local backend: the same runner and verdict path, with rlimits only. NOT isolated.

The code runs as your user, with your files, network and processes in reach;
only CPU, memory, file size, open files and wall clock are limited. Verdict
faking is still defeated (outputs-only protocol, comparison in the parent),
but host safety is not. It therefore refuses to start unless ``unsafe=True``.

>>> LocalExecutor()
Traceback (most recent call last):
...
codejudge.errors.UnsafeExecutionRefused: ...
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from codejudge.errors import UnsafeExecutionRefused
from codejudge.sandbox import dispatch, protocol
from codejudge.sandbox.base import Job, Limits, RawOutcome, Watch
from codejudge.sandbox.proc import run_capped
from codejudge.sandbox.support import host_programs
from codejudge.types import ExecResult

REFUSAL = (
    "The 'local' backend runs untrusted code WITHOUT isolation: it can read and delete your files, "
    "reach the network and kill your processes; only rlimits apply. Use the 'bwrap' or 'docker' "
    "backend, or opt in explicitly with get_executor('local', unsafe=True) / --unsafe-local."
)


class LocalExecutor:
    """rlimits-only backend for trusted code or already-isolated machines."""

    name = "local"

    def __init__(self, unsafe: bool = False, python: str | None = None) -> None:
        if not unsafe:
            raise UnsafeExecutionRefused(REFUSAL)
        self.python = python or sys.executable
        self._dir = tempfile.mkdtemp(prefix="codejudge-local-")
        self._files = protocol.runner_files()

    def _exec(
        self,
        stdin: bytes,
        wall_s: float,
        seed: int,
        limits: Limits,
        watch: Watch | None = None,
        script: str = "runner.py",
    ) -> RawOutcome:
        work = tempfile.mkdtemp(prefix="work-", dir=self._dir)
        # A fresh runner copy per process: code here can write anywhere we can,
        # so a runner it tampered with must not serve the next job.
        cj = Path(work) / ".cj"
        cj.mkdir()
        for fname, data in self._files.items():
            (cj / fname).write_bytes(data)
        cpu = int(wall_s) + 1
        prlimit = shutil.which("prlimit")
        argv = protocol.runner_command(self.python, str(cj), script)
        if prlimit:  # NPROC is left out: per-uid, it would count (and starve) the host's own processes
            argv = [
                prlimit,
                f"--cpu={cpu}:{cpu + 2}",
                f"--as={limits.memory_mb * 1024 * 1024}",
                f"--fsize={limits.fsize_mb * 1024 * 1024}",
                f"--nofile={limits.nofile}",
                "--core=0",
                "--",
                *argv,
            ]
        env = protocol.runner_env(seed, home=work)
        try:
            return run_capped(
                argv, stdin, wall_s, limits.result_bytes, limits.output_bytes, env=env, cwd=work, watch=watch
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def run(self, job: Job, limits: Limits) -> ExecResult:
        def exec_one(
            stdin: bytes,
            wall_s: float,
            seed: int,
            watch: Watch | None = None,
            limits: Limits = limits,
            script: str = "runner.py",
        ) -> RawOutcome:
            return self._exec(stdin, wall_s, seed, limits, watch, script)

        # program jobs use this machine's toolchains and the prepared support folder where it is
        return dispatch.run_job(job, limits, exec_one, self.name, host_programs(self.name))

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check() -> tuple[bool, str]:
    """The local backend always works; it is unsafe by design."""
    return True, sys.executable
