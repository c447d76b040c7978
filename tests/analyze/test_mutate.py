"""Mutation engine: every category has an operator; mutants compile; keep_failing runs them."""

from __future__ import annotations

from collections import Counter

from codejudge.analyze.mutate import OPERATORS, keep_failing, mutants
from codejudge.analyze.taxonomy import load
from codejudge.types import TestCase
from codejudge.values import encode

SRC = '''import math


def stats(xs, sep=", "):
    """Mean and the positive values, formatted."""
    total = 0
    out = []
    for i in range(len(xs)):
        if xs[i] > 0 and xs[i] != 3:
            out.append(str(xs[i]))
        total += xs[i]
    mean = total / len(xs)
    label = sep.join(sorted(out)).strip()
    return (math.floor(mean * 10) / 10, label)
'''


def test_all_categories_covered_and_mutants_compile() -> None:
    assert set(OPERATORS) == {c["id"] for c in load("mistakes")["categories"]}
    ms = list(mutants(SRC, "stats", seed=1))
    assert set(Counter(m.category for m in ms)) == set(OPERATORS)
    for m in ms:
        assert m.code != SRC and m.description and m.line >= 1
        compile(m.code, "<m>", "exec")
    assert len({m.code for m in ms}) == len(ms)
    assert [m.code for m in mutants(SRC, "stats", seed=1)] == [m.code for m in ms]
    assert [m.code for m in mutants(SRC, "stats", seed=2)] != [m.code for m in ms]


def test_entry_point_scope() -> None:
    src = "def helper(a):\n    return a + 1\n\n\ndef main(b):\n    return b * 2\n"
    assert all(m.line >= 5 for m in mutants(src, "main"))


def test_keep_failing_with_local_executor() -> None:
    from codejudge.sandbox import get_executor

    src = "def inc(n):\n    return n + 1\n"
    tests = [
        TestCase(str(i), args=encode([n]), expected=encode(n + 1), timeout_s=2.0)
        for i, n in enumerate([0, 5])
    ]
    ms = [m for m in mutants(src, "inc") if m.category in ("math_logic_error", "output_formatting")][:3]
    ex = get_executor("local", unsafe=True)
    try:
        kept = list(keep_failing(ms, tests, ex, entry_point="inc"))
    finally:
        ex.close()
    assert kept and all(not r.passed for _, r in kept)
