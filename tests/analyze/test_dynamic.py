"""Dynamic tags from test evidence: hand-written ExecResults and real local sandbox runs."""

from __future__ import annotations

import pytest

from codejudge.analyze.dynamic import DYNAMIC, WEAK, tag_failures
from codejudge.analyze.refdiff import REFERENCE_CODES
from codejudge.analyze.repair import REPAIR_CODES, SWITCH_CODES
from codejudge.analyze.taxonomy import mistake_codes
from codejudge.types import ExecResult, TestCase, TestResult, TestStatus
from codejudge.values import encode

F, E, P = TestStatus.FAILED, TestStatus.ERROR, TestStatus.PASSED


def _res(*tests: TestResult, stdout: str = "") -> ExecResult:
    return ExecResult("j", list(tests), stdout=stdout)


def _codes(source: str, result: ExecResult, tests=None) -> list[str]:
    return [f.code for f in tag_failures(source, result, tests)]


def test_dynamic_codes_match_taxonomy() -> None:
    tax = {c: e for c, e in mistake_codes().items() if e["kind"] == "dynamic"}
    switch = set(SWITCH_CODES.values())
    assert set(tax) == set(DYNAMIC) | set(REPAIR_CODES.values()) | set(REFERENCE_CODES.values()) | switch
    assert all(tax[c]["category"] == DYNAMIC[c][0] for c in DYNAMIC)
    assert all(tax[code]["category"] == cat for cat, code in SWITCH_CODES.items())
    assert all(tax[code]["category"] == cat for cat, code in REPAIR_CODES.items())
    assert all(tax[code]["category"] == cat for cat, code in REFERENCE_CODES.items())


@pytest.mark.parametrize(
    ("expected", "actual", "code"),
    [
        ("Hello World", "hello  world ", "CJ491"),  # whitespace and case
        (3.5, "3.5", "CJ491"),  # type: str vs float
        ([1, 2], (1, 2), "CJ491"),  # list vs tuple
        (0.3333333, 0.33333331, "CJ491"),  # precision
        (10, 11, "CJ791"),  # off by one unit
        ([1, 2, 3], [1, 2], "CJ791"),  # one element short
        ([1, 2, 3], [3, 2, 1], "CJ591"),  # permuted
        (True, False, "CJ192"),  # inverted boolean
        (10, 25, "CJ391"),  # wrong number
    ],
)
def test_value_signatures(expected, actual, code) -> None:
    r = _res(TestResult("0", F, expected=encode(expected), actual=encode(actual)), TestResult("1", P))
    findings = tag_failures("def f(x): ...", r)
    assert [f.code for f in findings] == [code]
    assert findings[0].severity == ("note" if code in WEAK else "warning")
    assert findings[0].source == "dynamic" and findings[0].evidence["tests"] == ["0"]


def test_exceptions_and_none() -> None:
    idx = TestResult("0", E, exception="IndexError: list index out of range", exc_line=3)
    (f,) = tag_failures("x", _res(idx), path="a.py")
    assert (f.code, f.location.line, f.location.path) == ("CJ792", 3, "a.py")
    # A None flowing into an operation says little about which mistake made it: no tag.
    lib = TestResult("0", E, exception="TypeError: 'NoneType' object is not iterable", exc_line=2)
    assert _codes("x", _res(lib)) == []
    in_lib = TestResult("0", E, exception="ValueError: bad", exc_in_library=True)
    assert _codes("x", _res(in_lib)) == ["CJ691"]
    plain = TestResult("0", E, exception="ZeroDivisionError: division by zero")
    assert _codes("x", _res(plain)) == []
    none = TestResult("0", F, expected=encode(3), actual=None)
    assert _codes("def f(x):\n    print(x)\n", _res(none)) == ["CJ492"]
    assert _codes("def f(x):\n    x + 1\n", _res(none)) == ["CJ291"]


def test_majority_rule_and_passing_job() -> None:
    tests = [
        TestResult("0", F, expected=encode(3), actual=encode(4)),
        TestResult("1", F, expected=encode(3), actual=encode(9)),
        TestResult("2", F, expected=encode(3), actual=encode("x")),
    ]
    assert _codes("x", _res(*tests)) == []  # off-by-one explains only 1 of 3 failures
    assert _codes("x", _res(TestResult("0", P))) == []


