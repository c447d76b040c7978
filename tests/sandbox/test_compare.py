"""Trusted comparison, stdio normalizers and the tagged value codec."""

from __future__ import annotations

import math

import pytest

from codejudge.errors import UnknownNameError
from codejudge.sandbox.compare import compare_test, is_floats, stdout_matches, strict_equal, values_equal
from codejudge.sandbox.values import NotPlainData, decode, encode
from codejudge.types import TestCase


@pytest.mark.parametrize("value", [None, True, 0, -5, 2**80, 1.5, "s", b"\x00\xff", [1, [2]], (1, (2,)), {1, 2},
                                   frozenset({"a"}), {"k": [1, {2: 3}]}, float("inf"), float("-inf")])
def test_values_roundtrip_exact_types(value) -> None:
    back = decode(encode(value))
    assert strict_equal(back, value)


def test_values_reject_non_plain() -> None:
    class I(int):
        pass

    for v in (I(1), object(), [I(1)], {"a": object()}, range(3)):
        with pytest.raises(NotPlainData):
            encode(v)
    with pytest.raises(NotPlainData):
        decode({"$float": "1"})
    assert math.isnan(decode(encode(float("nan"))))


@pytest.mark.parametrize("expected, actual, atol, ok", [
    (3, 3, 0, True),
    (3, 3.0, 0, False),          # type-strict
    (1, True, 0, False),
    ([1], (1,), 0, False),
    (0.3, 0.1 + 0.2, 0, True),   # evalplus: float expected -> atol 1e-6
    ([0.3, 1.0], [0.1 + 0.2, 1.0000001], 0, True),
    ([0.3, 1.0], [0.3, 1.1], 0, False),
    ([0.3, 1.0], [0.3], 0, False),
    (1e9, 1e9 + 50, 0, True),    # rtol 1e-7 * 1e9 = 100
    (1e9, 1e9 + 500, 0, False),
    (float("nan"), float("nan"), 0, True),
    (float("inf"), float("inf"), 0, True),
    (float("inf"), 1e308, 0, False),
    (2.0, 2.05, 0.1, True),
    ([[0.5]], [[0.5000001]], 1e-3, True),
    ({"a": 1.0}, {"a": 1.0}, 0, True),
    ("a", "b", 0, False),
])
def test_values_equal(expected, actual, atol: float, ok: bool) -> None:
    assert values_equal(expected, actual, atol) is ok


def test_python_and_exact_modes() -> None:
    assert values_equal(2, 2.0, mode="python")
    assert not values_equal(0.3, 0.1 + 0.2, mode="exact")
    assert values_equal(0.3, 0.1 + 0.2, 1e-9, mode="exact")
    assert is_floats([1.0, 2.0]) and not is_floats([1.0, 2]) and not is_floats([])


def test_oracle_lookup() -> None:
    t = TestCase(id="0", args=encode([1]), oracle="no-such-oracle")
    with pytest.raises(UnknownNameError):
        compare_test(t, 1, 1)


@pytest.mark.parametrize("normalizer, expected, actual, ok", [
    ("default", "1\n2\n", "1  \n2\n\n\n", True),
    ("default", "1\n2\n", "1\n\n2\n", False),
    ("exact", "1\n", "1\n\n", False),
    ("exact", "1\n", "1\n", True),
    ("tokens", "1 2\n3", "1\n2 3  ", True),
    ("tokens", "1 2", "12", False),
    ("float", "0.333333 x", "0.3333334 x", True),
    ("float", "0.3 x", "0.4 x", False),
    ("float", "1 2", "1", False),
])
def test_normalizers(normalizer: str, expected: str, actual: str, ok: bool) -> None:
    assert stdout_matches(expected, actual, normalizer) is ok


def test_unknown_normalizer() -> None:
    with pytest.raises(UnknownNameError, match="Available: default, exact, float, tokens"):
        stdout_matches("", "", "fuzzy")
