"""Timed program jobs (``codejudge.ground.timing``) without a sandbox: what the helper emits is
read and compared here, and the comparison decides only large, consistent gaps."""

from __future__ import annotations

import pytest

from codejudge.ground.programs import call_expression, derived_program, program_plan
from codejudge.ground.timing import (
    _UNFINISHED,
    CALL_TIMEOUT_S,
    MEM_MIN_BYTES,
    MEMORY,
    Timing,
    about_memory,
    compare_memory,
    compare_round,
    compare_timing,
    per_call,
    timed_call,
    timing_helper,
)

SIZES = {"r0": 10, "r1": 100, "r2": 1000, "r3": 1000}


def _times(*cpu: float) -> dict[str, tuple[float, float]]:
    return {k: (c, c) for k, c in zip(["r0", "r1", "r2", "r3"], cpu)}


def test_per_call_is_the_best_sample_divided_by_the_repetitions() -> None:
    assert per_call([4, 640, 4000, 4400, 2000, 9000]) == (500.0, 1100.0, 640.0)
    assert per_call([4, -1, 4000, 4400]) == (1000.0, 1100.0, None)  # memory not measured
    # whatever the sandboxed program sends that is not [reps, mem, cpu, wall, ...] measures nothing
    for bad in ([], [1, 2], [0, 5, 5, 5], [1, 0, -5, 5], "x", [True, 0, 1, 1], [1, 0, "2", 3], [1, 0, 2]):
        assert per_call(bad) is None


def test_a_large_gap_at_every_largest_input_decides() -> None:
    fast, slow = _times(100, 900, 9_000, 8_000), _times(300, 40_000, 4_000_000, 3_900_000)
    w, why = compare_round(fast, slow, SIZES)
    assert w == "A" and "largest input" in why
    assert compare_round(slow, fast, SIZES)[0] == "B"


def test_small_or_inconsistent_gaps_do_not_decide() -> None:
    base = _times(100, 1_000, 50_000, 50_000)
    assert compare_round(base, _times(110, 1_100, 60_000, 58_000), SIZES)[0] is None  # noise
    # large at one largest input, but not 3x over the rung
    assert compare_round(base, _times(110, 1_100, 200_000, 52_000), SIZES)[0] is None
    # 5x apart but a few microseconds: too little
    w, why = compare_round(_times(1, 2, 1_000, 1_000), _times(1, 2, 5_000, 5_000), SIZES)
    assert w is None and "too little" in why
    # the smaller inputs lean the other way
    w, why = compare_round(_times(9_000, 9_000, 50_000, 50_000), _times(100, 100, 400_000, 400_000), SIZES)
    assert w is None and "other way" in why


def test_an_input_only_one_answer_finishes_counts_as_at_least_a_second_a_call() -> None:
    # the ladder's fib(100): linear in microseconds, an exponential recursion never finishes
    fast = {**_times(5, 5, 5), "r3": (6.0, 6.0)}
    slow: dict[str, tuple[float | None, ...]] = {**_times(900, 40_000), "r2": _UNFINISHED, "r3": _UNFINISHED}
    w, why = compare_timing(Timing([fast, fast]), Timing([slow, slow]), SIZES)
    assert w == "A" and f"B did not finish 2 of them within {CALL_TIMEOUT_S:g} s" in why
    # neither finishes the largest inputs: they say nothing, the smaller rungs are too close to decide
    both = {**_times(900, 40_000), "r2": _UNFINISHED, "r3": _UNFINISHED}
    assert compare_timing(Timing([both, both]), Timing([slow, slow]), SIZES)[0] is None
    # memory is never read from an unfinished input
    assert compare_memory(Timing([fast, fast]), Timing([slow, slow]), SIZES)[0] is None


def test_every_round_must_agree() -> None:
    fast, slow = _times(100, 900, 9_000, 8_000), _times(300, 40_000, 4_000_000, 3_900_000)
    w, why = compare_timing(Timing([fast, fast]), Timing([slow, slow]), SIZES, ("X", "Y"))
    assert w == "X" and "every round" in why and "X 8.5 us" in why
    w, why = compare_timing(Timing([fast, fast]), Timing([slow, fast]), SIZES)
    assert w is None and "round 2" in why
    assert compare_timing(Timing([fast]), Timing([slow]), SIZES)[0] is None  # one round is not enough
    w, why = compare_timing(Timing([{}, {}], why="r0: error CompileError"), Timing([slow, slow]), SIZES)
    assert w is None and "CompileError" in why


