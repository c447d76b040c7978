"""Run a response on derived inputs in the sandbox and bring back *outputs only*.

Every derived input runs as a compute-only job (no expected value enters the
sandbox); what comes back is a tagged value, decoded here into exact builtin
types, or the status the trusted parent attributed (error, timeout, memory,
crash). All comparisons happen afterwards, in this process, so a response can
influence which derived tests are kept only through the values it returns.

>>> o = Outcome("ok", value=3)
>>> o.ok, o.describe()
(True, 'returned 3')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from codejudge.ground.plan import Plan
from codejudge.ground.values import short
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import ExecResult, TestCase, TestResult, TestStatus
from codejudge.values import NotPlainData, decode, encode

WALL_CLOCK = "killed by the wall clock"


@dataclass
class Probe:
    """One input to run: positional ``args`` (function/method style) or ``stdin`` (programs)."""

    id: str
    args: list[Any] | None = None
    stdin: str | None = None


@dataclass
class Outcome:
    """What one response did on one input, as seen from outside the sandbox."""

    status: str  # ok | error | timeout | memory | crash | output_limit | bad_value | not_run
    value: Any = None
    exception: str = ""
    deliberate: bool = False  # raised by the response's own `raise`/`assert`: it rejects the input
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def describe(self) -> str:
        if self.ok:
            return f"returned {short(self.value)}"
        if self.status == "error":
            return f"raised {self.exception[:100]}"
        return {
            "timeout": "timed out",
            "memory": "ran out of memory",
            "crash": "crashed",
            "output_limit": "printed more than the output cap",
            "bad_value": "returned non-plain data",
            "not_run": "not run (job stopped)",
        }.get(self.status, self.status)


def encodable(values: list[Any]) -> bool:
    try:
        encode(values)
    except (NotPlainData, RecursionError):
        return False
    return True


def _deliberate(source: str, line: int | None, in_library: bool) -> bool:
    if line is None or in_library:
        return False
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return False
    return lines[line - 1].strip().startswith(("raise", "assert"))


def run_probes(
    executor: Executor,
    code: str,
    plan: Plan,
    probes: list[Probe],
    timeout_s: float = 2.0,
    job_timeout_s: float = 40.0,
    seed: int = 0,
    job_id: str = "derived",
) -> list[Outcome]:
    """Outcomes of ``probes`` for one response (``plan`` says how to call it), in order.
    Python only: responses in JavaScript, C++, Java, Go and Rust run as program jobs
    (``codejudge.ground.programs.run_probes`` dispatches by language)."""
    if not probes or not plan.runnable:
        return [Outcome("not_run") for _ in probes]
    source = plan.source(code)
    stdio = plan.style == "stdio"
    tests = [
        TestCase(
            id=p.id,
            kind="stdio" if stdio else "function",
            args=None if stdio else encode(p.args or []),
            stdin=p.stdin if stdio else None,
            expected=None,
            timeout_s=timeout_s,
        )
        for p in probes
    ]
    job = Job(
        id=job_id,
        kind="stdio" if stdio else "function",
        source=source,
        tests=tests,
        entry_point=plan.job_entry,
        seeds=(seed,),
    )
    result = executor.run(job, Limits(timeout_s=timeout_s, job_timeout_s=job_timeout_s))
    return outcomes(
        probes, result, lambda tr: _deliberate(source, tr.exc_line, tr.exc_in_library), WALL_CLOCK
    )


def died_at(outs: list[Outcome]) -> int | None:
    """In one process's outcomes (in run order): the input it died or was stopped on, when the
    inputs after it are reported the same way only because they never ran.

    A program job runs every input in one process: a stack overflow or an abort ends it, a watchdog
    kills it, and every input still to come is reported crashed or timed out too. Only the first
    such input did that; the rest are unknown (None: nothing of the kind happened).
    """
    for k, o in enumerate(outs):
        if o.status in ("crash", "timeout"):
            rest = [r for r in outs[k + 1 :] if r.status != "not_run"]  # (an input never written)
            return k if rest and all(r.status == o.status for r in rest) else None
    return None


def outcomes(
    probes: list[Probe],
    result: ExecResult,
    deliberate: Callable[[TestResult], bool],
    wall_clock: str = WALL_CLOCK,
) -> list[Outcome]:
    """Each probe's outcome from the sandbox's result (one per probe, in order); ``deliberate``
    says whether an error is the answer rejecting the input on purpose."""
    by_id = {t.id: t for t in result.tests}
    out: list[Outcome] = []
    wall_clock_seen = False
    for p in probes:
        tr = by_id.get(p.id)
        if tr is None:
            out.append(Outcome("not_run"))
            continue
        st = tr.status
        if st is TestStatus.PASSED:
            try:
                out.append(Outcome("ok", value=decode(tr.actual), duration_s=tr.duration_s))
            except (NotPlainData, RecursionError):
                out.append(Outcome("bad_value"))
        elif st is TestStatus.ERROR:
            out.append(
                Outcome(
                    "error", exception=tr.exception or "", duration_s=tr.duration_s, deliberate=deliberate(tr)
                )
            )
        elif st is TestStatus.TIMEOUT:
            # After an outside kill, only the input that was running timed out; the rest never ran.
            if wall_clock in (tr.detail or ""):
                out.append(Outcome("not_run" if wall_clock_seen else "timeout"))
                wall_clock_seen = True
            else:
                out.append(Outcome("timeout", duration_s=tr.duration_s))
        elif st is TestStatus.MEMORY:
            out.append(Outcome("memory"))
        elif st is TestStatus.OUTPUT_LIMIT:
            out.append(Outcome("output_limit"))
        elif st is TestStatus.FAILED:  # compute-only jobs fail only on non-plain return values
            out.append(Outcome("bad_value"))
        elif st is TestStatus.SKIPPED:
            out.append(Outcome("not_run"))
        else:
            out.append(Outcome("crash", exception=(tr.detail or "")[:200]))
    return out
