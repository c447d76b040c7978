"""Trusted comparison, stdio normalizers and the tagged value codec."""

from __future__ import annotations

import math

import pytest

from codejudge.errors import UnknownNameError
from codejudge.sandbox.compare import compare_test, stdout_matches, strict_equal, values_equal
from codejudge.sandbox.floats import is_floats
from codejudge.types import TestCase
from codejudge.values import NotPlainData, decode, encode


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -5,
        2**80,
        1.5,
        "s",
        b"\x00\xff",
        [1, [2]],
        (1, (2,)),
        {1, 2},
        frozenset({"a"}),
        {"k": [1, {2: 3}]},
        float("inf"),
        float("-inf"),
    ],
)
def test_values_roundtrip_exact_types(value) -> None:
    back = decode(encode(value))
    assert strict_equal(back, value)


def test_values_reject_non_plain() -> None:
    class Int(int):
        pass

    for v in (Int(1), object(), [Int(1)], {"a": object()}, range(3)):
        with pytest.raises(NotPlainData):
            encode(v)
    with pytest.raises(NotPlainData):
        decode({"$float": "1"})
    with pytest.raises(NotPlainData):
        decode({"$int": "zz"})


def test_long_number_lists_cross_packed() -> None:
    # HumanEval/130-style output: floats with a few ints, long enough to be packed as doubles
    values = [1, 3] + [i / 2 + 1 for i in range(2, 600)] + [float("nan"), -0.0, float("-inf")]
    enc = encode(values)
    assert set(enc) == {"$f64", "ints"} and enc["ints"] == [0, 1]
    back = decode(enc)
    assert [type(v) for v in back] == [type(v) for v in values]
    assert back[:2] == [1, 3] and back[2:-3] == values[2:-3] and math.isnan(back[-3])
    assert str(back[-2]) == "-0.0" and back[-1] == float("-inf")
    assert decode(encode(tuple(values[2:-3]))) == tuple(values[2:-3])
    assert type(encode([0.5] * 10)) is list  # short lists stay plain JSON
    assert type(encode([1] * 1000 + [0.5])) is list  # mostly ints: plain JSON
    assert type(encode([2**60] + [0.5] * 1000)) is list  # an int a double cannot hold exactly
    for bad in (
        {"$f64": "AAAA", "ints": []},
        {"$f64": "AAAAAAAAAAA=", "ints": [1]},
        {"$f64": "AAAAAAAA4D8=", "ints": [0]},
        {"$f64": "AAAAAAAAAAA=", "ints": [], "x": 1},
    ):
        with pytest.raises(NotPlainData):
            decode(bad)


def test_huge_ints_cross_as_hex() -> None:
    # more than 4300 decimal digits: json.dumps(int) would raise, hex does not
    big = -(7**20000)
    enc = encode([big, 5])
    assert enc[0] == {"$int": hex(big)} and enc[1] == 5
    assert decode(enc) == [big, 5]
    assert math.isnan(decode(encode(float("nan"))))


@pytest.mark.parametrize(
    "expected, actual, atol, ok",
    [
        (3, 3, 0, True),
        (3, 3.0, 0, False),  # type-strict
        (1, True, 0, False),
        ([1], (1,), 0, False),
        (0.3, 0.1 + 0.2, 0, True),  # evalplus: float expected -> atol 1e-6
        ([0.3, 1.0], [0.1 + 0.2, 1.0000001], 0, True),
        ([0.3, 1.0], [0.3, 1.1], 0, False),
        ([0.3, 1.0], [0.3], 0, False),
        (1e9, 1e9 + 50, 0, True),  # rtol 1e-7 * 1e9 = 100
        (1e9, 1e9 + 500, 0, False),
        (float("nan"), float("nan"), 0, True),
        (float("inf"), float("inf"), 0, True),
        (float("inf"), 1e308, 0, False),
        (2.0, 2.05, 0.1, True),
        ([[0.5]], [[0.5000001]], 1e-3, True),
        ({"a": 1.0}, {"a": 1.0}, 0, True),
        ("a", "b", 0, False),
    ],
)
def test_values_equal(expected, actual, atol: float, ok: bool) -> None:
    assert values_equal(expected, actual, atol) is ok


def test_python_and_exact_modes() -> None:
    assert values_equal(2, 2.0, mode="python")
    # evalplus (numpy.allclose) never matches NaN; codejudge's strict mode does
    assert not values_equal(float("nan"), float("nan"), mode="python")
    assert not values_equal([1.0, float("nan")], [1.0, float("nan")], mode="python")
    assert values_equal([1.0, float("nan")], [1.0, float("nan")], mode="strict")
    assert not values_equal(1.0, 10**400, mode="python") and not values_equal(10**400, 1e308, 1.0)
    assert not values_equal(0.3, 0.1 + 0.2, mode="exact")
    assert values_equal(0.3, 0.1 + 0.2, 1e-9, mode="exact")
    assert is_floats([1.0, 2.0]) and not is_floats([1.0, 2]) and not is_floats([])


def test_oracle_lookup() -> None:
    t = TestCase(id="0", args=encode([1]), oracle="no-such-oracle")
    with pytest.raises(UnknownNameError):
        compare_test(t, 1, 1)


@pytest.mark.parametrize(
    "normalizer, expected, actual, ok",
    [
        ("default", "1\n2\n", "1  \n2\n\n\n", True),
        ("default", "1\n2\n", "1\n\n2\n", False),
        ("exact", "1\n", "1\n\n", False),
        ("exact", "1\n", "1\n", True),
        ("tokens", "1 2\n3", "1\n2 3  ", True),
        ("tokens", "1 2", "12", False),
        ("float", "0.333333 x", "0.3333334 x", True),
        ("float", "0.3 x", "0.4 x", False),
        ("float", "1 2", "1", False),
    ],
)
def test_normalizers(normalizer: str, expected: str, actual: str, ok: bool) -> None:
    assert stdout_matches(expected, actual, normalizer) is ok


def test_unknown_normalizer() -> None:
    with pytest.raises(UnknownNameError, match="Available: default, exact, float, tokens"):
        stdout_matches("", "", "fuzzy")
