"""The runner protocol every backend shares: what goes in, how results come out.

A backend only has to run ``runner_command()`` inside its sandbox with
``runner_files()`` placed at ``RUNNER_DIR`` (read-only), the bytes of
``build_input(job, limits, seed)`` on stdin and ``runner_env(seed)`` as the
environment, and report a ``RawOutcome``. ``parse`` then decides every verdict
in the trusted parent::

    def exec_one(stdin: bytes, wall_timeout_s: float, seed: int) -> RawOutcome: ...
    result = run_job(job, limits, exec_one, backend="mybackend")

Record rules: exactly one record per test id; a missing record is attributed
(wall-clock kill -> timeout for the running test and the rest; OOM -> memory;
channel over its cap -> output limit; otherwise crashed); a duplicate, an
unknown id or a malformed line marks the whole job crashed. Expected outputs
never leave this process.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from codejudge.sandbox.base import Job, Limits, RawOutcome
from codejudge.sandbox.compare import compare_test, stdout_matches
from codejudge.sandbox.values import NotPlainData, decode
from codejudge.types import ExecResult, TestResult, TestStatus

RUNNER_DIR = "/cj"
STARTUP_S = 2.0  # interpreter + sandbox start, added to the job's wall clock
SETUP_KEY = "__setup__"
_HERE = Path(__file__).resolve().parent

# exec_one(stdin, wall_s, seed, watch=None): a backend's single runner process. ``watch`` is
# optional for callers (and may be ignored by a backend that cannot stop a runner early).
ExecOne = Callable[..., RawOutcome]


def runner_files() -> dict[str, bytes]:
    """File name -> content to place (read-only) at ``RUNNER_DIR`` in the sandbox."""
    return {name: (_HERE / name).read_bytes() for name in ("runner.py", "values.py")}


def runner_command(python: str = "/usr/bin/python3", runner_dir: str = RUNNER_DIR) -> list[str]:
    """argv for the runner. Not ``-I``: that implies ``-E``, which would ignore
    PYTHONHASHSEED; the environment is pinned by ``runner_env`` instead."""
    return [python, "-s", "-B", f"{runner_dir}/runner.py"]


def runner_env(seed: int, home: str = "/tmp") -> dict[str, str]:
    """The whole environment of the runner: nothing from the host."""
    return {
        "PYTHONHASHSEED": str(seed),
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "PATH": "/usr/bin:/bin",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def _timeout(test_timeout: float | None, limits: Limits) -> float:
    return float(test_timeout or limits.timeout_s)


def setup_timeout(limits: Limits) -> float:
    """Time allowed for executing the candidate module itself (imports, top-level code)."""
    return max(limits.timeout_s, 5.0)


def job_timeout(job: Job, limits: Limits) -> float:
    """Wall clock for one runner process, enforced from outside the sandbox."""
    if limits.job_timeout_s is not None:
        return float(limits.job_timeout_s)
    return STARTUP_S + setup_timeout(limits) + sum(_timeout(t.timeout_s, limits) for t in job.tests)


def build_input(job: Job, limits: Limits, seed: int = 0, **extra: Any) -> bytes:
    """The runner's stdin. Never contains expected outputs."""
    tests = []
    for t in job.tests:
        item: dict[str, Any] = {"id": t.id, "timeout_s": _timeout(t.timeout_s, limits)}
        if job.kind == "function":
            item["args"] = t.args if t.args is not None else []
            if job.meta.get("fresh_module_per_group"):
                item["group"] = t.group
        elif job.kind == "stdio":
            item["stdin"] = t.stdin or ""
        elif job.kind == "check":
            item["script"] = t.script or ""
        tests.append(item)
    spec = {
        "kind": job.kind,
        "source": job.source,
        "entry_point": job.entry_point,
        "tests": tests,
        "seed": seed,
        "output_bytes": limits.output_bytes,
        "setup_timeout_s": setup_timeout(limits),
        "stop_on_first_failure": job.stop_on_first_failure,
        "fresh_module_per_group": bool(job.meta.get("fresh_module_per_group")),
        **extra,
    }
    return json.dumps(spec, separators=(",", ":")).encode("utf-8")


def _missing_status(raw: RawOutcome) -> tuple[TestStatus, str]:
    """Why a test has no record, judged from how the runner process ended."""
    sig = raw.signal
    if sig is None and raw.returncode is not None and raw.returncode > 128:
        sig = raw.returncode - 128  # bwrap/docker report a child's signal as 128+N
    if raw.stopped:  # only after a failure, so parse_one marks the rest skipped first
        return TestStatus.SKIPPED, "not run: stopped at the first failure"
    if raw.timed_out:
        return TestStatus.TIMEOUT, f"killed by the wall clock after {raw.duration_s:.1f}s"
    if raw.oom_killed:
        return TestStatus.MEMORY, "killed for exceeding the memory limit"
    if sig == signal.SIGXCPU:
        return TestStatus.TIMEOUT, "CPU time limit exceeded"
    if raw.stdout_truncated or raw.stderr_truncated or sig == signal.SIGXFSZ:
        return TestStatus.OUTPUT_LIMIT, "output over the cap"
    if sig is not None:
        return TestStatus.CRASHED, f"killed by signal {sig}"
    return TestStatus.CRASHED, f"runner exited (code {raw.returncode}) without a record"


