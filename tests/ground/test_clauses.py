"""Checkable clauses of the instruction's prose (``codejudge.ground.clauses``): one test per rule,
in both directions (the clause is read; a sentence that only looks like it is not)."""

from __future__ import annotations

import pytest

from codejudge.ground.clauses import clauses, fits, returned_value
from codejudge.ground.derived import DerivedTest, Grounding, decide
from codejudge.ground.programs import _DELIBERATE
from codejudge.ground.stated import ascending_claim


def read(text, params, hints=None, ret=None, seeds=(), language="python"):
    hints = hints or [None] * len(params)
    return [(c.rule, c.args, c.expected) for c in clauses(text, language, params, hints, ret, list(seeds))]


# ------------------------------------------------------------------ the returned value
@pytest.mark.parametrize(
    ("sentence", "language", "value"),
    [
        ("Return None in case the input list is empty.", "python", None),
        ("If the input list is empty, return 0.", "java", 0),
        ("If there's no such number, then the function should return -1.", "go", -1),
        ("If the string s is empty then the function should return an empty list.", "js", []),
        ("Return empty string if the list is empty.", "cpp", ""),
        ("If the given array is empty then return true.", "rust", True),
        ("Return 'No' if the list is empty.", "python", "No"),
        ("Note: return null for empty arr.", "java", None),
        ("If the list is empty, return vec![].", "rust", []),
    ],
)
def test_returned_value_reads_the_languages_literals(sentence, language, value) -> None:
    assert returned_value(sentence, language) == (True, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "Return 'Yes' if it is good, and return 'No' otherwise.",  # two values
        "Return the number of elements.",  # no literal
        "Return None of the elements twice.",  # 'None' does not end the clause
        "If there is no negative or positive integers, return them as None.",  # 'them as'
    ],
)
def test_returned_value_refuses_unclear_sentences(sentence) -> None:
    assert returned_value(sentence, "python")[0] is False


def test_fits_the_declared_return_type() -> None:
    assert fits(None, None) and fits(None, "Optional[str]") and not fits(None, "int")
    assert fits(-1, "int") and fits(-1, "float") and not fits(-1, "str")
    assert fits([], "List[int]") and not fits([], "str") and fits("", "str") and not fits(True, "int")


# ------------------------------------------------------------------ empty-input
@pytest.mark.parametrize(
    ("text", "params", "hints", "ret", "args", "expected"),
    [
        (
            "Out of list of strings, return the longest one. Return None in case the input list is empty.",
            ["strings"],
            ["List[str]"],
            "Optional[str]",
            [[]],
            None,
        ),
        ("If the given array is empty then return True.", ["arr"], ["List[int]"], "bool", [[]], True),
        ("Note: return None for empty arr.", ["arr"], [None], None, [[]], None),
        ("If 'text' is an empty string, return None.", ["text"], [None], None, [""], None),
        (
            "If there are no even values or the given array is empty, return [].",
            ["arr"],
            ["List[int]"],
            "List[int]",
            [[]],
            [],
        ),
        (
            "The function should return False if the given dictionary is empty.",
            ["d"],
            [None],
            None,
            [{}],
            False,
        ),
    ],
)
def test_empty_input_clause(text, params, hints, ret, args, expected) -> None:
    assert read(text, params, hints, ret) == [("empty-input", args, expected)]


def test_empty_input_fills_other_parameters_from_an_example() -> None:
    text = "If the string s is empty then the function should return an empty list."
    assert read(text, ["s", "n"], seeds=[["Mary had a little lamb", 4]]) == [("empty-input", ["", 4], [])]
    assert read(text, ["s", "n"]) == []  # no example to take n from: silent


@pytest.mark.parametrize(
    ("text", "params", "hints", "ret"),
    [
        ("Note: return None for empty arr.", ["arr"], ["List[int]"], "int"),  # None is no i32
        ("If the list is empty and k is 0, return 0.", ["xs"], [None], None),  # narrowed by 'and'
        ("Return 0 if the list is empty or not.", ["xs"], [None], None),  # 'or not'
        ("If the string is empty, return 0.", ["xs"], ["List[int]"], None),  # a list, not a string
        ("If the input is empty, return 0.", ["x"], ["int"], None),  # nothing to empty
        ("You are given a non-empty list. If no such a value exist, return -1.", ["xs"], [None], None),
        ("If the list is empty, return 0.", ["xs", "k"], [None, None], None),  # k: no example
    ],
)
def test_empty_input_stays_silent(text, params, hints, ret) -> None:
    assert read(text, params, hints, ret) == []


def test_a_clause_an_example_already_shows_is_left_out() -> None:
    assert read("Return None for an empty list.", ["xs"], seeds=[[[]]]) == []


