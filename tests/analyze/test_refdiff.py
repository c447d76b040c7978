"""Diagnosis by reference: tree-sitter alignment of a candidate with a reference solution."""

from __future__ import annotations

import pytest

from codejudge.analyze.refdiff import REFERENCE_CODES, compare, reference_findings

# (category, reference, candidate): one small difference of each kind, with other local names
CASES = [
    (
        "conditional_error",
        "def f(xs):\n    return [x for x in xs if x > 0]\n",
        "def f(values):\n    return [v for v in values if v >= 0]\n",
    ),
    (
        "conditional_error",
        "def f(xs):\n    if not xs:\n        return 0\n    return xs[0]\n",
        "def f(xs):\n    return xs[0]\n",
    ),
    (
        "garbage_code",
        "def c(xs):\n    n = 0\n    for x in xs:\n        n += 1\n    return n\n",
        "def c(xs):\n    n = 0\n    for x in xs:\n        n += 1\n        n += 1\n    return n\n",
    ),
    (
        "garbage_code",
        "def c(xs):\n    n = 0\n    for x in xs:\n        n += x\n    return n\n",
        "def c(xs):\n    n = 0\n    for x in xs:\n        if False:\n            n += x\n    return n\n",
    ),
    ("math_logic_error", "def m(a, b):\n    return (a + b) / 2\n", "def m(a, b):\n    return a + b / 2\n"),
    (
        "math_logic_error",
        "def v(r, h):\n    return 2 * 3.14 * r * h\n",
        "def v(r, h):\n    return 2 + 3.14 * r * h\n",
    ),
    (
        "output_formatting",
        "def f(a):\n    return all(x for x in a)\n",
        "def f(a):\n    return str(all(x for x in a))\n",
    ),
    ("output_formatting", "def h(l):\n    return l\n", "def h(l):\n    print(l)\n"),
    (
        "operation_misorder",
        "def r(xs):\n    out, s = [], 0\n    for x in xs:\n        s += x\n        out.append(s)\n"
        "    return out\n",
        "def r(xs):\n    out, s = [], 0\n    for x in xs:\n        out.append(s)\n        s += x\n    return out\n",
    ),
    ("operation_misorder", "def d(a, b):\n    return a - b\n", "def d(a, b):\n    return (b - a)\n"),
    ("library_api_misuse", "def h(l):\n    return max(l)\n", "def h(l):\n    return max(l, key=len)\n"),
    ("library_api_misuse", "def h(l):\n    return sorted(l)\n", "def h(l):\n    return l.sort()\n"),
    ("index_off", "def u(n):\n    return list(range(n + 1))\n", "def u(n):\n    return list(range(n))\n"),
    ("index_off", "def t(xs):\n    return xs[1:]\n", "def t(xs):\n    return xs[2:]\n"),
]


def test_codes_cover_the_categories() -> None:
    assert {c[0] for c in CASES} == set(REFERENCE_CODES)


@pytest.mark.parametrize(
    ("category", "reference", "candidate"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_small_differences_are_classified(category, reference, candidate) -> None:
    found = reference_findings(candidate, reference)
    assert [f.category for f in found] == [category], compare(candidate, reference)
    f = found[0]
    assert f.code == REFERENCE_CODES[category] and f.source == "reference" and f.confidence >= 0.6
    assert f.evidence["count"] >= 1 and f.evidence["differences"][0]["why"]


def test_identical_and_renamed_code_has_no_difference() -> None:
    ref = "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n"
    assert compare(ref, ref) == []
    assert (
        compare("def f(items):\n    acc = 0\n    for it in items:\n        acc += it\n    return acc\n", ref)
        == []
    )


def test_another_solution_is_not_a_small_mistake() -> None:
    ref = "def median(a, b, h):\n    return (a + b) / 2\n"
    other = "def median(a, b, c):\n    sides = sorted([a, b, c])\n    return sides[1]\n"
    assert reference_findings(other, ref) == []  # two places, but most of the code
    assert reference_findings("def f(:\n", ref) == [] and compare("def f(:\n", ref) is None


def test_entry_point_selects_the_function() -> None:
    ref = "def helper(x):\n    return x\n\ndef f(xs):\n    return [helper(x) for x in xs if x > 0]\n"
    cand = "def helper(x):\n    return x * 2\n\ndef f(xs):\n    return [helper(x) for x in xs if x > 0]\n"
    assert reference_findings(cand, ref, "f") == []
    assert [f.category for f in reference_findings(cand, ref, "helper")] == ["math_logic_error"]
