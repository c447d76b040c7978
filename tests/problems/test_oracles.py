"""The special oracles, checked in both directions and against evalplus's own helpers."""

from __future__ import annotations

import random

import pytest

from codejudge.sandbox.compare import compare_test
from codejudge.sandbox.oracles import ORACLES, _digit_distance, _poly, _surface_area
from codejudge.types import TestCase
from codejudge.values import encode


def test_find_zero_checks_the_root_not_the_reference() -> None:
    xs = [-6, 11, -6, 1]  # roots 1, 2, 3
    assert ORACLES["humaneval_find_zero"]([xs], 1.0, 3.0, 1e-4)
    assert ORACLES["humaneval_find_zero"]([xs], 1.0, 2.00000001, 1e-4)
    assert not ORACLES["humaneval_find_zero"]([xs], 1.0, 2.5, 1e-4)


def test_set_eq_and_not_none() -> None:
    assert ORACLES["mbpp_set_eq"]([], (4, 5), [5, 4], 0)
    assert not ORACLES["mbpp_set_eq"]([], (4, 5), (4,), 0)
    assert ORACLES["mbpp_not_none"]([], True, True, 0)
    assert ORACLES["mbpp_not_none"]([], True, "matched", 0)  # anything but None counts as a match
    assert not ORACLES["mbpp_not_none"]([], False, "matched", 0)
    assert not ORACLES["mbpp_not_none"]([], True, False, 0)


def test_alternative_readings_are_accepted() -> None:
    assert ORACLES["mbpp_sum_div"]([1], 1, 0, 0) and not ORACLES["mbpp_sum_div"]([1], 1, 2, 0)
    assert ORACLES["mbpp_surface_area"]([3, 4], 33, _surface_area(3, 4), 0)
    assert not ORACLES["mbpp_surface_area"]([3, 4], 33, 34, 0)
    assert ORACLES["mbpp_digit_distance_nums"]([123, 45], 99, _digit_distance(123, 45), 0)
    assert ORACLES["mbpp_are_equivalent"]([1, 2], True, None, 0)


def test_float_fallback_like_evalplus() -> None:
    # a float answer within 1e-6 passes; a wrong type never does
    assert ORACLES["mbpp_sum_div"]([1], 1.0, 1.0000001, 0)
    assert not ORACLES["mbpp_sum_div"]([1], 1.5, "1.5", 0)


def test_compare_test_uses_the_oracle() -> None:
    t = TestCase(id="0", args=encode([[-6, 11, -6, 1]]), atol=1e-4, oracle="humaneval_find_zero")
    assert compare_test(t, 1.0, 3.0)
    assert not compare_test(t, 1.0, "3")  # the oracle raising is a failed test, not a crash


def test_helpers_match_evalplus() -> None:
    special = pytest.importorskip("evalplus.eval._special_oracle")
    rng = random.Random(0)
    for _ in range(200):
        xs = [rng.uniform(-10, 10) for _ in range(rng.choice([2, 4, 6]))]
        x = rng.uniform(-3, 3)
        assert _poly(xs, x) == pytest.approx(special._poly(xs, x), rel=1e-12, abs=1e-9)
        a, b = rng.randint(0, 10**6), rng.randint(0, 10**4)
        assert _digit_distance(a, b) == special._digit_distance_nums(a, b)
        e, h = rng.randint(1, 100), rng.randint(1, 100)
        assert _surface_area(e, h) == special._surface_Area(e, h)
