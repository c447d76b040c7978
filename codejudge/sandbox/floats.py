"""The float tolerance rule of evalplus 0.3.1, shared by the comparator and the special oracles.

When ``atol == 0`` and the expected value is a float or a flat list/tuple of floats,
``atol`` becomes 1e-6, and a non-exact match passes when types and lengths agree and
every number satisfies ``|a - e| <= atol + 1e-7 * |e|`` (numpy ``allclose`` with
``rtol=1e-7``). Below ``compare`` and ``oracles``, which both apply it.

>>> float_fallback(0.3, 0.1 + 0.2, 0.0)
True
>>> float_fallback(3, 3.0000001, 0.0)
False
"""

from __future__ import annotations

import math
from typing import Any

RTOL = 1e-7
FLOAT_ATOL = 1e-6


def is_floats(x: Any) -> bool:
    """evalplus's test for "this expected value gets a float tolerance"."""
    if type(x) is float:
        return True
    if type(x) in (list, tuple) and x:
        return all(type(i) is float for i in x)
    return False


_NUMBERS = (int, float, bool)


def _close(a: Any, e: Any, atol: float, nan_equal: bool = True) -> bool:
    """numpy.allclose(a, e, rtol=1e-7, atol) on (nested) numbers; NaN matches NaN only if
    ``nan_equal``. Numbers beyond float range are compared exactly (numpy gives up on them)."""
    if type(e) in (list, tuple):
        return (
            type(a) in (list, tuple)
            and len(a) == len(e)
            and all(_close(x, y, atol, nan_equal) for x, y in zip(a, e))
        )
    if type(a) not in _NUMBERS or type(e) not in _NUMBERS:
        return False
    try:
        fa, fe = float(a), float(e)
    except OverflowError:  # an int past 1.8e308: no float is near it
        return a == e
    if math.isnan(fa) or math.isnan(fe):
        return nan_equal and math.isnan(fa) and math.isnan(fe)
    if math.isinf(fa) or math.isinf(fe):
        return fa == fe
    return abs(fa - fe) <= atol + RTOL * abs(fe)


def float_fallback(
    expected: Any, actual: Any, atol: float, check_type: bool = True, nan_equal: bool = False
) -> bool:
    """evalplus's rule after its own equality check failed: with a tolerance (``atol``, or 1e-6
    when the expected value is a float or a flat list of floats), an output passes if it has
    the expected type (``check_type``) and length and is ``allclose`` (rtol 1e-7)."""
    if atol == 0 and is_floats(expected):
        atol = FLOAT_ATOL
    if atol == 0:
        return False
    if check_type and type(actual) is not type(expected):
        return False
    if type(expected) in (list, tuple) and (
        type(actual) not in (list, tuple) or len(actual) != len(expected)
    ):
        return False
    return _close(actual, expected, atol, nan_equal)