# ------------------------------------------------------------------ equal-arguments
def test_equal_arguments_clause() -> None:
    seeds = [[1, 2.5], [1, "2,3"]]
    assert read("Return None if the values are equal.", ["a", "b"], seeds=seeds) == [
        ("equal-arguments", [1, 1], None)
    ]
    assert read("Return 0 if the two numbers are equal.", ["a", "b"], ["int", "int"], "int") == [
        ("equal-arguments", [3, 3], 0)
    ]


def test_equal_arguments_stays_silent() -> None:
    assert read("Return 0 if the two numbers are equal.", ["a", "b"], ["int", "str"], "int") == []
    assert read("Return 0 if the numbers are equal.", ["a", "b", "c"], ["int"] * 3, "int") == []
    assert read("Return None if the values are equal.", ["a", "b"]) == []  # no type, no example


# ------------------------------------------------------------------ greater-than
def test_greater_than_clause() -> None:
    assert read("If n is greater than m, return -1.", ["n", "m"]) == [("greater-than", [7, 3], -1)]
    assert read("If n is less than m, return -1.", ["n", "m"], ["int", "int"], "int") == [
        ("greater-than", [3, 7], -1)
    ]


def test_greater_than_stays_silent() -> None:
    assert (
        read("If n is greater than m, return -1.", ["n", "m"], ["int", "int"], "str") == []
    )  # Rust's String
    assert read("If x is greater than m, return -1.", ["n", "m"]) == []  # x is no parameter
    assert read("If n is greater than m and odd, return -1.", ["n", "m"]) == []
    assert read("If n is greater than m, return -1.", ["n", "m"], ["str", "str"]) == []


# ------------------------------------------------------------------ ranking
def _t(tid, passed, clause=""):
    return DerivedTest(tid, "statement", "f()", "x", expected=1, passed=passed, clause=clause)


def test_written_examples_decide_before_a_clause() -> None:
    g = Grounding(["a", "b"], [_t("s0", {0: True, 1: False}), _t("c0", {0: False, 1: True}, "empty-input")])
    assert decide(g, 0, 1)[:2] == (0, "statement")  # 1/2 each overall: the example decides
    g = Grounding(["a", "b"], [_t("s0", {0: True, 1: True}), _t("c0", {0: False, 1: True}, "empty-input")])
    winner, source, why = decide(g, 0, 1)
    assert (winner, source) == (1, "statement") and why.startswith("Decided by a clause of the instruction")


# ------------------------------------------------------------------ stated order and Rust panics
def test_ascending_claim_without_examples_needs_a_list_return_type() -> None:
    text = "Write a Rust function `unique(xs: Vec<i32>) -> Vec<i32>`: Return sorted unique elements in a list"
    assert ascending_claim(text, [], "List[int]") is not None
    assert ascending_claim(text, [], "int") is None and ascending_claim(text, [], None) is None


@pytest.mark.parametrize(
    ("message", "deliberate"),
    [
        ("panic: attempt to subtract with overflow", False),  # debug build: overflow checks on
        ("panic: index out of bounds: the len is 0 but the index is 0", False),
        ("panic: called `Option::unwrap()` on a `None` value", False),
        ("panic: range end index 5 out of range for slice of length 3", False),
        ("panic: runtime error: index out of range [3] with length 3", False),  # Go
        ("panic: n must be positive", True),  # the answer's own panic!/panic(): rejects the input
    ],
)
def test_rust_and_go_runtime_panics_are_not_deliberate(message, deliberate) -> None:
    assert bool(_DELIBERATE.search(message)) is deliberate


def test_an_overflow_panic_is_weak_evidence() -> None:
    from codejudge.ground.arbitrate import classify
    from codejudge.ground.run import Outcome

    over = Outcome("error", exception="panic: attempt to multiply with overflow")
    (t,) = [t for t in classify("f(9)", "x", False, {0: Outcome("ok", 1), 1: over}) if t.source == "property"]
    assert t.weak and t.passed == {0: True, 1: False}  # a number beyond the problem's range, maybe
    oob = Outcome("error", exception="panic: index out of bounds: the len is 2 but the index is 2")
    (t,) = [t for t in classify("f(9)", "x", False, {0: Outcome("ok", 1), 1: oob}) if t.source == "property"]
    assert not t.weak


# ------------------------------------------------------------------ number-sign
def test_number_sign_clause() -> None:
    assert read("If n is negative, return -1.", ["n"]) == [("number-sign", [-5], -1)]
    assert read("If the number is zero, return 0.", ["x"], ["int"], "int") == [("number-sign", [0], 0)]
    assert read("If n < 0 return None.", ["n", "k"], seeds=[[4, 2]]) == [("number-sign", [-5, 2], None)]


def test_number_sign_stays_silent() -> None:
    assert read("If n is negative and odd, return -1.", ["n"]) == []
    assert read("If x is negative, return -1.", ["n"]) == []  # x is no parameter
    assert read("If n is 0, return 1.", ["n"], ["str"]) == []  # n is a string
    assert read("If n is negative, return -1.", ["n", "k"]) == []  # k: no example to take it from
