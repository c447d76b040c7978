"""Trusted special comparators, the ones evalplus 0.3.1 applies to tasks where
comparing with the reference output is not the right check.

``ORACLES[name](args, expected, actual, atol) -> bool`` runs in the trusted
parent on decoded plain data (``args`` is the list of positional arguments).
A TestCase with ``oracle="name"`` is compared with it (see
``codejudge.sandbox.compare.compare_test``). Like evalplus, equality here is
Python's ``==`` followed by its float fallback (see ``float_fallback``).

>>> ORACLES["humaneval_find_zero"]([[-6, 11, -6, 1]], 1.0, 3.0000001, 1e-4)   # poly(3.0000001) ~ 2e-7
True
>>> ORACLES["mbpp_set_eq"]([(3, 4), (4, 3)], (3, 4), (4, 3), 0.0)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from codejudge.sandbox.floats import float_fallback as compare_float_fallback

Oracle = Callable[[list, Any, Any, float], bool]


def float_fallback(exact: bool, expected: Any, actual: Any, atol: float) -> bool:
    """evalplus's rule after its own equality check: ``exact``, or a match within tolerance
    (the task's ``atol``, or 1e-6 when the expected value is a float or a list of floats) with
    the expected type and length (``floats.float_fallback``)."""
    return bool(exact) or compare_float_fallback(expected, actual, atol)


def _poly(xs: list, x: float) -> float:
    return sum(c * math.pow(x, i) for i, c in enumerate(xs))


def humaneval_find_zero(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """HumanEval/32: any root is right, so check ``|poly(xs, x)| <= atol`` (the reference root is not used)."""
    return abs(_poly(args[0], actual)) <= atol


def mbpp_set_eq(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """Tasks whose answer is a collection in any order (e.g. Mbpp/2 similar_elements)."""
    return float_fallback(set(actual) == set(expected), expected, actual, atol)


def mbpp_not_none(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """Regex tasks whose reference returns a match object: only "matched or not" counts.
    (Non-bool outputs are mapped to ``is not None`` inside the sandbox, where they live.)"""
    exact = actual == expected if type(actual) is bool else expected == (actual is not None)
    return float_fallback(exact, expected, actual, atol)


def mbpp_are_equivalent(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """Mbpp/164: the task statement is ambiguous, so evalplus accepts any output."""
    return True


def mbpp_sum_div(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """Mbpp/295: 0 is also accepted (the statement leaves the empty case open)."""
    return float_fallback(actual == expected or actual == 0, expected, actual, atol)


def _surface_area(base_edge: float, height: float) -> int:
    # The other reading of "height": perpendicular height rather than slant height.
    slant = math.sqrt((base_edge / 2) ** 2 + height**2)
    return round(base_edge**2 + 2 * base_edge * slant)


def mbpp_surface_area(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """Mbpp/581: both readings of the pyramid's height are accepted."""
    return float_fallback(
        actual == expected or abs(actual - _surface_area(*args)) <= atol, expected, actual, atol
    )


def _digit_distance(a: int, b: int) -> int:
    sa, sb = str(a), str(b)
    width = max(len(sa), len(sb))
    return sum(abs(int(x) - int(y)) for x, y in zip(sa.zfill(width), sb.zfill(width)))


def mbpp_digit_distance_nums(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """Mbpp/558: numbers of different lengths may also be compared zero-padded."""
    return float_fallback(actual == expected or actual == _digit_distance(*args), expected, actual, atol)


# -- comparisons that test programs in other languages make (codejudge.problems.testprograms) -----


def less_than(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """A one-sided check, as written: ``assert!(f(x) - c < tol)`` passes when ``f(x) < c + tol`` (expected)."""
    return type(actual) in (int, float) and type(expected) in (int, float) and actual < expected


def _js_number(v: Any) -> float | None:
    if type(v) is bool:
        return float(v)
    if type(v) in (int, float):
        return float(v)
    if type(v) is str:
        s = v.strip()
        if not s:
            return 0.0
        try:
            return float(int(s, 0)) if s.lower().startswith(("0x", "0o", "0b")) else float(s)
        except ValueError:
            return math.nan
    return None


def js_loose_equal(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """JavaScript's ``==`` between a constant and a primitive: a string or boolean meets a number
    by its numeric value (``"6.00" == 6``); ``null == undefined``; otherwise ``===``."""
    if expected is None or actual is None:
        return expected is actual
    if (
        type(expected) is type(actual)
        or isinstance(expected, (list, dict))
        or isinstance(actual, (list, dict))
    ):
        return expected == actual and type(expected) is type(actual)
    a, e = _js_number(actual), _js_number(expected)
    return a is not None and e is not None and a == e


ORACLES: dict[str, Oracle] = {
    "less_than": less_than,
    "js_loose_equal": js_loose_equal,
    "humaneval_find_zero": humaneval_find_zero,
    "mbpp_set_eq": mbpp_set_eq,
    "mbpp_not_none": mbpp_not_none,
    "mbpp_are_equivalent": mbpp_are_equivalent,
    "mbpp_sum_div": mbpp_sum_div,
    "mbpp_surface_area": mbpp_surface_area,
    "mbpp_digit_distance_nums": mbpp_digit_distance_nums,
}
