"""Measured cost of a Python solution on given inputs, inside the sandbox.

Cost is evidence for *efficiency* preferences. Three numbers per input:

- ``steps``: bytecode instructions executed, counted with ``sys.settrace``
  opcode events in the sandboxed process. Deterministic for a fixed hash seed,
  so two runs on different machines agree, which wall time never does.
- ``seconds``: wall time of one untraced call (reported, but too noisy to decide);
- ``peak``: peak bytes allocated during one call, from ``tracemalloc`` (deterministic
  for a fixed hash seed up to small allocator caches); decides only when the step
  counts are similar, and only by a wide margin.

The measuring harness is appended to the candidate and run as a normal
``function`` job whose outputs are the measurements (``expected=None``), so the
sandbox, not the judge, runs the untrusted code.

>>> from codejudge.sandbox import get_executor                 # doctest: +SKIP
>>> measure_cost(get_executor("bwrap"), "def f(n):\\n    return sum(range(n))", "f",
...              [encode([10])])                               # doctest: +SKIP
{'steps': 17, 'seconds': 1.2e-06, 'peak_bytes': 0, 'inputs': 1, 'capped': 0, ...}
"""

from __future__ import annotations

from typing import Any

from codejudge.resources import program_source
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import TestCase, Winner
from codejudge.values import decode

# The measuring code (a real module, appended to the candidate in the sandbox). Its names start
# with "_cj_" to stay clear of user code.
HARNESS_PARTS = ("judge", "cost_harness.py")
STEP_CAP = 5_000_000  # stop counting past this (the wall clock still bounds the run)
MEMORY_RATIO = 1.5  # peak memory decides only at 1.5x ...
MEMORY_MIN_BYTES = 64 * 1024  # ... and 64 KiB apart: allocator caches and small objects never decide


def cost_job(job_id: str, source: str, entry_point: str, tests: list[TestCase]) -> Job:
    """A function job whose outputs are ``[steps, seconds, peak bytes]`` per test input.

    Function tests are measured on their ``args``; script tests by running the
    script (which calls the entry point) under the counter. Stdio tests are not
    measured (the program's own process startup would dominate).
    """
    harness = "\n\n" + program_source(*HARNESS_PARTS, _CJ_ENTRY=entry_point, _CJ_STEP_CAP=STEP_CAP)
    measured: list[TestCase] = []
    scripted = False
    for t in tests:
        if t.kind == "function":
            measured.append(TestCase(id=t.id, args=t.args, expected=None, timeout_s=_slow(t.timeout_s)))
        elif t.kind == "script" and t.script:
            scripted = True
            measured.append(TestCase(id=t.id, args=[t.script], expected=None, timeout_s=_slow(t.timeout_s)))
    return Job(
        id=job_id,
        kind="function",
        source=source + harness,
        tests=measured,
        entry_point="_cj_measure_script" if scripted else "_cj_measure",
    )


def _slow(timeout_s: float | None) -> float:
    # Tracing every opcode slows Python down ~20-50x; give the run room.
    return max(10.0, 30.0 * (timeout_s or 1.0))


def measure_cost(
    executor: Executor, source: str, entry_point: str, tests: list[TestCase], job_id: str = "cost"
) -> dict[str, Any]:
    """Summed cost over the inputs that ran; ``{}`` when nothing could be measured.

    ``per_test`` maps test id -> steps so two candidates can be compared on the
    same inputs only.
    """
    job = cost_job(job_id, source, entry_point, tests)
    if not job.tests:
        return {}
    result = executor.run(job, Limits(timeout_s=10.0))
    per_test: dict[str, int] = {}
    peak: dict[str, int] = {}
    seconds = 0.0
    for tr in result.tests:
        if not tr.passed or tr.actual is None:
            continue
        try:
            steps, secs, nbytes = decode(tr.actual)
        except (TypeError, ValueError):
            continue
        per_test[tr.id] = int(steps)
        peak[tr.id] = int(nbytes)
        seconds += float(secs)
    if not per_test:
        return {}
    return {
        "steps": sum(per_test.values()),
        "seconds": seconds,
        "peak_bytes": max(peak.values()),
        "inputs": len(per_test),
        "capped": sum(1 for s in per_test.values() if s >= STEP_CAP),
        "per_test": per_test,
        "peak_per_test": peak,
    }


def compare_cost(
    cost_a: dict[str, Any], cost_b: dict[str, Any], ratio: float = 1.25
) -> tuple[Winner | None, str]:
    """Which is cheaper on the inputs both completed: ("A"|"B"|"tie"|None, reason).

    A side wins only when it needs at least ``ratio`` times fewer steps (and 20
    more steps in absolute terms), so interpreter noise never decides. When the
    steps are similar, peak memory decides at ``MEMORY_RATIO`` times less and
    ``MEMORY_MIN_BYTES`` apart (summed over the shared inputs).

    >>> compare_cost({"per_test": {"t": 100}}, {"per_test": {"t": 300}})
    ('A', 'A is cheaper: 100 vs 300 bytecode steps on 1 shared inputs')
    >>> compare_cost({"per_test": {"t": 100}, "peak_per_test": {"t": 10**6}},
    ...              {"per_test": {"t": 101}, "peak_per_test": {"t": 1000}})[0]
    'B'
    """
    if not cost_a or not cost_b:
        return None, "cost not measurable for both responses"
    common = sorted(set(cost_a["per_test"]) & set(cost_b["per_test"]))
    if not common:
        return None, "no input completed by both responses"
    a = sum(cost_a["per_test"][k] for k in common)
    b = sum(cost_b["per_test"][k] for k in common)
    detail = f"{a} vs {b} bytecode steps on {len(common)} shared inputs"
    if max(a, b) - min(a, b) < 20 or max(a, b) < ratio * max(1, min(a, b)):
        ma = sum(cost_a.get("peak_per_test", {}).get(k, -1) for k in common)
        mb = sum(cost_b.get("peak_per_test", {}).get(k, -1) for k in common)
        if (
            "peak_per_test" in cost_a
            and "peak_per_test" in cost_b
            and all(k in cost_a["peak_per_test"] and k in cost_b["peak_per_test"] for k in common)
            and max(ma, mb) - min(ma, mb) >= MEMORY_MIN_BYTES
            and max(ma, mb) >= MEMORY_RATIO * max(1, min(ma, mb))
        ):
            w: Winner = "A" if ma < mb else "B"
            return (
                w,
                f"{w} needs less memory: peak {ma} vs {mb} bytes on {len(common)} shared inputs ({detail})",
            )
        return "tie", f"similar cost: {detail}"
    return ("A" if a < b else "B"), f"{'A' if a < b else 'B'} is cheaper: {detail}"
