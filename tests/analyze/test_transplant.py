"""Repair by reference (``repair.transplant``): each transplant kind repairs a fixture that no edit
family repairs and tags it with the category of what it changed; a correct solution is never
"repaired", even with a reference to transplant from. Runs in the bubblewrap sandbox."""

from __future__ import annotations

import pytest

from codejudge.analyze.repair import REPAIR_CODES, RepairBudget, candidates, diagnose
from codejudge.analyze.repair.transplant import LARGE_COST, PAIR_COST, SINGLE_COST, transplant_edits
from tests.analyze.test_repair import _run, _tests

pytestmark = pytest.mark.bwrap

# (kind, category, reference, failing solution, entry point, inputs)
FIXTURES = [
    (
        "replace: a value by the reference's formula",
        "math_logic_error",
        "def star(n):\n    return 6 * n * (n - 1) + 1\n",
        "def star(n):\n    total = n * n + 1\n    return total\n",
        "star",
        [[1], [2], [3], [5]],
    ),
    (
        "insert: a filter the reference has",
        "conditional_error",
        "def nums(s):\n    return [int(d) for d in s.split(',') if d.isdigit()]\n",
        "def nums(text):\n    parts = text.split(',')\n    return [int(p) for p in parts]\n",
        "nums",
        [["1,2"], ["3,a,4"], ["x"]],
    ),
    (
        "delete: a loop the reference does not have",
        "garbage_code",
        "def total(xs):\n    t, big, small = 0, None, None\n    for x in xs:\n        t += x\n"
        "        if big is None or x > big:\n            big = x\n        if small is None or x < small:\n"
        "            small = x\n    return [t, big, small, len(xs)]\n",
        "def total(xs):\n    t, big, small = 0, None, None\n    for x in xs:\n        t += x\n"
        "        if big is None or x > big:\n            big = x\n        if small is None or x < small:\n"
        "            small = x\n    for y in xs[1:]:\n        t -= y\n    return [t, big, small, len(xs)]\n",
        "total",
        [[[1, 2]], [[3, 4, 5]], [[7, 1]]],
    ),
    (
        "pair: two formulas",
        "math_logic_error",
        "def area(w, h, d):\n    a = w * h * 2\n    b = (w + h) * d\n    c = h * d\n    s = a + b\n"
        "    if s > c:\n        return s\n    return c\n",
        "def area(w, h, d):\n    a = w * 3 - h\n    b = (w + h) * d\n    c = h * d\n    s = a - b // 4\n"
        "    if s > c:\n        return s\n    return c\n",
        "area",
        [[1, 2, 3], [4, 5, 6], [2, 2, 2], [7, 1, 3]],
    ),
]


@pytest.mark.parametrize(
    ("kind", "category", "reference", "solution", "entry", "inputs"), FIXTURES, ids=[f[0] for f in FIXTURES]
)
def test_transplant_repairs_and_tags(executor, kind, category, reference, solution, entry, inputs) -> None:
    tests = _tests(executor, reference, entry, inputs)
    result = _run(executor, solution, entry, tests)
    assert not result.passed, "the fixture must fail its tests"
    budget = RepairBudget(seconds=20.0)
    without = diagnose(solution, tests, result, executor, call=entry, budget=budget)
    assert without.status == "no repair", f"an edit family repairs it already: {without.findings}"
    outcome = diagnose(solution, tests, result, executor, call=entry, budget=budget, reference=reference)
    assert outcome.status == "repaired", outcome
    top = outcome.findings[0]
    assert (top.category, top.code, top.source) == (category, REPAIR_CODES[category], "repair"), (
        outcome.findings
    )
    assert top.evidence["from"] == "reference" and top.evidence["repair"].startswith("--- a/")
    assert top.confidence >= 0.5
    cost = PAIR_COST if kind.startswith("pair") else SINGLE_COST
    assert top.evidence["cost"] == cost


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_correct_solution_with_a_reference_is_never_repaired(executor, fixture) -> None:
    _, _, reference, solution, entry, inputs = fixture
    tests = _tests(executor, reference, entry, inputs)
    result = _run(executor, reference, entry, tests)
    outcome = diagnose(reference, tests, result, executor, call=entry, reference=solution)
    assert outcome.findings == [] and outcome.status.startswith("skipped"), outcome


def test_transplant_renames_and_reindents() -> None:
    """The reference's names become the candidate's (parameters by position), its lines take the
    candidate's indentation (tabs here), and imports the reference needs come along."""
    ref = "import re\n\ndef words(s):\n    out = []\n    for w in re.findall(r'\\w+', s):\n        if len(w) > 3:\n            out.append(w)\n    return out\n"
    src = "def words(text):\n\tout = []\n\tfor w in text.split():\n\t\tout.append(w)\n\treturn out\n"
    codes = [e.apply(src.encode()) for e in transplant_edits(src, ref, "words")]
    assert any("re.findall(r'\\w+', text)" in c and c.startswith("import re\n") for c in codes), codes
    assert any("\t\tif len(w) > 3:\n\t\t\tout.append(w)" in c for c in codes), codes
    for c in codes:
        compile(c, "<t>", "exec")


def test_transplants_cost_more_than_family_edits() -> None:
    ref = "def f(a, b):\n    return a < b\n"
    src = "def f(x, y):\n    return x <= y\n"
    assert max(c.edit.cost for c in candidates(src)) < SINGLE_COST
    assert {e.cost for e in transplant_edits(src, ref, "f")} <= {SINGLE_COST, PAIR_COST, LARGE_COST}
    assert transplant_edits(ref, ref, "f") == []  # nothing differs: nothing to transplant


def test_inserted_cases_are_a_missing_condition_whatever_their_share() -> None:
    """Two short ``if`` statements of the reference, only inserted (nothing of the candidate's own
    code changed), are missing cases: a pair's cost, not the "another solution" cost, although
    together they are more of this small function than a slip's share. A long inserted branch
    stays at the large cost."""
    ref = (
        "def vowels(s):\n    if s == '': return 0\n    n = sum(c in 'aeiou' for c in s.lower())\n"
        "    if s[-1] in 'yY': n += 1\n    return n\n"
    )
    src = "def vowels(s):\n    n = sum(c in 'aeiou' for c in s.lower())\n    return n\n"
    both = [e for e in transplant_edits(src, ref, "vowels") if e.description.count("insert `if") == 2]
    assert both and {(e.cost, e.category) for e in both} == {(PAIR_COST, "conditional_error")}
    long_ref = (
        "def f(a, b):\n    if a <= b:\n        x = a * 2 + b * 3 - a // 2\n        return [x + 1, b - a, a + b]\n"
        "    return [a, b]\n"
    )
    long_src = "def f(a, b):\n    return [a, b]\n"
    inserted = [
        e
        for e in transplant_edits(long_src, long_ref, "f")
        if e.description.startswith("from the reference: insert `if")
    ]
    assert inserted and all(e.cost == LARGE_COST for e in inserted)
