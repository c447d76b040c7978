"""Efficiency of whole stdin programs (``codejudge.ground.stdio_timing``) without a sandbox: the ladder
grows the statement's samples, and only a large, consistent gap in the CPU time the grown inputs add
over each program's own run on its sample decides."""

from __future__ import annotations

from codejudge.ground.generate import stdin_ladder
from codejudge.ground.stdio_timing import MIN_S, StdioTiming, compare_stdio, compare_stdio_round

BASE = {"g0": "b0", "g1": "b0", "g2": "b1", "g3": "b1"}
SIZES = {"b0": 4, "g0": 2000, "g1": 20000, "b1": 5, "g2": 2000, "g3": 20000}


def _runs(start: float, *added: float, out: str = "7") -> dict[str, tuple[float, str]]:
    """A program that needs ``start`` seconds to start, plus ``added`` on g0..g3."""
    m = {"b0": (start, out), "b1": (start, out)}
    m.update({f"g{k}": (start + x, out) for k, x in enumerate(added)})
    return m


def test_the_added_cpu_time_decides_not_the_start_up() -> None:
    # A JVM-like program: 300 ms to start, linear; a native-like one: 2 ms to start, quadratic
    slow_start_linear = _runs(0.30, 0.002, 0.02, 0.002, 0.02)
    fast_start_quadratic = _runs(0.002, 0.004, 0.40, 0.004, 0.40)
    w, why = compare_stdio_round(slow_start_linear, fast_start_quadratic, BASE, SIZES)
    assert w == "A" and "CPU time added" in why and "2 largest" in why
    assert compare_stdio_round(fast_start_quadratic, slow_start_linear, BASE, SIZES)[0] == "B"


def test_noise_a_small_gap_or_different_outputs_do_not_decide() -> None:
    a = _runs(0.30, 0.002, 0.020, 0.002, 0.020)
    assert compare_stdio_round(a, _runs(0.31, 0.003, 0.030, 0.003, 0.025), BASE, SIZES)[0] is None
    # 4x apart but less than MIN_S per input: too little
    small = _runs(0.30, 0.0, MIN_S / 4, 0.0, MIN_S / 4)
    assert compare_stdio_round(small, _runs(0.30, 0.0, MIN_S, 0.0, MIN_S), BASE, SIZES)[0] is None
    # a large gap, but they print different things on a grown input: not the same work
    w, why = compare_stdio_round(a, _runs(0.0, 0.0, 0.5, 0.0, 0.5, out="8"), BASE, SIZES)
    assert w is None and "different outputs" in why
    # the smaller rung leans the other way by more than the minimum
    odd = _runs(0.0, 0.3, 0.5, 0.3, 0.5)
    w, why = compare_stdio_round(_runs(0.0, 0.0, 0.01, 0.0, 0.01), odd, BASE, SIZES)
    assert w == "A"
    w, why = compare_stdio_round(
        _runs(0.0, 0.4, 0.01, 0.4, 0.01), _runs(0.0, 0.0, 0.5, 0.0, 0.5), BASE, SIZES
    )
    assert w is None and "other way" in why


def test_every_round_must_agree() -> None:
    fast, slow = _runs(0.1, 0.0, 0.01, 0.0, 0.01), _runs(0.1, 0.0, 0.5, 0.0, 0.5)
    assert compare_stdio(StdioTiming([fast, fast]), StdioTiming([slow, slow]), BASE, SIZES)[0] == "A"
    w, why = compare_stdio(StdioTiming([fast, slow]), StdioTiming([slow, fast]), BASE, SIZES)
    assert w is None and "round 2" in why
    w, why = compare_stdio(StdioTiming([{}, {}], why="s0: crashed"), StdioTiming([slow, slow]), BASE, SIZES)
    assert w is None and "crashed" in why


def test_the_ladder_grows_lists_rows_and_words_and_keeps_counts_true() -> None:
    got = stdin_ladder(["3\n1 5 3\n", "2\n1 2\n3 4\n"], sizes=(100, 1000), seed=1)
    assert [x.size for x in got] == [4, 101, 1001, 5, 101, 1001]
    for x in got:
        lines = x.args[0].split("\n")
        if x.size > 100 and len(lines[1].split()) > 2:  # a list: its count is its length
            assert int(lines[0]) == len(lines[1].split())
    rows = got[5].args[0].strip().split("\n")
    assert int(rows[0]) == len(rows) - 1 and all(len(r.split()) == 2 for r in rows[1:])
    assert stdin_ladder(["abc\n"], sizes=(50,))[1].size == 50
    assert stdin_ladder(["hello world\n"], sizes=(50,))[1].size == 50
    # no shape to grow (two numbers, no count): no ladder, the pair stays undecided by cost
    assert stdin_ladder(["12 18\n"], sizes=(100,)) == []
