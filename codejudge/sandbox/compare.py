"""Trusted comparison of sandbox outputs with expected values (parent side only).

Values arrive decoded by ``values.decode``, so they are exact builtin types and
no candidate-defined ``__eq__`` can take part. Equality is type-strict
(``1 != 1.0``, ``True != 1``, ``[1] != (1,)``); floats follow evalplus 0.3.1:
when ``atol == 0`` and the expected value is a float or a flat list/tuple of
floats, ``atol`` becomes 1e-6, and a non-exact match passes when types and
lengths agree and every number satisfies ``|a - e| <= atol + 1e-7 * |e|``
(numpy ``allclose`` with ``rtol=1e-7``). Unlike evalplus, NaN equals NaN
(a reference returning NaN must be matchable) and the bumped ``atol`` does not
leak into later tests.

>>> values_equal(0.1 + 0.2, 0.3)
True
>>> values_equal(1, True)
False
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from codejudge.errors import UnknownNameError
from codejudge.types import TestCase

RTOL = 1e-7
FLOAT_ATOL = 1e-6


def is_floats(x: Any) -> bool:
    """evalplus's test for "this expected value gets a float tolerance"."""
    if type(x) is float:
        return True
    if type(x) in (list, tuple) and x:
        return all(type(i) is float for i in x)
    return False


def strict_equal(a: Any, b: Any) -> bool:
    """Structural equality that also requires identical types at every level."""
    ta, tb = type(a), type(b)
    if ta is not tb:
        return False
    if ta is float:
        return a == b or (math.isnan(a) and math.isnan(b))
    if ta in (list, tuple):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b))
    if ta is dict:
        if a.keys() != b.keys():
            return False
        return all(strict_equal(a[k], b[k]) for k in a)
    return a == b  # None, bool, int, str, bytes, set, frozenset of plain data


def _close(a: Any, e: Any, atol: float) -> bool:
    """numpy.allclose(a, e, rtol=1e-7, atol) on (nested) numbers, NaN == NaN."""
    if type(e) in (list, tuple):
        return type(a) in (list, tuple) and len(a) == len(e) and all(_close(x, y, atol) for x, y in zip(a, e))
    if type(a) not in (int, float, bool) or type(e) not in (int, float, bool):
        return False
    if math.isnan(a) or math.isnan(e):
        return math.isnan(a) and math.isnan(e)
    if math.isinf(a) or math.isinf(e):
        return a == e
    return abs(a - e) <= atol + RTOL * abs(e)


def values_equal(expected: Any, actual: Any, atol: float = 0.0, mode: str = "strict") -> bool:
    """Compare decoded values.

    ``mode``: "strict" (default), "python" (plain ``==`` on the decoded data, so
    ``2 == 2.0`` as in evalplus, then the float tolerance), or "exact" (plain
    ``==`` and nothing else: what an ``assert f(x) == y`` line means).
    """
    exact = expected == actual if mode in ("python", "exact") else strict_equal(expected, actual)
    if exact or (mode == "exact" and atol == 0):
        return exact
    if atol == 0 and is_floats(expected):
        atol = FLOAT_ATOL
    if atol == 0:
        return False
    if mode != "exact" and type(actual) is not type(expected):  # evalplus: type(out) == type(exp)
        return False
    if type(expected) in (list, tuple) and (type(actual) not in (list, tuple) or len(actual) != len(expected)):
        return False
    return _close(actual, expected, atol)


def oracle(name: str) -> Callable[[Any, Any, Any, float], bool]:
    """Look up a trusted special comparator in ``codejudge.sandbox.oracles.ORACLES``."""
    try:
        from codejudge.sandbox.oracles import ORACLES
    except ImportError:
        ORACLES = {}
    if name not in ORACLES:
        raise UnknownNameError("oracle", name, ORACLES)
    return ORACLES[name]


def compare_test(test: TestCase, expected: Any, actual: Any, mode: str = "strict") -> bool:
    """Verdict for one function test. ``expected``/``actual`` are decoded values."""
    if test.oracle:
        from codejudge.sandbox.values import decode

        args = decode(test.args) if test.args is not None else []
        fn = oracle(test.oracle)  # an unknown name is a configuration error, not a failed test
        try:
            return bool(fn(args, expected, actual, test.atol))
        except Exception:  # noqa: BLE001 - e.g. the output has the wrong shape for the oracle
            return False
    return values_equal(expected, actual, test.atol, mode)


# -- stdio normalizers: name -> (expected stdout, actual stdout, atol) -> bool ------------------


def _default_lines(s: str) -> list[str]:
    lines = [line.rstrip() for line in s.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


_NUM = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|nan)$", re.IGNORECASE)


def _float_tokens(expected: str, actual: str, atol: float) -> bool:
    e, a = expected.split(), actual.split()
    if len(e) != len(a):
        return False
    tol = atol or FLOAT_ATOL
    for x, y in zip(e, a):
        if x == y:
            continue
        if not (_NUM.match(x) and _NUM.match(y)):
            return False
        fx, fy = float(x), float(y)
        if not (abs(fx - fy) <= tol + RTOL * abs(fx) or (math.isnan(fx) and math.isnan(fy))):
            return False
    return True


NORMALIZERS: dict[str, Callable[[str, str, float], bool]] = {
    "default": lambda e, a, atol: _default_lines(e) == _default_lines(a),
    "exact": lambda e, a, atol: e == a,
    "tokens": lambda e, a, atol: e.split() == a.split(),
    "float": _float_tokens,
}


def stdout_matches(expected: str, actual: str, normalizer: str = "default", atol: float = 0.0) -> bool:
    """Compare program output after a named normalizer.

    >>> stdout_matches("1 2\\n", "1 2   \\n\\n")
    True
    >>> stdout_matches("0.333333", "0.3333333", "float")
    True
    """
    if normalizer not in NORMALIZERS:
        raise UnknownNameError("normalizer", normalizer, NORMALIZERS)
    return NORMALIZERS[normalizer](expected, actual, atol)
