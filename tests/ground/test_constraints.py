"""Constraint lines ("1 <= nums.length <= 10^4") read as bounds on the parameters."""

from __future__ import annotations

import pytest

from codejudge.ground.constraints import Bounds, consistent_bounds, stated_bounds, violates
from codejudge.ground.generate import generate

LEETCODE = """Constraints:

    2 <= nums.length <= 10^4
    -10^9 <= nums[i] <= 10^9
    -10⁹ <= target <= 10⁹
    Only one valid answer exists.
"""


def test_leetcode_constraints_bound_lengths_elements_and_values() -> None:
    nums, target = stated_bounds(LEETCODE, ["nums", "target"])
    assert (nums.len_lo, nums.len_hi, nums.lo, nums.hi) == (2, 10_000, -(10**9), 10**9)
    assert (target.lo, target.hi, target.len_lo) == (-(10**9), 10**9, None)  # a superscript is a power


@pytest.mark.parametrize(
    ("line", "params", "expected"),
    [
        ("* 1 <= len(arr) <= 100", ["arr"], Bounds(len_lo=1, len_hi=100, phrase="1 <= len(arr) <= 100")),
        ("1. 0 <= n <= 30", ["n"], Bounds(lo=0, hi=30, phrase="0 <= n <= 30")),
        ("0 < k < 5", ["k"], Bounds(lo=1, hi=4, phrase="0 < k < 5")),  # strict: integers inside
        ("1 <= |s| <= 2 * 10^5", ["s"], Bounds(len_lo=1, len_hi=200_000, phrase="1 <= |s| <= 2 * 10^5")),
        ("s.length <= 50", ["s"], Bounds(len_hi=50, phrase="s.length <= 50")),
        ("-2^31 <= x <= 2^31 - 1", ["x"], Bounds(lo=-(2**31), hi=2**31 - 1, phrase="-2^31 <= x <= 2^31 - 1")),
    ],
)
def test_one_line_forms(line: str, params: list[str], expected: Bounds) -> None:
    assert stated_bounds(line, params) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "1 <= k <= len(arr)",  # relates two parameters: no number
        "Return x if 0 <= x <= 10, else -1.",  # prose, not a constraint line
        "0 <= i < 10",  # not a parameter
    ],
)
def test_what_is_not_a_bound(text: str) -> None:
    assert stated_bounds(text, ["k", "arr", "x"]) == [None, None, None]


def test_an_example_outside_a_bound_drops_it() -> None:
    # scraped statements lose superscripts: "-231 <= x <= 231 - 1" is no bound when an example shows 12345
    (b,) = stated_bounds("-231 <= x <= 231 - 1", ["x"])
    assert consistent_bounds([b], [[12345]]) == [None]
    assert consistent_bounds([b], [[12]]) == [b]


def test_violates_names_the_broken_bound() -> None:
    bounds = stated_bounds(LEETCODE, ["nums", "target"])
    assert violates([[1], 3], bounds, ["nums", "target"]) == "nums.length >= 2"
    assert violates([[1, 2], 10**10], bounds, ["nums", "target"]) == "target <= 1000000000"
    assert violates([[1, 2], 3], bounds, ["nums", "target"]) is None


def test_negative_elements_the_statement_allows_are_generated_as_ordinary_inputs() -> None:
    out = generate([[[4, 7, 9]]], [None], n=20, lows=[-(10**4)])
    negated = [g for g in out if "every element of argument 1 negative" in g.origin]
    assert [g.args for g in negated] == [[[-4, -7, -9]]] and not negated[0].edge
    assert not any("every element" in g.origin for g in generate([[[4, 7, 9]]], [None], n=20))