CODES = {
    "js": ("const total = (xs) => xs.reduce((a, b) => a + b, 0);", "__cjTime(() => {call})"),
    "cpp": (
        "long long total(vector<long long> xs) { long long s = 0; for (auto x : xs) s += x; return s; }",
        "cj_time([&]() {{ {call}; }})",
    ),
    "java": (
        "class Solution { public long total(List<Long> xs) { return 0; } }",
        "Main.cjTime(() -> {call})",
    ),
    "go": ("func Total(xs []int) int { return 0 }", "cjTime(func() {{ {call} }})"),
    "rust": ("fn total(xs: Vec<i64>) -> i64 { xs.iter().sum() }", "cj_time(|| {{ {call} }})"),
}


@pytest.mark.parametrize("language", sorted(CODES))
def test_the_timed_call_wraps_the_ordinary_call_in_the_languages_helper(language: str) -> None:
    code, expected = CODES[language]
    plan = program_plan(code, language, ["total", "Total"], None)
    assert plan.runnable, plan.why
    call = call_expression(plan, [[1, 2]])
    assert "total(" in call.lower() and timed_call(plan, [[1, 2]]) == expected.format(call=call)
    program = derived_program(language, ["t0"], timing_helper(language))
    assert "@@cj_emit(t0)@@" in program and "@" + "WARM@" not in program
    if language == "go":  # the helper's clocks need their packages, the plain program must not import them
        assert '"syscall"' in program and '"time"' in program
        assert '"time"' not in derived_program(language, ["t0"])


def test_the_worst_input_of_the_largest_rung_decides() -> None:
    # B stops at the first repeat (cheap on inputs full of repeats), A is linear on every input;
    # on the all-distinct input B is quadratic: summed over the rung, A is cheaper
    linear = _times(100, 1_000, 40_000, 40_000)
    early_exit = _times(50, 40_000, 200, 3_300_000)  # r1, r3: all-distinct inputs
    w, why = compare_round(linear, early_exit, SIZES)
    assert w == "A" and "2 largest input(s)" in why
    # and where B is cheap on every input, B is cheaper
    assert compare_round(linear, _times(50, 100, 200, 300), SIZES)[0] == "B"


def _mem(*nbytes: float) -> dict[str, tuple[float, ...]]:
    return {k: (1000.0, 1000.0, n) for k, n in zip(["r0", "r1", "r2", "r3"], nbytes)}


def test_memory_decides_only_a_wide_consistent_gap_at_the_largest_rung() -> None:
    lean, copy = _mem(100, 900, 24_000, 16_000), _mem(200, 1_800, 72_000, 48_000)
    w, why = compare_memory(Timing([lean, lean]), Timing([copy, copy]), SIZES, ("X", "Y"))
    assert w == "X" and "memory per call" in why and "every round" in why
    assert compare_memory(Timing([copy, copy]), Timing([lean, lean]), SIZES)[0] == "B"
    # equal memory (the same program twice), 1.4x apart, or 1.5x apart by less than the minimum: tie
    assert compare_memory(Timing([lean, lean]), Timing([lean, lean]), SIZES)[0] is None
    assert compare_round(lean, _mem(100, 900, 33_600, 22_400), SIZES, metric=MEMORY)[0] is None
    small, twice = (
        _mem(1, 2, MEM_MIN_BYTES * 0.4, MEM_MIN_BYTES * 0.4),
        _mem(1, 2, MEM_MIN_BYTES * 0.8, MEM_MIN_BYTES * 0.8),
    )
    w, why = compare_round(small, twice, SIZES, metric=MEMORY)
    assert w is None and "too little" in why
    # one round the other way, or memory not measured on one side: no decision
    assert compare_memory(Timing([lean, copy]), Timing([copy, lean]), SIZES)[0] is None
    unmeasured = {k: (1000.0, 1000.0) for k in lean}
    assert compare_memory(Timing([lean, lean]), Timing([unmeasured, unmeasured]), SIZES)[0] is None


def test_memory_questions_are_told_from_the_criterion_or_the_instruction() -> None:
    assert about_memory("memory usage") and about_memory(None, "Use O(1) extra space.")
    assert about_memory("efficiency", "Reverse the array in-place.")
    assert not about_memory("efficiency", "Print the numbers separated by a space.")
    assert not about_memory(None, "Return the sum of the list.")
