"""The runner protocol every backend shares: what goes in, how results come out.

A backend only has to run ``runner_command()`` inside its sandbox with
``runner_files()`` placed at ``RUNNER_DIR`` (read-only), the bytes of
``build_input(job, limits, seed)`` on stdin and ``runner_env(seed)`` as the
environment, and report a ``RawOutcome``. ``parse`` then decides every verdict
in the trusted parent::

    def exec_one(stdin: bytes, wall_timeout_s: float, seed: int) -> RawOutcome: ...
    result = dispatch.run_job(job, limits, exec_one, backend="mybackend")

Record rules: exactly one record per test id; a missing record is attributed
(wall-clock kill -> timeout for the running test and the rest; OOM -> memory;
channel over its cap -> output limit; otherwise crashed); a duplicate, an
unknown id or a malformed line marks the whole job crashed. Expected outputs
never leave this process.
"""

from __future__ import annotations

import binascii
import json
import logging
import math
import reprlib
import signal
import sys
from array import array
from collections.abc import Callable
from typing import Any

from codejudge.errors import UnknownNameError
from codejudge.resources import resource_path
from codejudge.sandbox.base import Job, Limits, RawOutcome
from codejudge.sandbox.compare import compare_test, stdout_matches
from codejudge.types import ExecResult, TestResult, TestStatus
from codejudge.values import NotPlainData, decode

log = logging.getLogger(__name__)

RUNNER_DIR = "/cj"
STARTUP_S = 2.0  # interpreter + sandbox start, added to the job's wall clock
SETUP_KEY = "__setup__"
# How a test ended when the runner's process did not finish in time (what evalplus reports as a
# "timeout" status rather than "fail"): its group's whole time budget ran out, or the process
# was killed by the wall clock or the CPU limit.
BUDGET_DETAIL = "over the group's time budget"
WALL_CLOCK_DETAIL = "killed by the wall clock"
CPU_DETAIL = "CPU time limit exceeded"
PROCESS_TIMEOUTS = (BUDGET_DETAIL, WALL_CLOCK_DETAIL, CPU_DETAIL)

# exec_one(stdin, wall_s, seed, watch=None): a backend's single runner process. ``watch`` is
# optional for callers (and may be ignored by a backend that cannot stop a runner early).
ExecOne = Callable[..., RawOutcome]


# What the sandbox gets at RUNNER_DIR, flat: file name -> where it lives in the package. The
# runner imports ``values`` (the wire format, codejudge/values.py) as a sibling module.
RUNNER_FILES = {
    "runner.py": ("sandbox", "runner.py"),
    "values.py": ("values.py",),
    "polyrun.py": ("sandbox", "polyrun.py"),
    "toolchains.py": ("sandbox", "toolchains.py"),
}


def runner_files() -> dict[str, bytes]:
    """File name -> content to place (read-only) at ``RUNNER_DIR`` in the sandbox.
    ``polyrun.py`` and ``toolchains.py`` build and run programs in other languages (programs.py)."""
    return {name: resource_path(*parts).read_bytes() for name, parts in RUNNER_FILES.items()}


def runner_command(
    python: str = "/usr/bin/python3", runner_dir: str = RUNNER_DIR, script: str = "runner.py"
) -> list[str]:
    """argv for the runner (or another script of ``runner_files``). Not ``-I``: that implies
    ``-E``, which would ignore PYTHONHASHSEED; the environment is pinned by ``runner_env`` instead."""
    return [python, "-s", "-B", f"{runner_dir}/{script}"]


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
    if job.group_budget:  # the runner ends each group within its budget
        return STARTUP_S + 1.0 + sum(float(b) for b in job.group_budget.values())
    return STARTUP_S + setup_timeout(limits) + sum(_timeout(t.timeout_s, limits) for t in job.tests)


def build_input(job: Job, limits: Limits, seed: int = 0, **extra: Any) -> bytes:
    """The runner's stdin. Never contains expected outputs."""
    tests = []
    for t in job.tests:
        item: dict[str, Any] = {"id": t.id, "timeout_s": _timeout(t.timeout_s, limits)}
        if job.kind == "function":
            item["args"] = t.args if t.args is not None else []
            if job.fresh_module_per_group:
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
        "fresh_module_per_group": job.fresh_module_per_group,
        **extra,
    }
    if job.adapter:  # trusted wrapper, run beside (never inside) the candidate's module
        spec["adapter"], spec["call"] = job.adapter, job.call or job.entry_point
        spec["adapter_frames"] = int(job.adapter_frames or 1)
    if job.harness:  # "evalplus": the environment evalplus runs samples in (runner.py)
        spec["harness"], spec["memory_bytes"] = job.harness, limits.memory_mb << 20
    if job.group_budget:  # seconds per group for module code and tests together
        spec["group_budget"] = job.group_budget
    return json.dumps(spec, separators=(",", ":")).encode("utf-8")


