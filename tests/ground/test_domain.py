"""The input domain the instruction's prose states, and how the generator uses it."""

from __future__ import annotations

import pytest

from codejudge.ground.domain import (
    agreeing,
    below_domain,
    consistent,
    excluded_values,
    ruled_out,
    stated_domains,
)
from codejudge.ground.generate import generate, infer, ladder, shape_from_hint, unusual


@pytest.mark.parametrize(
    ("text", "params", "expected"),
    [
        ("Given a positive integer n, return the count.", ["n"], [("int", 1)]),
        ("n is a non-negative integer.", ["n"], [("int", 0)]),
        ("Given two integers a and b, return their sum.", ["a", "b"], [("int", None), ("int", None)]),
        (
            "You are given a list of non-negative integers `nums` and an integer k.",
            ["nums", "k"],
            [("List[int]", 0), ("int", None)],
        ),
        ("Given a non-empty array of integers arr", ["arr"], [("List[int]", None)]),
        ("Given a string s.", ["s"], [("str", None)]),
        ("a positive float x", ["x"], [("float", None)]),  # no bound for floats: 0.5 is positive
    ],
)
def test_stated_domains_read_the_name_next_to_its_type(text: str, params: list[str], expected: list) -> None:
    got = stated_domains(text, params)
    assert [(d.hint, d.lo) if d else None for d in got] == expected


@pytest.mark.parametrize(
    ("text", "params"),
    [
        ("Write a function that takes a string and returns its length.", ["s"]),  # no name: nothing
        ("n is an integer. Later: n is a string.", ["n"]),  # two types: nothing
        ("Given an integer n and k times", ["k"]),  # 'and k' after a singular type is not a list of names
        ("Call the string s.upper() first", ["s"]),  # code about the name, not the name
    ],
)
def test_stated_domains_stay_silent_when_unclear(text: str, params: list[str]) -> None:
    assert stated_domains(text, params) == [None] * len(params)


def test_conflicting_bounds_keep_the_type_and_drop_the_bound() -> None:
    (d,) = stated_domains("Given a positive integer n. Here n is a non-negative integer.", ["n"])
    assert d is not None and d.hint == "int" and d.lo is None


def test_a_stated_bound_makes_values_inside_it_ordinary_and_outside_it_edge() -> None:
    shape = infer([5, 10])
    assert unusual(2, shape) == "a number below every example's"  # the examples alone
    shape.domain_lo = 1  # "a positive integer n"
    assert unusual(2, shape) is None
    assert unusual(0, shape) == "a number below the stated 1"


def test_inputs_from_a_stated_type_when_there_is_no_example_and_no_hint() -> None:
    gen = generate([], ["int"], n=20, seed=0, lows=[1])
    ordinary = [g.args[0] for g in gen if not g.edge]
    assert ordinary and min(ordinary) >= 1
    assert any(g.args == [0] and g.edge for g in gen)  # zero is outside "positive": an edge input


def test_the_least_allowed_value_is_an_ordinary_input_below_the_examples() -> None:
    gen = generate([[5], [10]], [None], n=10, seed=0, lows=[0])
    least = [g for g in gen if g.args == [0]]
    assert least and not least[0].edge and "least value the instruction allows" in least[0].origin


def test_a_bound_the_examples_contradict_is_ignored() -> None:
    gen = generate([[-3], [4]], [None], n=10, seed=0, lows=[1])  # an example shows -3: not "positive"
    assert any(g.args[0] < 1 and not g.edge for g in gen)


def test_list_element_bounds() -> None:
    shape = shape_from_hint("List[int]", lo=1)
    assert shape is not None and shape.elem is not None and shape.elem.domain_lo == 1
    assert unusual([1, 0], shape) == "a number below the stated 1"


def test_efficiency_ladder_without_examples_scales_values_of_the_stated_type() -> None:
    rungs = ladder([], ["int"], (10, 100), lows=[1])
    assert rungs and all(type(g.args[0]) is int and g.args[0] >= 10 for g in rungs)
    assert {g.size for g in rungs} == {10, 100}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You can assume that x, and n are valid fractions, and do not have zero as denominator.", "zero"),
        ("b is non-zero", "zero"),
        ("The divisor will never be zero.", "zero"),
        ("Given a non-empty list of integers", "empty"),
        ("It is assumed that the input lists will be non-empty.", "empty"),
        ("The date string is not empty", "empty"),
    ],
)
def test_values_the_instruction_rules_out(text: str, kind: str) -> None:
    assert kind in excluded_values(text)


def test_ruled_out_inputs() -> None:
    zero, empty = {"zero": "non-zero"}, {"empty": "non-empty"}
    assert ruled_out(["1/5", "5/0"], zero) and ruled_out([[1, 0]], zero) and ruled_out([0], zero)
    assert ruled_out(["10/5", "0.5"], zero) is None  # 10 and 0.5 hold no zero number
    assert ruled_out([[], 1], empty) and ruled_out([""], empty) and ruled_out([[0]], empty) is None
    assert excluded_values("Return the sum of the list.") == {}


# -- program languages: the signature types the parameter, the prose bounds it ---------------------
def test_a_typed_signature_keeps_only_the_domains_it_agrees_with() -> None:
    got = agreeing(
        stated_domains(
            "Given a positive integer n and a list of integers xs, and a string s", ["n", "xs", "s"]
        ),
        ["int", "List[float]", None],  # i32 n, Vec<f64> xs, an untyped (JavaScript) s
    )
    assert [(d.hint, d.lo) if d else None for d in got] == [("int", 1), None, ("str", None)]


def test_bounds_an_example_contradicts_are_not_bounds() -> None:
    assert consistent([1, 0, None], [[2, [0, 3], 5]]) == [1, 0, None]
    assert consistent([1, 1], [[0, [2]], [3, [0]]]) == [None, None]  # 0 shown for "a positive ..."


def test_inputs_below_a_stated_bound_are_named() -> None:
    assert below_domain([0], [1]) == "a number below the stated 1"
    assert below_domain([[3, -1]], [0]) == "a number below the stated 0"
    assert below_domain([5, [0]], [1, None]) is None
    assert below_domain(["x"], [1]) is None  # not a number: the bound says nothing about it
