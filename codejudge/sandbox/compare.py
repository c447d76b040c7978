"""Trusted comparison of sandbox outputs with expected values (parent side only).

Values arrive decoded by ``values.decode``, so they are exact builtin types and
no candidate-defined ``__eq__`` can take part. Floats follow evalplus 0.3.1
(``floats.float_fallback``): when ``atol == 0`` and the expected value is a float or a
flat list/tuple of floats, ``atol`` becomes 1e-6, and a non-exact match passes
when types and lengths agree and every number satisfies
``|a - e| <= atol + 1e-7 * |e|`` (numpy ``allclose`` with ``rtol=1e-7``).

Modes: "python" is evalplus's comparison (``==``, so ``2 == 2.0``; NaN never
matches, as in ``numpy.allclose``); "strict" is codejudge's own (types must match
at every level, ``1 != 1.0``, ``True != 1``, ``[1] != (1,)``, and NaN matches
NaN, so a reference returning NaN can be met); "exact" is what an
``assert f(x) == y`` line means. (evalplus also lets a bumped ``atol`` carry over
to later tests of the same group: the evaluation engine reproduces that in
"python" mode by setting each test's ``atol``, see ``codejudge.evaluate.engine``.)

Every function here is total: any pair of values yields True or False, never an
exception (a candidate chooses one side of every comparison; ``10**400`` against
a float used to raise ``OverflowError``). ``tests/sandbox/test_compare_total.py``
checks that with generated values.

>>> values_equal(0.1 + 0.2, 0.3)
True
>>> values_equal(1, True)
False
>>> values_equal(1.0, 10 ** 400)
False
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from codejudge.errors import UnknownNameError
from codejudge.sandbox.floats import FLOAT_ATOL, RTOL, float_fallback
from codejudge.sandbox.oracles import ORACLES
from codejudge.types import TestCase
from codejudge.values import decode


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


def values_equal(expected: Any, actual: Any, atol: float = 0.0, mode: str = "strict") -> bool:
    """Compare decoded values.

    ``mode``: "strict" (default), "python" (plain ``==`` on the decoded data, so
    ``2 == 2.0`` as in evalplus, then the float tolerance), or "exact" (plain
    ``==`` and nothing else: what an ``assert f(x) == y`` line means).
    """
    try:
        exact = strict_equal(expected, actual) if mode == "strict" else expected == actual
        if exact or (mode == "exact" and atol == 0):
            return bool(exact)
        return float_fallback(expected, actual, atol, check_type=mode != "exact", nan_equal=mode == "strict")
    except RecursionError:  # nesting deeper than the stack (decode stops at 200 levels long before)
        return False


def oracle(name: str) -> Callable[[Any, Any, Any, float], bool]:
    """Look up a trusted special comparator in ``codejudge.sandbox.oracles.ORACLES``."""
    if name not in ORACLES:
        raise UnknownNameError("oracle", name, ORACLES)
    return ORACLES[name]


def compare_test(test: TestCase, expected: Any, actual: Any, mode: str = "strict") -> bool:
    """Verdict for one function test. ``expected``/``actual`` are decoded values."""
    if test.oracle:
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
        if not (fx == fy or abs(fx - fy) <= tol + RTOL * abs(fx) or (math.isnan(fx) and math.isnan(fy))):
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