def _missing_status(raw: RawOutcome) -> tuple[TestStatus, str]:
    """Why a test has no record, judged from how the runner process ended."""
    sig = raw.signal
    if sig is None and raw.returncode is not None and raw.returncode > 128:
        sig = raw.returncode - 128  # bwrap/docker report a child's signal as 128+N
    if raw.stopped:  # only after a failure, so parse_one marks the rest skipped first
        return TestStatus.SKIPPED, "not run: stopped at the first failure"
    if raw.timed_out:
        return TestStatus.TIMEOUT, f"{WALL_CLOCK_DETAIL} after {raw.duration_s:.1f}s"
    if raw.oom_killed:
        return TestStatus.MEMORY, "killed for exceeding the memory limit"
    if sig == signal.SIGXCPU:
        return TestStatus.TIMEOUT, CPU_DETAIL
    if raw.stdout_truncated or raw.stderr_truncated or sig == signal.SIGXFSZ:
        return TestStatus.OUTPUT_LIMIT, "output over the cap"
    if sig is not None:
        return TestStatus.CRASHED, f"killed by signal {sig}"
    return TestStatus.CRASHED, f"runner exited (code {raw.returncode}) without a record"


def _text(value: Any, limit: int) -> str:
    """A record field shown as text: only strings are taken as they are (a forged record may put
    a deeply nested list where a message belongs)."""
    return value[:limit] if type(value) is str else f"<{type(value).__name__}>"


def _from_record(job: Job, test: Any, rec: dict[str, Any]) -> TestResult:
    """One test's verdict from its record. Total: whatever the record holds (it comes from the
    candidate's process), the answer is a TestResult, never an exception."""
    dur = rec.get("dur")
    dur = float(dur) if type(dur) is float or (type(dur) is int and abs(dur) < 1 << 53) else 0.0
    res = TestResult(
        id=test.id,
        status=TestStatus.CRASHED,
        expected=test.expected,
        group=test.group,
        duration_s=dur if math.isfinite(dur) else 0.0,
    )
    cpu, rss = rec.get("cpu"), rec.get("rss")
    if isinstance(cpu, (int, float)) and type(cpu) is not bool and math.isfinite(cpu) and 0 <= cpu < 1e7:
        res.cpu_s = float(cpu)  # a stdio run's CPU time (codejudge.sandbox.polyrun, wait4)
    if type(rss) is int and 0 <= rss < 1 << 40:
        res.peak_rss_kb = rss
    if "error" in rec and type(rec["error"]) is dict:
        err = rec["error"]
        res.status = TestStatus.ERROR
        res.exception = f"{_text(err.get('type'), 200)}: {_text(err.get('message'), 2000)}"
        line = err.get("line")
        res.exc_line = line if type(line) is int else None
        res.exc_in_library = err.get("in_library") is True
        if err.get("type") == "MemoryError":
            res.status = TestStatus.MEMORY
    elif rec.get("timeout") is True:
        res.status = TestStatus.TIMEOUT
        limit = f"{test.timeout_s}s " if test.timeout_s else ""
        res.detail = BUDGET_DETAIL if rec.get("budget") is True else f"over the {limit}test limit"
    elif rec.get("memory") is True:
        res.status, res.detail = TestStatus.MEMORY, "MemoryError"
    elif rec.get("output_limit") is True:
        res.status, res.detail = TestStatus.OUTPUT_LIMIT, "printed more than the output cap"
    elif type(rec.get("signal")) is int:  # a program job's stdio test: the process died by a signal
        res.status, res.detail = TestStatus.CRASHED, f"killed by signal {rec['signal']}"
    elif "unserializable" in rec:
        res.status, res.detail = (
            TestStatus.FAILED,
            f"returned non-plain data ({str(rec['unserializable'])[:200]})",
        )
    elif "value" in rec:
        res.actual = rec["value"]
        if (
            job.kind == "function"
            and test.expected is not None
            and not test.oracle
            and job.equality == "python"
            and _same_tagged(test.expected, rec["value"])
        ):
            res.status = TestStatus.PASSED  # what the comparator would say, without decoding both sides
            return res
        try:
            actual = decode(rec["value"])
        except (NotPlainData, RecursionError):
            res.status, res.detail, res.actual = TestStatus.CRASHED, "malformed value in record", None
            return res
        if job.kind == "check" or (test.expected is None and (job.kind != "program" or job.compute_only)):
            # checker passed, or compute-only job (a program's call test always has an expected
            # value: None there is the value null, as in Go's assert.Equal(nil, F()); a derived-input
            # program job says compute_only, codejudge.ground.programs)
            res.status = TestStatus.PASSED
            return res
        try:
            if job.kind == "stdio" or test.kind == "stdio":  # a program job's stdio tests too
                ok = type(actual) is str and stdout_matches(test.expected, actual, job.normalizer, test.atol)
            else:
                expected = decode(test.expected)
                if job.boxed and type(actual) is list and len(actual) == 1:
                    expected, actual = expected[0], actual[0]  # see evaluate.adapters.box_none_expected
                ok = compare_test(test, expected, actual, job.equality)
        except UnknownNameError:
            raise  # a misconfigured job (unknown oracle or normalizer), not a candidate's doing
        except Exception as exc:  # noqa: BLE001 - the comparator is total; should it ever fail, the
            # candidate's value must still end as a plain verdict, never crash the run
            log.warning("comparing test %s of job %s raised %s: %s", test.id, job.id, type(exc).__name__, exc)
            ok, res.detail = False, f"output could not be compared ({type(exc).__name__})"
        res.status = TestStatus.PASSED if ok else TestStatus.FAILED
    else:
        res.detail = "record without an outcome"
    return res


