"""The few value types every layer shares. Plain dataclasses, JSON-serializable.

Values that cross the sandbox boundary (test inputs, expected and actual
outputs) are stored in their *tagged* JSON form (see
``codejudge.values``), so every record here round-trips through JSON
without losing tuples, sets, bytes, NaN or infinities.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

# Closed vocabularies that cross layers as strings (JSON records, CLI output); mypy checks them.
JobKind = Literal["function", "script", "stdio", "program", "check"]  # codejudge.sandbox.base.Job
Winner = Literal["A", "B", "tie"]  # a pairwise Verdict
# A derived test's source (codejudge.ground): what produced its expected output or check.
TestSource = Literal["statement", "reference", "differential", "property", "llm"]
# What decided a Verdict: tests given with the item, cost, static findings, the LLM, nothing,
# "not_run" (codejudge could not run the code), derived tests of one source, or a disagreement
# between the answers on derived inputs.
DecidedBy = Literal["tests", "cost", "static", "llm", "none", "not_run", "disagreement", TestSource]
Severity = Literal["error", "warning", "note"]  # a Finding's, as SARIF levels
FindingSource = Literal["static", "dynamic", "repair", "reference"]  # the evidence behind a Finding


class TestStatus(str, enum.Enum):
    """Closed verdict vocabulary for one test (and, derived, for a job)."""

    PASSED = "passed"
    FAILED = "failed"  # ran, wrong output
    ERROR = "error"  # raised an exception
    TIMEOUT = "timeout"
    MEMORY = "memory"  # memory limit hit (MemoryError or OOM kill)
    OUTPUT_LIMIT = "output_limit"  # stdout/stderr/result channel over the cap
    CRASHED = "crashed"  # killed by a signal, exited early, or produced no record
    FLAKY = "flaky"  # different results across seeds: never a pass
    SKIPPED = "skipped"  # not run because the job stopped early (counts as not passed)

    __test__ = False  # keep pytest from collecting this as a test class


# Order used to derive a job's status from its tests: the first that occurs wins.
_JOB_STATUS_PRIORITY = [
    TestStatus.FLAKY,
    TestStatus.OUTPUT_LIMIT,
    TestStatus.MEMORY,
    TestStatus.TIMEOUT,
    TestStatus.CRASHED,
    TestStatus.ERROR,
    TestStatus.FAILED,
    TestStatus.SKIPPED,
]


# Field metadata for values that are already JSON (tagged values): copied as they are. Walking
# them element by element cost minutes on HumanEval+ outputs of 10^5 items.
TAGGED: dict[str, Any] = {"tagged": True}


def _asdict(obj: Any) -> dict[str, Any]:
    def conv(v: Any) -> Any:
        if isinstance(v, enum.Enum):
            return v.value
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {
                f.name: getattr(v, f.name) if f.metadata.get("tagged") else conv(getattr(v, f.name))
                for f in dataclasses.fields(v)
            }
        if isinstance(v, (list, tuple)):
            return [conv(x) for x in v]
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return v

    return conv(obj)


@dataclass
class TestCase:
    """One test of a problem.

    ``kind`` is ``function`` (``args`` -> ``expected``), ``stdio`` (``stdin`` ->
    ``expected`` stdout), or ``script`` (``script`` holds assertion code).
    ``args`` and ``expected`` are tagged values (codejudge.values).
    """

    __test__ = False

    id: str
    kind: str = "function"
    args: Any = field(default=None, metadata=TAGGED)
    expected: Any = field(default=None, metadata=TAGGED)
    stdin: str | None = None
    script: str | None = None
    atol: float = 0.0
    timeout_s: float | None = None
    oracle: str | None = None  # name of a trusted special comparator (see sandbox.compare)
    group: str = "base"  # "base" or "plus" for evalplus datasets

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TestCase:
        return cls(**d)


@dataclass
class Problem:
    """A coding problem with tests."""

    id: str
    prompt: str
    entry_point: str | None = None
    reference: str | None = None  # reference (canonical) solution, full source
    tests: list[TestCase] = field(default_factory=list)
    language: str = "python"
    atol: float = 0.0
    source: str = ""  # dataset name
    version: str = ""  # dataset version or hash
    meta: dict[str, Any] = field(default_factory=dict)  # free-form notes (line, hash, dataset, buggy...)
    # How the problem's tests run. Older problem files (and callers) may still put these keys in
    # ``meta``: they are moved into the fields on construction, so both spellings mean the same.
    adapter: str | None = None  # trusted wrapper code run beside the candidate (evaluate.adapters)
    call: str | None = None  # the adapter's entry point (default: entry_point)
    adapter_frames: int = 0  # wrapper calls between the job's call and the candidate (1 with an adapter)
    boxed: bool = False  # the adapter returns [value]: unwrap before comparing
    check_prelude: str = ""  # code run before a check script's asserts (HumanEval/32's helpers)
    base_only: bool = False  # one group of tests (no "plus" group is expected)
    header: str = ""  # what a candidate's own file starts from (HumanEvalPack: includes/imports)
    reference_s: float = 0.0  # seconds the reference took on the tests (long tasks start first)
    dropped_tests: list[str] = field(default_factory=list)  # tests the reference failed, with why

    def __post_init__(self) -> None:
        move_meta_keys(self, PROBLEM_SEMANTIC_KEYS)
        if self.adapter and not self.adapter_frames:
            self.adapter_frames = 1  # an adapter is at least one wrapper call above the candidate

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Problem:
        d = dict(d)
        d["tests"] = [TestCase.from_dict(t) for t in d.get("tests", [])]
        return cls(**d)


def move_meta_keys(obj: Any, keys: frozenset[str]) -> None:
    """Move the ``keys`` an older file or caller put in ``obj.meta`` into ``obj``'s fields of the
    same names (``meta`` is copied first: the caller's dict is left as it was)."""
    moved = keys & obj.meta.keys()
    if moved:
        obj.meta = dict(obj.meta)
        for key in moved:
            setattr(obj, key, obj.meta.pop(key))


# Problem fields that older problem files and callers pass in ``Problem.meta`` (moved into the fields).
PROBLEM_SEMANTIC_KEYS = frozenset(
    {
        "adapter",
        "call",
        "adapter_frames",
        "boxed",
        "check_prelude",
        "base_only",
        "header",
        "reference_s",
        "dropped_tests",
    }
)


@dataclass
class Candidate:
    """A candidate solution: code already extracted from any markdown."""

    problem_id: str
    code: str
    origin: str = ""  # model name or file
    index: int = 0  # sample index for pass@k

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class TestResult:
    """Outcome of one test, decided by the trusted parent process."""

    __test__ = False

    id: str
    status: TestStatus
    expected: Any = field(default=None, metadata=TAGGED)
    actual: Any = field(default=None, metadata=TAGGED)  # as returned by the sandbox
    exception: str | None = None  # "ValueError: message"
    exc_line: int | None = None  # line in the candidate source where it was raised
    exc_in_library: bool = False  # raised inside a library (not candidate) frame
    duration_s: float = 0.0
    detail: str = ""
    group: str = "base"
    # How the verdict was reached: "outputs" (the returned value, compared outside the sandbox)
    # or "exit_status" (a test program that could not be turned into outputs ended with status 0;
    # weaker: decided inside the candidate's process).
    verdict_source: str = "outputs"
    # A whole program's run (a program job's stdio test): the kernel's count of its CPU seconds
    # and peak resident memory (KiB), read by the sandbox's supervisor with wait4; else None.
    cpu_s: float | None = None
    peak_rss_kb: int | None = None

    @property
    def passed(self) -> bool:
        return self.status is TestStatus.PASSED

    def to_dict(self) -> dict[str, Any]:
        # Spelled out: a HumanEval+ run writes ~10^5 of these and the generic walk dominated
        return {
            "id": self.id,
            "status": self.status.value,
            "expected": self.expected,
            "actual": self.actual,
            "exception": self.exception,
            "exc_line": self.exc_line,
            "exc_in_library": self.exc_in_library,
            "duration_s": self.duration_s,
            "detail": self.detail,
            "group": self.group,
            "verdict_source": self.verdict_source,
            "cpu_s": self.cpu_s,
            "peak_rss_kb": self.peak_rss_kb,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TestResult:
        d = dict(d)
        d["status"] = TestStatus(d["status"])
        return cls(**d)


@dataclass(frozen=True, order=True)
class JobKey:
    """What one evaluation job runs: sample ``index`` of task ``task_id``, on test ``group``.

    On the wire (``Job.id``, ``ExecResult.job_id``, resume logs) it is
    ``task::index::group``; ``format``/``parse`` are the only places that know it
    (a task id may itself contain ``::``: the last two parts are index and group).

    >>> key = JobKey("HumanEval/0", 3, "base")
    >>> str(key)
    'HumanEval/0::3::base'
    >>> JobKey.parse("HumanEval/0::3::base") == key, key.sample
    (True, ('HumanEval/0', 3))
    """

    task_id: str
    index: int
    group: str

    SEP: ClassVar[str] = "::"

    def format(self) -> str:
        return f"{self.task_id}{self.SEP}{self.index}{self.SEP}{self.group}"

    __str__ = format

    @property
    def sample(self) -> tuple[str, int]:
        """(task id, sample index): the sample the job belongs to, whatever its group."""
        return self.task_id, self.index

    @classmethod
    def parse(cls, job_id: str) -> JobKey:
        """The key of ``task::index::group``; a ValueError naming the id when it is not one."""
        parts = job_id.rsplit(cls.SEP, 2)
        if len(parts) != 3 or not parts[1].lstrip("-").isdigit():
            raise ValueError(f"not a job id of the form task::index::group: {job_id!r}")
        return cls(parts[0], int(parts[1]), parts[2])


@dataclass
class ExecResult:
    """Outcome of one job: per-test results plus captured output.

    The job status is derived from the tests: passed only if there is at least
    one test and every test passed.
    """

    job_id: str
    tests: list[TestResult] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    duration_s: float = 0.0
    backend: str = ""
    detail: str = ""  # job-level note (e.g. "killed by wall clock after 3.0s")

    @property
    def status(self) -> TestStatus:
        if not self.tests:
            return TestStatus.CRASHED
        present = {t.status for t in self.tests}
        for s in _JOB_STATUS_PRIORITY:
            if s in present:
                return s
        return TestStatus.PASSED

    @property
    def passed(self) -> bool:
        return self.status is TestStatus.PASSED

    def to_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "tests": [t.to_dict() for t in self.tests],
            "stdout": self.stdout,
            "stderr": self.stderr,
            "duration_s": self.duration_s,
            "backend": self.backend,
            "detail": self.detail,
            "status": self.status.value,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExecResult:
        d = {k: v for k, v in d.items() if k != "status"}
        d["tests"] = [TestResult.from_dict(t) for t in d.get("tests", [])]
        return cls(**d)


@dataclass
class Location:
    path: str
    line: int  # 1-based
    column: int  # 1-based, in unicode code points
    end_line: int | None = None
    end_column: int | None = None


@dataclass
class Finding:
    """A mistake tag and the evidence that produced it.

    ``source`` names the evidence: "static" (a tree-sitter rule), "dynamic" (a pattern in
    the test results), "repair" (a single edit made the failing tests pass) or "reference"
    (a small difference from a reference solution). ``confidence`` (0-1) is how often a tag
    of this kind was right where measured (docs/analyzer.md); consumers keep only the tags
    above a threshold (``codejudge.analyze.combine.DEFAULT_MIN_CONFIDENCE``).
    """

    code: str  # stable rule code, e.g. "CJ701"
    category: str  # taxonomy category id, e.g. "index_off"
    message: str
    location: Location | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: Severity = "warning"
    source: FindingSource = "static"
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class Evidence:
    """Everything gathered about one candidate before judging it."""

    candidate_id: str
    exec_result: ExecResult | None = None
    findings: list[Finding] = field(default_factory=list)
    cost: dict[str, float] = field(default_factory=dict)  # e.g. {"seconds": .., "bytecodes": ..}
    # Why codejudge could not run the code (unknown language, no toolchain or runner here), None if it ran
    # or no tests were given; and how the code was taken out of the answer (blocks used, main stripped...).
    not_run: str | None = None
    extraction: dict[str, Any] = field(default_factory=dict)
    # Why the answer holds no code (prose only, another language's code): a property of the answer,
    # not a failure of codejudge's: it passes no test. None when code was found.
    no_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class Verdict:
    """A judgment: a value, never an exception.

    Pairwise: ``winner`` in {"A", "B", "tie"}. Single answer: ``score``.
    ``decided_by`` is one of "tests", "cost", "static", "llm", "none", "not_run" (codejudge could
    not run the code: the rationale says why; never reported as an ordinary tie), or a source of
    derived tests ("reference", "statement", "property", "disagreement", ...: see ``codejudge.ground``).
    """

    winner: Winner | None = None
    score: float | None = None
    confidence: float = 0.0
    decided_by: DecidedBy = "none"
    rationale: str = ""
    llm_raw: str | None = None
    parse_error: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)
