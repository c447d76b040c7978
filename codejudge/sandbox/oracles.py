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

from codejudge.sandbox.compare import FLOAT_ATOL, RTOL, is_floats

Oracle = Callable[[list, Any, Any, float], bool]


def float_fallback(exact: bool, expected: Any, actual: Any, atol: float) -> bool:
    """evalplus's rule after its own equality check: with a tolerance (the task's
    ``atol``, or 1e-6 when the expected value is a float or a list of floats), a
    non-exact output passes if it has the expected type and length and is
    ``allclose`` (rtol 1e-7)."""
    if atol == 0 and is_floats(expected):
        atol = FLOAT_ATOL
    if exact or atol == 0:
        return exact
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, (list, tuple)) and len(actual) != len(expected):
        return False
    return _allclose(actual, expected, atol)


def _allclose(a: Any, e: Any, atol: float) -> bool:
    if isinstance(e, (list, tuple)):
        return isinstance(a, (list, tuple)) and len(a) == len(e) and all(_allclose(x, y, atol) for x, y in zip(a, e))
    if type(a) not in (int, float, bool) or type(e) not in (int, float, bool):
        return False
    if math.isnan(a) or math.isnan(e) or math.isinf(a) or math.isinf(e):
        return a == e
    return abs(a - e) <= atol + RTOL * abs(e)


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
    return float_fallback(actual == expected or abs(actual - _surface_area(*args)) <= atol, expected, actual, atol)


def _digit_distance(a: int, b: int) -> int:
    sa, sb = str(a), str(b)
    width = max(len(sa), len(sb))
    return sum(abs(int(x) - int(y)) for x, y in zip(sa.zfill(width), sb.zfill(width)))


def mbpp_digit_distance_nums(args: list, expected: Any, actual: Any, atol: float) -> bool:
    """Mbpp/558: numbers of different lengths may also be compared zero-padded."""
    return float_fallback(actual == expected or actual == _digit_distance(*args), expected, actual, atol)


ORACLES: dict[str, Oracle] = {
    "humaneval_find_zero": humaneval_find_zero,
    "mbpp_set_eq": mbpp_set_eq,
    "mbpp_not_none": mbpp_not_none,
    "mbpp_are_equivalent": mbpp_are_equivalent,
    "mbpp_sum_div": mbpp_sum_div,
    "mbpp_surface_area": mbpp_surface_area,
    "mbpp_digit_distance_nums": mbpp_digit_distance_nums,
}