def _same_tagged(expected: Any, actual: Any) -> bool:
    """True only when the two tagged outputs decode to values that Python's ``==`` finds equal:
    the same tagged form, without a NaN in it (the one value ``==`` does not find equal to
    itself). Decoding is what costs: HumanEval/130's expected outputs are 10 million packed
    floats, decoded twice per sample. False means "compare them the usual way", never "unequal".
    Not for strict equality (``[1] == [1.0]`` holds here too)."""
    try:
        return bool(expected == actual) and _nan_free(expected, 0)
    except RecursionError:
        return False


def _nan_free(value: Any, depth: int) -> bool:
    """No NaN in a tagged value that equals another one. A bare float NaN never gets here (two
    parses give two NaN objects, and ``==`` already said no); NaN is tagged ``{"$float": "nan"}``,
    or hidden in a packed ``$f64`` payload, whose sum is NaN then (an overflow to ``inf - inf``
    also gives NaN: a false alarm, which only costs the slow path)."""
    t = type(value)
    if t is list:
        return not (set(map(type, value)) & {list, dict}) or all(_nan_free(v, depth + 1) for v in value)
    if t is not dict:
        return True
    if depth > 200:
        return False
    if "$f64" in value:
        payload = value["$f64"]
        if type(payload) is not str:
            return False
        try:
            numbers = array("d", binascii.a2b_base64(payload.encode("ascii")))
        except (ValueError, binascii.Error):
            return False
        if sys.byteorder == "big":  # packed little-endian (values._pack)
            numbers.byteswap()
        total = sum(numbers)
        return total == total
    if value.get("$float") == "nan":
        return False
    return all(_nan_free(v, depth + 1) for v in value.values())