def test_edge_region() -> None:
    cases = [
        TestCase("a", args=encode([[]])),
        TestCase("b", args=encode([[1, 2, 3]])),
        TestCase("c", args=encode([[4, 5]])),
    ]
    r = _res(
        TestResult("a", E, exception="ZeroDivisionError: division by zero"),
        TestResult("b", P),
        TestResult("c", P),
    )
    assert _codes("x", r, cases) == ["CJ191"]
    r2 = _res(TestResult("a", P), TestResult("b", E, exception="ZeroDivisionError: x"), TestResult("c", P))
    assert _codes("x", r2, cases) == []


def test_real_local_run() -> None:
    from codejudge.sandbox import get_executor
    from codejudge.sandbox.base import Job, Limits

    src = "def last(xs):\n    return xs[len(xs)]\n"
    tests = [
        TestCase(str(i), args=encode([xs]), expected=encode(xs[-1]), timeout_s=2.0)
        for i, xs in enumerate([[1], [1, 2]])
    ]
    ex = get_executor("local", unsafe=True)
    try:
        result = ex.run(Job(id="j", kind="function", source=src, entry_point="last", tests=tests), Limits())
    finally:
        ex.close()
    (f,) = tag_failures(src, result)
    assert f.code == "CJ792" and f.location.line == 2


def test_huge_int_against_float_is_not_off_by_one() -> None:
    r = _res(TestResult("0", TestStatus.FAILED, expected=encode(10**400), actual=encode(1.5)))
    assert "CJ791" not in [f.code for f in tag_failures("def f(x): ...", r)]


def test_values_python_cannot_print_cost_no_other_tag() -> None:
    big = [10**5000, 1, 2]
    r = _res(
        TestResult("0", TestStatus.FAILED, expected=encode(big), actual=encode([1, 10**5000, 2])),
        TestResult("1", TestStatus.ERROR, exception="IndexError: x"),
    )
    assert [f.code for f in tag_failures("def f(x): ...", r)] == ["CJ792"]


def test_unrepaired_far_off_solution_is_another_program() -> None:
    """After a repair search found nothing, a solution failing nearly every validation test gets
    CJ295 (text results) or CJ395 (numbers), both under the threshold (CJ295 a warning after a
    search that also had a reference to transplant from); a near miss gets neither."""
    from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE
    from codejudge.analyze.dynamic import tag_unrepaired

    text = _res(TestResult("t0", F, expected=encode("abc"), actual=encode("xyz")))
    nums = _res(TestResult("t0", F, expected=encode(3), actual=encode(7)))
    far, near = {"passed": 0, "total": 16}, {"passed": 9, "total": 16}
    (plain,) = tag_unrepaired(text, far)
    (ref,) = tag_unrepaired(text, far, referenced=True)
    (num,) = tag_unrepaired(nums, far, referenced=True)
    assert (plain.code, ref.code, num.code) == ("CJ295", "CJ295", "CJ395")
    nums_raising = _res(
        TestResult("t0", F, expected=encode(3), actual=encode(7)),
        TestResult("t1", E, exception="ValueError: xs must have an even number of coefficients"),
    )
    assert [f.code for f in tag_unrepaired(nums_raising, far)] == ["CJ295"]  # not a formula
    assert max(plain.confidence, ref.confidence) < DEFAULT_MIN_CONFIDENCE
    assert (plain.severity, ref.severity) == ("note", "warning")
    assert num.confidence < DEFAULT_MIN_CONFIDENCE
    assert tag_unrepaired(text, near, referenced=True) == []
    # "nearly every": 80% or more failing (3 of 16 passing is far off, 4 of 16 is not)
    assert tag_unrepaired(text, {"passed": 3, "total": 16}, referenced=True)
    assert tag_unrepaired(text, {"passed": 4, "total": 16}, referenced=True) == []