def _from_record(job: Job, test: Any, rec: dict[str, Any]) -> TestResult:
    dur = rec.get("dur")
    res = TestResult(id=test.id, status=TestStatus.CRASHED, expected=test.expected, group=test.group,
                     duration_s=float(dur) if isinstance(dur, (int, float)) else 0.0)
    if "error" in rec and type(rec["error"]) is dict:
        err = rec["error"]
        res.status = TestStatus.ERROR
        res.exception = f"{str(err.get('type'))[:200]}: {str(err.get('message'))[:2000]}"
        line = err.get("line")
        res.exc_line = line if type(line) is int else None
        res.exc_in_library = err.get("in_library") is True
        if err.get("type") == "MemoryError":
            res.status = TestStatus.MEMORY
    elif rec.get("timeout") is True:
        res.status, res.detail = TestStatus.TIMEOUT, f"over the {test.timeout_s or 'default'}s test limit"
    elif rec.get("memory") is True:
        res.status, res.detail = TestStatus.MEMORY, "MemoryError"
    elif rec.get("output_limit") is True:
        res.status, res.detail = TestStatus.OUTPUT_LIMIT, "printed more than the output cap"
    elif "unserializable" in rec:
        res.status, res.detail = TestStatus.FAILED, f"returned non-plain data ({str(rec['unserializable'])[:200]})"
    elif "value" in rec:
        res.actual = rec["value"]
        try:
            actual = decode(rec["value"])
        except (NotPlainData, RecursionError):
            res.status, res.detail, res.actual = TestStatus.CRASHED, "malformed value in record", None
            return res
        if job.kind == "check" or test.expected is None:
            res.status = TestStatus.PASSED  # checker passed, or compute-only job
        elif job.kind == "stdio":
            ok = type(actual) is str and stdout_matches(test.expected, actual, job.normalizer, test.atol)
            res.status = TestStatus.PASSED if ok else TestStatus.FAILED
        else:
            ok = compare_test(test, decode(test.expected), actual, job.meta.get("equality", "strict"))
            res.status = TestStatus.PASSED if ok else TestStatus.FAILED
    else:
        res.detail = "record without an outcome"
    return res


def parse_one(job: Job, limits: Limits, raw: RawOutcome, watch: FirstFailureWatch | None = None
              ) -> tuple[list[TestResult], str, str, list[dict]]:
    """Verdicts from one runner process: (results, captured stdout, job detail, raw records).
    ``watch``: the lines it already parsed and the verdicts it already made are reused."""
    ids = {t.id for t in job.tests}
    records: dict[str, dict] = {}
    corrupt = ""
    lines = raw.stdout.split(b"\n")
    parsed = watch.parsed if watch is not None else []
    judged = watch.judged if watch is not None else {}
    for i, line in enumerate(lines[:-1]):  # the last piece has no newline: incomplete, ignored
        try:
            rec = parsed[i] if i < len(parsed) else json.loads(line)
        except (ValueError, RecursionError):
            corrupt = "malformed line on the result channel"
            break
        rid = rec.get("id") if type(rec) is dict else None
        if type(rid) is not str or (rid not in ids and rid != SETUP_KEY):
            corrupt = f"unexpected record id {str(rid)[:50]!r}"
            break
        if rid in records:
            corrupt = f"duplicate record for test {rid!r}"
            break
        records[rid] = rec
    stdout = "".join(str(r.get("stdout", "")) for r in records.values())[: limits.output_bytes]
    if corrupt:
        tests = [TestResult(id=t.id, status=TestStatus.CRASHED, expected=t.expected, detail=corrupt, group=t.group)
                 for t in job.tests]
        return tests, stdout, corrupt, list(records.values())
    setup = records.get(SETUP_KEY)
    results: list[TestResult] = []
    missing: tuple[TestStatus, str] | None = None
    per_group = bool(job.meta.get("fresh_module_per_group"))  # each group runs as if alone
    stopped: set[str | None] = set()  # groups (or None: the whole job) past their first failure
    for t in job.tests:
        if setup is not None:  # module failed to load: every test inherits that outcome
            res = _from_record(job, t, {**setup, "dur": 0.0})
        elif (t.group if per_group else None) in stopped:  # records that arrived after the first
            # failure are ignored: the parent may have stopped the runner mid-way (FirstFailureWatch),
            # and verdicts must not depend on when
            res = TestResult(id=t.id, status=TestStatus.SKIPPED, expected=t.expected, group=t.group,
                             detail="not run: stopped at the first failure")
        elif t.id in records:
            res = judged.get(t.id) or _from_record(job, t, records[t.id])
        else:
            missing = missing or _missing_status(raw)
            res = TestResult(id=t.id, status=missing[0], expected=t.expected, detail=missing[1], group=t.group)
        if job.stop_on_first_failure and res.status is not TestStatus.PASSED and t.id in records:
            stopped.add(t.group if per_group else None)
        results.append(res)
    detail = missing[1] if missing else ""
    return results, stdout, detail, list(records.values())


