"""Predicate switching (``codejudge.analyze.repair.switch``): after nothing repairs a failing
solution, a condition whose flip of one evaluation makes every failing probe return the expected
output is reported (CJ197 for a plain condition, CJ397 for one computed by arithmetic, both under
the threshold); when none is, the outcome says so (``switched``), which lifts CJ396 (wrong numbers:
the formula); a correct solution is never switched. Runs in the bubblewrap sandbox."""

from __future__ import annotations

import pytest

from codejudge.analyze.repair import RepairBudget, diagnose
from codejudge.analyze.repair.switch import critical, predicates, switch_variants
from tests.analyze.test_repair import _run, _tests


def _diagnose(executor, reference: str, solution: str, entry: str, inputs: list):
    tests = _tests(executor, reference, entry, inputs)
    result = _run(executor, solution, entry, tests)
    return result, diagnose(solution, tests, result, executor, call=entry, budget=RepairBudget(seconds=20.0))


# A missing case: text without whitespace falls back to commas only when split() finds nothing, which
# it never does for non-empty text; negating the condition breaks the texts with spaces, so no edit
# repairs it, but taking the branch on the comma inputs' one evaluation of `not words` does.
COMMAS_REF = (
    "def words(txt):\n    if ' ' in txt:\n        return txt.split()\n    if ',' in txt:\n"
    "        return txt.split(',')\n    return [txt]\n"
)
COMMAS = (
    "def words(txt):\n    ws = txt.split()\n    if not ws:\n        return txt.split(',')\n    return ws\n"
)
COMMAS_INPUTS = [["a,b"], ["x,y,z"], ["hello world"], ["a b c"], ["one"], ["p q"]]

# A decision computed by a wrong formula: "the first digit is odd" read as the tens digit.
DIGITS_REF = (
    "def count(nums):\n    n = 0\n    for x in nums:\n        if x > 10 and x % 2 == 1 and int(str(x)[0]) % 2 == 1:\n"
    "            n += 1\n    return n\n"
)
DIGITS = (
    "def count(nums):\n    n = 0\n    for x in nums:\n        if x > 10 and x % 2 == 1 and (x // 10) % 2 == 1:\n"
    "            n += 1\n    return n\n"
)
DIGITS_INPUTS = [
    [[123, 15]],
    [[321, 13]],
    [[211]],
    [[11, 55]],
    [[13, 17, 19]],
    [[1, 2]],
    [[1023]],
    [[77, 99]],
]


def test_predicates_are_whole_conditions_with_their_kind() -> None:
    src = "def f(xs):\n    while True:\n        if xs and xs[0] % 2:\n            return [y for y in xs if y > 1]\n"
    got = [(p.text, p.category, p.line) for p in predicates(src)]
    assert got == [("xs and xs[0] % 2", "math_logic_error", 3), ("y > 1", "conditional_error", 4)]
    assert predicates("def f(:\n") == []
    # one probe is no evidence: the same decision must be wrong in at least two failing runs
    assert switch_variants(src, 1, 96) == []
    variants = switch_variants(src, 2, 96)
    assert {v[0] for v in variants} == {0, 1} and len(variants) <= 96
    edited = variants[0][3]
    assert [e for e in edited if e[2] == "_cj_ps("] and [e for e in edited if "def _cj_ps" in e[2]]
    # critical: a predicate whose flip passed every probe, not one that passed only some
    passed = {
        i for i, v in enumerate(variants) if v[1].text == "y > 1" or (v[1].text != "y > 1" and v[0] == 0)
    }
    assert [p.text for p, _ in critical(variants, passed, 2)] == ["y > 1"]


def test_the_flip_helper_is_defined_before_module_level_code_runs() -> None:
    """A solution that calls itself at module level (a leftover example) must find the helper; a
    ``from __future__`` import must stay first, so then the helper goes at the end."""
    from codejudge.analyze.repair.edit import Edit

    src = "def f(x):\n    return 1 if x > 2 else 0\n\nprint(f(5))\n"
    (_, p, _, changes), *_ = switch_variants(src, 2, 96)
    code = Edit(changes, "", 0, "").apply(src.encode())
    ns: dict = {}
    exec(compile(code, "v", "exec"), ns)  # runs print(f(5)) with the first evaluation flipped
    assert p.text == "x > 2" and code.startswith("def _cj_ps(")
    future = "from __future__ import annotations\n" + src
    (_, _, _, changes), *_ = switch_variants(future, 2, 96)
    code = Edit(changes, "", 0, "").apply(future.encode())
    assert code.startswith("from __future__") and "def _cj_ps(" in code
    compile(code, "v", "exec")


@pytest.mark.bwrap
def test_a_missing_case_is_a_critical_condition(executor) -> None:
    result, outcome = _diagnose(executor, COMMAS_REF, COMMAS, "words", COMMAS_INPUTS)
    assert not result.passed
    assert outcome.status == "no repair", outcome  # nothing repairs it; the flip is not a fix
    (f,) = outcome.findings
    assert (f.code, f.category, f.source) == ("CJ197", "conditional_error", "dynamic")
    # localisation evidence under the consumers' threshold (a critical decision says where, not why)
    assert f.confidence == 0.4 and f.evidence["from"] == "predicate switching"
    assert outcome.switched is not None and (outcome.switched["decisions"], outcome.switched["critical"]) == (
        1,
        1,
    )
    assert f.evidence["predicate"] == "not ws" and f.location is not None and f.location.line == 3


@pytest.mark.bwrap
def test_a_decision_computed_by_a_wrong_formula_is_math(executor) -> None:
    result, outcome = _diagnose(executor, DIGITS_REF, DIGITS, "count", DIGITS_INPUTS)
    assert not result.passed
    assert outcome.status == "no repair", outcome
    (f,) = outcome.findings
    assert (f.code, f.category) == ("CJ397", "math_logic_error") and f.confidence == 0.4


# Wrong numbers from a formula inside a loop with a decision: the sum of squares of the odd numbers
# computed as doubles. No flip of `x % 2` sets the failing runs right, so none is critical.
SQUARES_REF = (
    "def f(xs):\n    t = 0\n    for x in xs:\n        if x % 2:\n            t += x * x\n    return t\n"
)
SQUARES = "def f(xs):\n    t = 0\n    for x in xs:\n        if x % 2:\n            t += 2 * x\n    return t\n"
SQUARES_INPUTS = [[[3, 5]], [[3, 2]], [[5, 7, 9]], [[1, 2]], [[]], [[2, 4]], [[1]], [[6, 1, 8]]]


@pytest.mark.bwrap
def test_no_critical_decision_is_recorded(executor) -> None:
    result, outcome = _diagnose(executor, SQUARES_REF, SQUARES, "f", SQUARES_INPUTS)
    assert not result.passed
    if outcome.status == "repaired":
        pytest.skip(f"an edit family repairs the fixture now: {outcome.findings[0].evidence['edit']}")
    assert outcome.findings == [] and outcome.switched is not None
    assert (outcome.switched["decisions"], outcome.switched["critical"]) == (1, 0) and outcome.switched[
        "runs"
    ] >= 16


@pytest.mark.bwrap
@pytest.mark.parametrize(
    ("reference", "entry", "inputs"),
    [(COMMAS_REF, "words", COMMAS_INPUTS), (DIGITS_REF, "count", DIGITS_INPUTS)],
)
def test_a_correct_solution_is_never_switched(executor, reference, entry, inputs) -> None:
    result, outcome = _diagnose(executor, reference, reference, entry, inputs)
    assert result.passed and outcome.findings == [] and outcome.status.startswith("skipped"), outcome