def test_wrong_numbers_with_no_critical_decision_are_a_formula() -> None:
    """CJ396 gets CJ396_NO_CRITICAL_DECISION when predicate switching ran and no decision's flip set
    the failing runs right (a missing case would have shown as a critical decision): more than
    without a reference, still under the threshold (at the threshold it cost the held-out rows'
    precision); the plain values when a decision was critical, when switching did not run, or when
    the code has no decision at all."""
    from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE
    from codejudge.analyze.dynamic import CJ396_NO_CRITICAL_DECISION, CONFIDENCE, tag_unrepaired

    number = _res(TestResult("t0", F, expected=encode(3), actual=encode(7)))
    near = {"passed": 13, "total": 16}
    none = {"decisions": 3, "runs": 48, "critical": 0}
    assert CONFIDENCE["CJ396"] < CJ396_NO_CRITICAL_DECISION < DEFAULT_MIN_CONFIDENCE
    for referenced in (False, True):
        (f,) = tag_unrepaired(number, near, referenced=referenced, switched=none)
        assert (f.code, f.confidence) == ("CJ396", CJ396_NO_CRITICAL_DECISION) and f.evidence[
            "switched"
        ] == none
        (plain,) = tag_unrepaired(number, near, referenced=referenced)
        for other in (
            {"decisions": 3, "runs": 48, "critical": 1},
            {"decisions": 0, "runs": 0, "critical": 0},
        ):
            (g,) = tag_unrepaired(number, near, referenced=referenced, switched=other)
            assert (g.code, g.confidence) == ("CJ396", plain.confidence)
    # the wrong bool (CJ195) and far-off solutions are not affected
    wrong_bool = _res(TestResult("t0", F, expected=encode(False), actual=encode(True)))

    def codes(fs):
        return [(f.code, f.confidence) for f in fs]

    assert codes(tag_unrepaired(wrong_bool, near, switched=none)) == codes(tag_unrepaired(wrong_bool, near))
    far = {"passed": 1, "total": 16}
    assert codes(tag_unrepaired(number, far, switched=none)) == codes(tag_unrepaired(number, far))


def test_unrepaired_predicate_wrong_on_a_few_inputs_is_a_wrong_case() -> None:
    """CJ195: no edit repairs a predicate that is right on most validation tests and returns the
    opposite bool on the others: a missing or wrong case, above the threshold. CJ396 for wrong
    numbers there: a formula wrong for some inputs, under the threshold (higher after transplants
    from a reference were tried), from past the far-off share (20%) up. Neither for other values or when a
    failure raised; no CJ195 under 75% right."""
    from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE
    from codejudge.analyze.dynamic import tag_unrepaired

    wrong_bool = _res(TestResult("t0", F, expected=encode(False), actual=encode(True)))
    near, mid = {"passed": 13, "total": 16}, {"passed": 10, "total": 16}
    (f,) = tag_unrepaired(wrong_bool, near, referenced=True)
    assert (f.code, f.category) == ("CJ195", "conditional_error")
    assert f.confidence >= DEFAULT_MIN_CONFIDENCE and f.evidence["validation"] == near
    assert tag_unrepaired(wrong_bool, {"passed": 16, "total": 16})  # wrong only past validation
    assert tag_unrepaired(wrong_bool, mid, referenced=True) == []
    number = _res(TestResult("t0", F, expected=encode(3), actual=encode(7)))
    (plain,) = tag_unrepaired(number, near)
    (ref,) = tag_unrepaired(number, near, referenced=True)
    assert (plain.code, plain.category) == ("CJ396", "math_logic_error")
    assert plain.confidence < ref.confidence < DEFAULT_MIN_CONFIDENCE
    (mid_num,) = tag_unrepaired(number, mid, referenced=True)  # numbers: from past far off up
    assert mid_num.code == "CJ396"
    coords = _res(TestResult("t0", F, expected=encode([2, 1]), actual=encode([-7, 7])))
    assert [f.code for f in tag_unrepaired(coords, mid, referenced=True)] == ["CJ396"]
    ragged = _res(TestResult("t0", F, expected=encode([2, 1]), actual=encode([2])))
    assert tag_unrepaired(ragged, mid, referenced=True) == []
    text = _res(TestResult("t0", F, expected=encode("a"), actual=encode("b")))
    assert tag_unrepaired(text, near, referenced=True) == []
    raised = _res(
        TestResult("t0", F, expected=encode(False), actual=encode(True)),
        TestResult("t1", E, exception="TypeError: bad operand"),
    )
    assert tag_unrepaired(raised, near) == []


def test_missing_function_is_incomplete_code() -> None:
    """CJ296: the harness reports the entry point undefined on every failing test. An answer that
    defines no function at all is garbage code above the threshold; one that defines functions
    under other names (perhaps only misnamed) stays under it; any other NameError is not CJ296."""
    from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE

    missing = _res(
        TestResult("t0", E, exception="NameError: entry point 'area' not defined"),
        TestResult("t1", E, exception="NameError: entry point 'area' not defined"),
    )
    (bare,) = tag_failures("import math\n", missing)
    (named,) = tag_failures("def aera(r):\n    return r * r\n", missing)
    assert (bare.code, bare.category) == ("CJ296", "garbage_code")
    assert bare.confidence >= DEFAULT_MIN_CONFIDENCE > named.confidence and named.code == "CJ296"
    other = _res(TestResult("t0", E, exception="NameError: name 'math' is not defined"))
    assert "CJ296" not in _codes("def area(r):\n    return math.pi * r * r\n", other)
