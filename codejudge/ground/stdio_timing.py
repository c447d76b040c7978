"""Measured CPU time of whole programs (answers that read stdin) on a size ladder (efficiency).

A stdin program has no function to time in-process, so the unit is one whole run: the sandbox's
supervisor (``codejudge.sandbox.polyrun``) starts the built program on an input and reads the
kernel's count of its CPU seconds (``wait4``: user + system, all its threads) and its peak resident
memory; the program cannot write these numbers, and they come back as numbers only. Compile time
is never in them (the program is built once, before the runs).

Process start-up (a JVM's or Node's: tens to hundreds of milliseconds of CPU) is in every run, so
it is *subtracted*: each sample is run as it is (the ladder's base) and grown (``generate.
stdin_ladder``), and what is compared is each grown input's CPU time minus its own sample's.
Start-up is the same for both runs of one program, so what is left is the work the input adds.
Each input runs ``REPS`` times (interleaved, least CPU time kept: load on a shared machine only
ever adds time), and the whole job twice per side, interleaved (A, B, A, B).

A side is cheaper only when, summed over the largest rung, the other's added CPU time is
``RATIO`` times its own and ``MIN_S`` per input more, the smaller rungs do not lean the other
way by more than ``MIN_S`` per input, both print the same output on every compared input (a
program that fails or differs on a grown input is not measured there), and both rounds agree.

>>> a = {"b0": (0.30, "x"), "g0": (0.31, "x"), "g1": (0.40, "y")}
>>> b = {"b0": (0.05, "x"), "g0": (0.09, "x"), "g1": (2.05, "y")}
>>> compare_stdio_round(a, b, {"g0": "b0", "g1": "b0"}, {"b0": 3, "g0": 2000, "g1": 20000})[0]
'A'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import TestCase, TestStatus

REPS = 3
ROUNDS = 2
RATIO = 3.0  # the slower side adds 3x the CPU time over the start-up ...
MIN_S = 0.05  # ... and 50 ms more per input of the largest rung
RUN_TIMEOUT_S = 5.0  # one run of a grown input (a slower run leaves that input out)
OUTPUT_BYTES = 512 * 1024  # what a run may print (compared between the sides, then dropped)


@dataclass
class StdioTiming:
    """One program's measurements: per round, input id -> (least CPU seconds, its output)."""

    rounds: list[dict[str, tuple[float, str]]] = field(default_factory=list)
    why: str = ""


def _rep_id(key: str, rep: int) -> str:
    return f"{key}~{rep}"


def measure_stdio_round(
    executor: Executor, code: str, language: str, inputs: dict[str, str], job_id: str
) -> tuple[dict[str, tuple[float, str]], str]:
    """One job running every input ``REPS`` times: id -> (least CPU seconds, output), or why not."""
    tests = [
        TestCase(id=_rep_id(k, j), kind="stdio", stdin=text, expected=None, timeout_s=RUN_TIMEOUT_S)
        for j in range(REPS)
        for k, text in inputs.items()
    ]
    job = Job(id=job_id, kind="program", language=language, source=code, tests=tests, compute_only=True)
    result = executor.run(job, Limits(timeout_s=RUN_TIMEOUT_S, output_bytes=OUTPUT_BYTES))
    runs: dict[str, list[tuple[float, str]]] = {}
    bad: set[str] = set()  # one failed run leaves the input out
    failed: list[str] = []
    for tr in result.tests:
        key = tr.id.rsplit("~", 1)[0]
        if tr.status is not TestStatus.PASSED or tr.cpu_s is None or type(tr.actual) is not str:
            bad.add(key)
            failed.append(f"{key}: {tr.status.value} {(tr.exception or tr.detail or '')[:80]}".strip())
            continue
        runs.setdefault(key, []).append((tr.cpu_s, " ".join(tr.actual.split())))
    out: dict[str, tuple[float, str]] = {}
    for key, got in runs.items():
        if key not in bad and len(got) == REPS and len({o for _, o in got}) == 1:  # the same output each run
            out[key] = (min(c for c, _ in got), got[0][1])
    return out, ("; ".join(failed[:3]) if not out else "")


