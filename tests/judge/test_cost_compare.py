"""Comparing measured cost: steps first, peak memory only when the steps are alike."""

from __future__ import annotations

from codejudge.judge.cost import MEMORY_MIN_BYTES, compare_cost


def _cost(steps: int, peak: int | None = None) -> dict:
    out: dict = {"per_test": {"t0": steps, "t1": steps}}
    if peak is not None:
        out["peak_per_test"] = {"t0": peak, "t1": peak}
    return out


def test_steps_decide_before_memory() -> None:
    assert compare_cost(_cost(100, 10**7), _cost(1000, 10))[0] == "A"


def test_peak_memory_decides_when_steps_are_alike() -> None:
    winner, why = compare_cost(_cost(100, 10**6), _cost(101, 10_000))
    assert winner == "B" and "less memory" in why


def test_small_or_close_memory_differences_never_decide() -> None:
    assert compare_cost(_cost(100, 3000), _cost(100, 100))[0] == "tie"  # 3x apart but a few KiB
    assert compare_cost(_cost(100, 10**6), _cost(100, 8 * 10**5))[0] == "tie"  # 1.25x apart
    assert compare_cost(_cost(100, MEMORY_MIN_BYTES * 4), _cost(100))[0] == "tie"  # one side unmeasured
