"""The executor seam: one small Protocol, job and limit values.

A backend implements ``run(job, limits) -> ExecResult`` and ``close()``.
The untrusted process only ever returns *outputs* (tagged plain data); the
verdict is computed in the trusted parent by ``codejudge.sandbox.compare``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol, get_args, runtime_checkable

from codejudge.types import ExecResult, JobKind, TestCase, move_meta_keys


@dataclass
class Limits:
    """Resource limits for one job. Every channel and resource has a cap."""

    timeout_s: float = 3.0  # default per-test wall clock when a test names none
    job_timeout_s: float | None = None  # whole-job wall clock; default: sum of test timeouts + startup
    memory_mb: int = 1024  # address space (bwrap/local) or cgroup memory (docker)
    nproc: int = 32  # processes/threads for the job's uid (or pids cgroup)
    fsize_mb: int = 16  # largest file the job can write
    nofile: int = 64  # open file descriptors
    output_bytes: int = 64 * 1024  # cap on captured stdout and on stderr (each)
    result_bytes: int = 16 * 1024 * 1024  # cap on the result channel
    workdir_mb: int = 64  # size of the private writable work dir (tmpfs)
    workdir_inodes: int = 4096


Equality = Literal["strict", "python", "exact"]  # see codejudge.sandbox.compare
Harness = Literal["evalplus"]


@dataclass
class Job:
    """What to run. ``kind``: "function" | "script" | "stdio".

    - function: ``source`` defines ``entry_point``; each test has tagged ``args``
      (a list of positional arguments) and, unless ``expected`` is None (when the
      job only *computes* outputs, e.g. for a reference solution), a tagged
      ``expected`` compared in the parent.
    - script: ``source`` is the candidate; each test's ``script`` holds assertion
      code (e.g. HumanEval's ``check``) that calls ``entry_point``.
    - stdio: ``source`` is a program; each test feeds ``stdin`` and compares stdout
      with ``expected`` after the ``normalizer``.

    Expected outputs never enter the sandbox.
    """

    id: str
    kind: JobKind
    source: str
    tests: list[TestCase]
    entry_point: str | None = None
    language: str = "python"
    normalizer: str = "default"  # stdio output normalizer name
    seeds: tuple[int, ...] = (0,)  # PYTHONHASHSEEDs; >1 seed detects flaky results
    stop_on_first_failure: bool = False
    meta: dict = field(default_factory=dict)  # free-form notes; execution semantics are the fields below
    # How the job runs and is compared. A job file (or older code) may still put these keys in
    # ``meta``: they are moved into the fields on construction, so both spellings mean the same.
    equality: Equality = "strict"  # output comparison (sandbox.compare.values_equal)
    fresh_module_per_group: bool = False  # each test group gets a freshly imported candidate module
    harness: Harness | None = None  # "evalplus": the process environment evalplus runs samples in
    adapter: str | None = None  # trusted wrapper code run beside the candidate (evaluate.adapters)
    call: str | None = None  # the adapter's entry point (default: entry_point)
    adapter_frames: int = 1  # adapter frames to drop from a traceback
    boxed: bool = False  # the adapter returns [value]: unwrap before comparing
    check_prelude: str = ""  # code run before a check script's asserts (HumanEval/32's helpers)
    group_budget: dict[str, float] | None = None  # seconds per test group (module code + its tests)
    test_program: str | None = None  # program jobs: the test program with its calls marked
    residual_program: str | None = None  # program jobs: what is left to run for its exit status
    compute_only: bool = False  # program jobs: tests without an expected value only compute outputs

    def __post_init__(self) -> None:
        move_meta_keys(self, SEMANTIC_KEYS)
        if self.equality not in get_args(Equality):
            raise ValueError(
                f"job {self.id}: equality must be one of {', '.join(get_args(Equality))}, "
                f"got {self.equality!r}"
            )
        if self.harness not in (None, *get_args(Harness)):
            raise ValueError(
                f"job {self.id}: harness must be one of {', '.join(get_args(Harness))}, got {self.harness!r}"
            )


@runtime_checkable
class Executor(Protocol):
    """A sandbox backend."""

    name: str

    def run(self, job: Job, limits: Limits) -> ExecResult:
        """Run ``job`` under ``limits``. Test failures are results, not exceptions."""
        ...

    def close(self) -> None:
        """Release pooled resources (containers, slots)."""
        ...


@dataclass
class RawOutcome:
    """What a backend observed of one sandboxed runner process.

    Backends only *execute* (``python3 runner.py`` inside the sandbox, the
    runner input on stdin) and report this; ``codejudge.sandbox.protocol``
    turns it into an ExecResult with the trusted comparator. So every backend
    shares one verdict path.
    """

    stdout: bytes  # the runner's result records (capped at limits.result_bytes)
    stderr: bytes  # capped at limits.output_bytes
    returncode: int | None  # None when killed by a signal or never reaped
    signal: int | None = None  # terminating signal, if any
    timed_out: bool = False  # killed by the outside wall clock
    oom_killed: bool = False  # killed by the kernel/cgroup for memory
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    duration_s: float = 0.0
    stopped: bool = False  # killed by the parent on purpose: a watch saw the first failure


# Called by a backend with each new piece of the runner's result channel, in order; returning
# True asks the backend to kill the runner now (the parent has seen all it needs). A backend
# that cannot stop early may ignore it: verdicts are the same, only slower.
Watch = Callable[[bytes], bool]


# Job fields that older job files and callers pass in ``Job.meta`` (moved into the fields).
SEMANTIC_KEYS = frozenset(
    {
        "equality",
        "fresh_module_per_group",
        "harness",
        "adapter",
        "call",
        "adapter_frames",
        "boxed",
        "check_prelude",
        "group_budget",
        "test_program",
        "residual_program",
        "compute_only",
    }
)