def parse_one(
    job: Job, limits: Limits, raw: RawOutcome, watch: FirstFailureWatch | None = None
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
        tests = [
            TestResult(id=t.id, status=TestStatus.CRASHED, expected=t.expected, detail=corrupt, group=t.group)
            for t in job.tests
        ]
        return tests, stdout, corrupt, list(records.values())
    setup = records.get(SETUP_KEY)
    results: list[TestResult] = []
    missing: tuple[TestStatus, str] | None = None
    per_group = job.fresh_module_per_group  # each group runs as if alone
    stopped: set[str | None] = set()  # groups (or None: the whole job) past their first failure
    for t in job.tests:
        if setup is not None:  # module failed to load: every test inherits that outcome
            res = _from_record(job, t, {**setup, "dur": 0.0})
        elif (t.group if per_group else None) in stopped:  # records that arrived after the first
            # failure are ignored: the parent may have stopped the runner mid-way (FirstFailureWatch),
            # and verdicts must not depend on when
            res = TestResult(
                id=t.id,
                status=TestStatus.SKIPPED,
                expected=t.expected,
                group=t.group,
                detail="not run: stopped at the first failure",
            )
        elif t.id in records:
            res = judged.get(t.id) or _from_record(job, t, records[t.id])
        else:
            missing = missing or _missing_status(raw)
            res = TestResult(
                id=t.id, status=missing[0], expected=t.expected, detail=missing[1], group=t.group
            )
        if job.stop_on_first_failure and res.status is not TestStatus.PASSED and t.id in records:
            stopped.add(t.group if per_group else None)
        results.append(res)
    detail = missing[1] if missing else ""
    return results, stdout, detail, list(records.values())


def parse(
    job: Job,
    limits: Limits,
    raws: list[RawOutcome],
    backend: str,
    watches: list[FirstFailureWatch | None] | None = None,
) -> ExecResult:
    """Verdicts for a job run once per seed; a test whose outcome differs between seeds is FLAKY."""
    if len(raws) != len(job.seeds) or not raws:
        raise ValueError(f"expected {len(job.seeds)} outcomes (one per seed), got {len(raws)}")
    watches = watches or [None] * len(raws)
    first, stdout, detail, _ = parse_one(job, limits, raws[0], watches[0])
    for seed, raw, watch in zip(job.seeds[1:], raws[1:], watches[1:]):
        other, _, _, _ = parse_one(job, limits, raw, watch)
        for a, b in zip(first, other):
            if a.status != b.status or not _same_output(a.actual, b.actual):
                a.detail = (
                    f"seed {job.seeds[0]}: {a.status.value} {_preview(a.actual)}; "
                    f"seed {seed}: {b.status.value} {_preview(b.actual)}"
                )
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


def _same_output(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)  # tagged JSON data; only nesting deeper than the stack can raise
    except RecursionError:
        return False


def _preview(value: Any) -> str:
    """A short, always computable view of a (tagged) output for messages."""
    return _REPR.repr(value)


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlevel = 4


class FirstFailureWatch:
    """Stops a runner at its first wrong answer, as evalplus's fail-fast does.

    The runner never sees expected outputs, so it cannot know an answer is wrong; this watch
    does, in the trusted parent: it reads records as they stream in and judges each with the
    same code as ``parse_one``. Exceptions and timeouts the runner already stops on itself."""

    def __init__(self, job: Job) -> None:
        self.job = job
        watched = job.tests
        if job.fresh_module_per_group and job.tests:
            # a failure ends only its own group; the runner must go on to the next groups, so
            # only a failure in the last group is worth a kill
            watched = [t for t in job.tests if t.group == job.tests[-1].group]
        self.tests = {t.id: t for t in watched if t.expected is not None}
        self.pending: list[bytes] = []  # pieces of a line not finished yet (joined once, when it is)
        # What was read is kept for parse_one, which would otherwise parse and judge it all again
        # (HumanEval/15's outputs are 147 MB): the records of the first lines, in order, and verdicts.
        self.parsed: list[Any] = []
        self.judged: dict[str, TestResult] = {}
        self.broken = False

    def __call__(self, chunk: bytes) -> bool:
        """Take the next piece of the result channel; True = stop the runner now. Never raises:
        it runs in a backend's reading loop or drain thread, where an exception would lose the
        job (``parse_one`` judges everything again on its own if this gives up)."""
        if self.broken:
            return False
        try:
            return self._judge(chunk)
        except Exception as exc:  # noqa: BLE001 - see the docstring
            log.warning("first-failure watch of job %s stopped: %s: %s", self.job.id, type(exc).__name__, exc)
            self.broken, self.parsed, self.judged = True, [], {}
            return False

    def _judge(self, chunk: bytes) -> bool:
        if b"\n" not in chunk:  # a long record arrives in many pieces: keep them, join once
            self.pending.append(chunk)
            return False
        self.pending.append(chunk)
        lines = b"".join(self.pending).split(b"\n")
        self.pending = [lines.pop()]
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
    if (
        job.stop_on_first_failure
        and job.kind in ("function", "stdio")
        and len(job.tests) > 1
        and any(t.expected is not None for t in job.tests)
    ):
        return FirstFailureWatch(job)
    return None


def run_runner_job(job: Job, limits: Limits, exec_one: ExecOne, backend: str) -> ExecResult:
    """Run a ``function``, ``stdio`` or ``check`` job (the Python runner's own kinds) with a
    backend's ``exec_one`` and decide every verdict here. Backends call ``dispatch.run_job``,
    which also takes the kinds built on top of these (``script``, ``program``)."""
    if job.kind not in ("function", "stdio", "check"):
        raise UnknownNameError("job kind", job.kind, ["function", "stdio", "check"])
    timeout = job_timeout(job, limits)
    raws, watches = [], []
    for seed in job.seeds:
        watch = _watch_for(job)
        raws.append(
            exec_one(build_input(job, limits, seed), timeout, seed, watch=watch)
            if watch
            else exec_one(build_input(job, limits, seed), timeout, seed)
        )
        watches.append(watch)
    return parse(job, limits, raws, backend, watches)
