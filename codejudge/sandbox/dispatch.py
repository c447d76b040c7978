"""One entry point for every job kind, above the modules that implement them.

``protocol`` runs the Python runner's own kinds (function, stdio, check); ``asserts``
turns script tests into those; ``programs`` runs other languages' test programs. Each
backend hands its ``exec_one`` here, and the kind picks the module::

    def exec_one(stdin: bytes, wall_timeout_s: float, seed: int) -> RawOutcome: ...
    result = run_job(job, limits, exec_one, backend="mybackend")
"""

from __future__ import annotations

from typing import Any

from codejudge.errors import UnknownNameError
from codejudge.sandbox import asserts, programs, protocol
from codejudge.sandbox.base import Job, Limits
from codejudge.sandbox.protocol import ExecOne
from codejudge.types import ExecResult

KINDS = ("function", "script", "stdio", "check", "program")


def run_job(
    job: Job, limits: Limits, exec_one: ExecOne, backend: str, program_host: Any = None
) -> ExecResult:
    """Run ``job`` with a backend's ``exec_one``; every verdict is decided in this process.

    ``program_host`` (a ``programs.ProgramHost``): how this backend runs "program" jobs
    (other languages); their ``exec_one`` also takes ``limits=`` and ``script=`` keywords."""
    if job.kind == "program":
        return programs.run_program_job(job, limits, exec_one, backend, program_host)
    if job.kind == "script":
        return asserts.run_script_job(job, limits, exec_one, backend)
    if job.kind not in KINDS:
        raise UnknownNameError("job kind", job.kind, KINDS)
    return protocol.run_runner_job(job, limits, exec_one, backend)