def parse(job: Job, limits: Limits, raws: list[RawOutcome], backend: str,
          watches: list[FirstFailureWatch | None] | None = None) -> ExecResult:
    """Verdicts for a job run once per seed; a test whose outcome differs between seeds is FLAKY."""
    if len(raws) != len(job.seeds) or not raws:
        raise ValueError(f"expected {len(job.seeds)} outcomes (one per seed), got {len(raws)}")
    watches = watches or [None] * len(raws)
    first, stdout, detail, _ = parse_one(job, limits, raws[0], watches[0])
    for seed, raw, watch in zip(job.seeds[1:], raws[1:], watches[1:]):
        other, _, _, _ = parse_one(job, limits, raw, watch)
        for a, b in zip(first, other):
            if (a.status, a.actual) != (b.status, b.actual):
                a.detail = f"seed {job.seeds[0]}: {a.status.value} {str(a.actual)[:80]}; seed {seed}: {b.status.value} {str(b.actual)[:80]}"
                a.status = TestStatus.FLAKY
    return ExecResult(
        job_id=job.id,
        tests=first,
        stdout=stdout,
        stderr=raws[0].stderr[: limits.output_bytes].decode("utf-8", "replace"),
        duration_s=sum(r.duration_s for r in raws),
        backend=backend,
        detail=detail,
    )


class FirstFailureWatch:
    """Stops a runner at its first wrong answer, as evalplus's fail-fast does.

    The runner never sees expected outputs, so it cannot know an answer is wrong; this watch
    does, in the trusted parent: it reads records as they stream in and judges each with the
    same code as ``parse_one``. Exceptions and timeouts the runner already stops on itself."""

    def __init__(self, job: Job) -> None:
        self.job = job
        watched = job.tests
        if job.meta.get("fresh_module_per_group") and job.tests:
            # a failure ends only its own group; the runner must go on to the next groups, so
            # only a failure in the last group is worth a kill
            watched = [t for t in job.tests if t.group == job.tests[-1].group]
        self.tests = {t.id: t for t in watched if t.expected is not None}
        self.pending = b""
        # What was read is kept for parse_one, which would otherwise parse and judge it all again
        # (HumanEval/15's outputs are 147 MB): the records of the first lines, in order, and verdicts.
        self.parsed: list[Any] = []
        self.judged: dict[str, TestResult] = {}
        self.broken = False

    def __call__(self, chunk: bytes) -> bool:
        if self.broken:
            return False
        lines = (self.pending + chunk).split(b"\n")
        self.pending = lines.pop()
        for line in lines:
            try:
                rec = json.loads(line)
                rid = rec.get("id") if type(rec) is dict else None
                test = self.tests.get(rid) if type(rid) is str else None
            except (ValueError, RecursionError, TypeError, AttributeError):
                self.broken = True  # malformed: parse_one will say so; let the runner end normally
                return False
            self.parsed.append(rec)
            if test is not None:
                res = self.judged[test.id] = _from_record(self.job, test, rec)
                if res.status is not TestStatus.PASSED:
                    return True
        return False


def _watch_for(job: Job) -> FirstFailureWatch | None:
    if job.stop_on_first_failure and job.kind in ("function", "stdio") and len(job.tests) > 1 \
            and any(t.expected is not None for t in job.tests):
        return FirstFailureWatch(job)
    return None


def run_job(job: Job, limits: Limits, exec_one: ExecOne, backend: str) -> ExecResult:
    """Run ``job`` with a backend's ``exec_one`` and decide every verdict here."""
    if job.kind == "script":
        from codejudge.sandbox.asserts import run_script_job

        return run_script_job(job, limits, exec_one, backend)
    if job.kind not in ("function", "stdio", "check"):
        from codejudge.errors import UnknownNameError

        raise UnknownNameError("job kind", job.kind, ["function", "script", "stdio"])
    timeout = job_timeout(job, limits)
    raws, watches = [], []
    for seed in job.seeds:
        watch = _watch_for(job)
        raws.append(exec_one(build_input(job, limits, seed), timeout, seed, watch=watch) if watch
                    else exec_one(build_input(job, limits, seed), timeout, seed))
        watches.append(watch)
    return parse(job, limits, raws, backend, watches)