def measure_stdio_pair(
    executor: Executor,
    sides: list[tuple[str, str]],
    inputs: dict[str, str],
    rounds: int = ROUNDS,
    job_id: str = "stdio-timing",
) -> list[StdioTiming]:
    """Each side (code, language) measured ``rounds`` times on ``inputs``, interleaved (A, B, A, B)."""
    out = [StdioTiming() for _ in sides]
    for r in range(rounds):
        for s, (code, language) in enumerate(sides):
            got, why = measure_stdio_round(executor, code, language, inputs, f"{job_id}-{s}-r{r}")
            out[s].rounds.append(got)
            if not got and not out[s].why:
                out[s].why = why or "nothing measured"
    return out


def _ms(s: float) -> str:
    return f"{s * 1000:.0f} ms"


def compare_stdio_round(
    a: dict[str, tuple[float, str]],
    b: dict[str, tuple[float, str]],
    base_of: dict[str, str],
    sizes: dict[str, int],
    labels: tuple[str, str] = ("A", "B"),
) -> tuple[str | None, str]:
    """One round: "A"/"B" when its added CPU time over the largest rung is ``RATIO`` times smaller
    and ``MIN_S`` per input apart; else (None, why). ``base_of``: grown input -> its sample's id."""
    grown = [k for k, base in base_of.items() if all(x in a and x in b for x in (k, base))]
    same = [k for k in grown if a[k][1] == b[k][1] and a[base_of[k]][1] == b[base_of[k]][1]]
    if len(same) < len(grown):
        return None, f"they print different outputs on {len(grown) - len(same)} grown input(s)"
    if not grown:
        return None, "no grown input (and its sample) completed by both programs"
    added = {
        side: {k: max(0.0, m[k][0] - m[base_of[k]][0]) for k in grown} for side, m in zip(labels, (a, b))
    }
    top = max(sizes.get(k, 0) for k in grown)
    tops = [k for k in grown if 3 * sizes.get(k, 0) >= top]
    lower = [k for k in grown if k not in tops]
    sa, sb = (sum(added[x][k] for k in tops) for x in labels)
    detail = (
        f"{labels[0]} {_ms(sa / len(tops))} vs {labels[1]} {_ms(sb / len(tops))} CPU time added by "
        f"the {len(tops)} largest input(s) over the program's run on its sample"
    )
    for w, other in ((labels[0], labels[1]), (labels[1], labels[0])):
        fast, slow = added[w], added[other]
        fs, ss = sum(fast[k] for k in tops), sum(slow[k] for k in tops)
        if ss >= RATIO * fs and ss - fs >= MIN_S * len(tops):
            if lower and sum(fast[k] - slow[k] for k in lower) > MIN_S * len(lower):
                return None, f"{detail}, but the smaller inputs lean the other way"
            return w, detail
    return None, detail


def compare_stdio(
    a: StdioTiming,
    b: StdioTiming,
    base_of: dict[str, str],
    sizes: dict[str, int],
    labels: tuple[str, str] = ("A", "B"),
) -> tuple[str | None, str]:
    """Which program is cheaper: (its label, why) only when every round agrees; else (None, why)."""
    for t, name in ((a, labels[0]), (b, labels[1])):
        if t.why and not any(t.rounds):
            return None, f"{name}'s runs not measured ({t.why})"
    verdicts = [compare_stdio_round(x, y, base_of, sizes, labels) for x, y in zip(a.rounds, b.rounds)]
    winners = {w for w, _ in verdicts}
    details = "; ".join(f"round {k + 1}: {why}" for k, (_, why) in enumerate(verdicts))
    if len(verdicts) >= ROUNDS and len(winners) == 1 and None not in winners:
        (w,) = winners
        return w, f"{w} is cheaper in every round ({details})"
    return None, f"no large, consistent difference in CPU time ({details})"


__all__ = ["StdioTiming", "compare_stdio", "compare_stdio_round", "measure_stdio_pair", "measure_stdio_round"]
