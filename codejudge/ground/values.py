"""Literal values in prose: parse them safely, compare them the way statements mean them.

Everything here works on *plain data* only: values come from ``ast.literal_eval``
(never ``eval``) or from the sandbox's decoded outputs (exact builtin types).

>>> literal("[1, 2, 3].")
(True, [1, 2, 3])
>>> literal("true")
(True, True)
>>> leading_literal("('bcd',False) because b is removed")
(True, ('bcd', False), 13)
>>> apply_view(("set",), [3, 1, 1])
{1, 3}
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Iterator
from typing import Any

from codejudge.sandbox.compare import values_equal

_MAX_TEXT = 20_000  # a literal longer than this in prose is not an example worth parsing
_FAIL = (ValueError, TypeError, SyntaxError, MemoryError, RecursionError)


def literal(text: str) -> tuple[bool, Any]:
    """``(ok, value)`` for a Python (or JSON: true/false/null) literal, tolerant of trailing punctuation."""
    text = text.strip().strip("`").strip()
    if not text or len(text) > _MAX_TEXT:
        return False, None
    for cand in _variants(text):
        try:
            return True, ast.literal_eval(cand)
        except _FAIL:
            pass
        try:
            value = json.loads(cand)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, (bool, type(None), list, dict)) or cand in ("true", "false", "null"):
            return True, value
    return False, None


def _variants(text: str) -> list[str]:
    out = []
    # "the output should be 14." ends a sentence: 14, not 14.0
    if text[-1] in ".,;:" and not text.endswith("..."):
        out.append(text[:-1].rstrip())
    out.append(text)
    return out


def depths(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """``(index, bracket depth after it)`` for each character outside string literals (and each
    literal's closing quote), from ``start``.

    >>> [d for _, d in depths("(a[1])")]
    [1, 1, 2, 2, 1, 0]
    """
    depth, quote, i = 0, "", start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = ""
                yield i, depth  # a string literal ends here
        elif c in "'\"":
            quote = c
        else:
            depth += (c in "([{") - (c in ")]}")
            yield i, depth
        i += 1


def closing(text: str, start: int) -> int:
    """Index just past the bracket closing the one at ``start``; -1 when it never closes."""
    return next((i + 1 for i, d in depths(text, start) if d == 0), -1)


def split_top(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` characters outside brackets: ``split_top("a[b,c],d", ",")`` -> ["a[b,c]", "d"]."""
    cuts = [i for i, d in depths(text) if d == 0 and text[i] == sep]
    return [text[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(text)])]


def _bracket_ends(text: str) -> list[int]:
    """Positions where a prefix of ``text`` closes every bracket and string it opened."""
    ends = []
    for i, d in depths(text):
        if d < 0:
            break
        if d == 0 and (i + 1 == len(text) or text[i + 1] in " \t,;.\n)"):
            ends.append(i + 1)
    return ends


def leading_literal(text: str) -> tuple[bool, Any, int]:
    """The longest literal at the start of ``text``: ``(ok, value, length)``.

    Prose often follows an example's value ("-> 6 (1 + 2 + 3)"), so the value
    is the longest prefix that parses, ending at a bracket/quote boundary.
    """
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    for end in reversed(_bracket_ends(stripped[:_MAX_TEXT])):
        ok, value = literal(stripped[:end])
        if ok:
            return True, value, lead + end
    return False, None, 0


def call_parts(node: ast.AST) -> tuple[str, list[Any], dict[str, Any]] | None:
    """``name(literal args, kw=literal)`` -> (name, args, kwargs); None when not that shape.

    ``Solution().method(...)`` and ``obj.method(...)`` give the method name.
    """
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name):
        name = func.id
    elif isinstance(func, ast.Attribute):
        name = func.attr
    else:
        return None
    try:
        args = [ast.literal_eval(a) for a in node.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
    except _FAIL:
        return None
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        return None
    return name, args, kwargs


# Wrappers a statement may put around the call (``set(f(x)) == {...}``): applied to outputs in
# the trusted parent, so "any order" answers compare as the statement means them.
VIEWS = ("set", "frozenset", "sorted", "list", "tuple", "bool", "round", "abs", "len", "str", "int", "float")


def apply_view(view: tuple[Any, ...], value: Any) -> Any:
    """Apply wrappers innermost first; raises ValueError/TypeError when they do not apply."""
    for step in reversed(view):
        if isinstance(step, tuple):  # ("round", ndigits)
            value = round(value, step[1])
        elif step == "set":
            value = set(value)
        elif step == "frozenset":
            value = frozenset(value)
        elif step == "sorted":
            value = sorted(value)
        elif step == "list":
            value = list(value)
        elif step == "tuple":
            value = tuple(value)
        elif step == "bool":
            value = bool(value)
        elif step == "abs":
            value = abs(value)
        elif step == "len":
            value = len(value)
        elif step == "str":
            value = str(value)
        elif step == "int":
            value = int(value)
        elif step == "float":
            value = float(value)
        elif step == "not":
            value = not value
        else:
            raise ValueError(f"unknown view {step!r}")
    return value


def matches(expected: Any, actual: Any, view: tuple[Any, ...] = (), atol: float = 0.0) -> bool:
    """Does ``actual`` (an output) satisfy ``expected`` as the statement wrote it?

    Python equality (``2 == 2.0``), evalplus's float tolerance, the statement's
    view applied to the output first. Never raises.
    """
    try:
        if view:
            actual = apply_view(view, actual)
        return values_equal(expected, actual, atol, mode="python")
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False


def same_output(a: Any, b: Any, view: tuple[Any, ...] = ()) -> bool:
    """Do two responses' outputs agree (after the statement's view, with float tolerance)?"""
    try:
        if view:
            a, b = apply_view(view, a), apply_view(view, b)
    except (ValueError, TypeError, OverflowError, RecursionError):
        pass
    try:
        return a == b or values_equal(a, b, 0.0, mode="python") or _close(a, b)
    except (TypeError, ValueError, RecursionError):
        return False


def _close(a: Any, b: Any) -> bool:
    # Two computed floats (no "expected" side): relative tolerance both ways.
    if type(a) is float and type(b) is float:
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b))
    if type(a) in (list, tuple) and type(a) is type(b) and len(a) == len(b):
        return all(x == y or _close(x, y) for x, y in zip(a, b))
    return False


def short(value: Any, limit: int = 80) -> str:
    """repr cut to ``limit`` characters, for rationales."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a value we cannot print is shown as such
        text = "<unprintable>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
