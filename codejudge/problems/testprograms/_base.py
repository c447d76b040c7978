"""What every language's test-program converter shares: found assertions, literal values, tree helpers."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

LOOPS = {
    "for_statement",
    "for_range_loop",
    "while_statement",
    "do_statement",
    "for_in_statement",
    "enhanced_for_statement",
    "for_expression",
    "while_expression",
    "loop_expression",
    "lambda_expression",
    "closure_expression",
    "arrow_function",
    "function_expression",
    "func_literal",
    "if_statement",
    "if_expression",
    "switch_statement",
    "try_statement",
    "catch_clause",
    "conditional_expression",
    "ternary_expression",
    "match_expression",
}


class NotLiteral(Exception):
    """An expected value that is not a constant of the language (a variable, a call...)."""


@dataclass
class Found:
    """One assertion of a test program.

    ``start``/``end``: the bytes it spans (what a program replaces); ``actual``: the
    source of the expression whose value is the output (None when not convertible,
    ``why`` says why); ``expected``/``atol``/``oracle``: how the output is checked.
    """

    start: int
    end: int
    line: int
    actual: str | None = None
    expected: Any = None
    atol: float = 0.0
    oracle: str | None = None
    why: str = ""
    keep: tuple[str, ...] = ()  # locals the statement uses, still to be used once it is gone (Go)


def text(node: Any) -> str:
    return node.text.decode("utf-8", "replace")


def unwrap(node: Any) -> Any:
    while node is not None and node.type in ("parenthesized_expression", "parenthesized_expression"):
        kids = node.named_children
        if len(kids) != 1:
            break
        node = kids[0]
    return node


def found_at(stmt: Any, scope: Any) -> Found:
    """The assertion statement ``stmt`` of the test function ``scope``; already marked as not
    convertible (``why``) when a loop, branch or closure lies between them."""
    f = Found(stmt.start_byte, stmt.end_byte, stmt.start_point[0] + 1)
    where = enclosed_by_control(stmt, scope)
    if where:
        f.why = f"inside a {where}"
    return f


def descendants(node: Any) -> Iterator[Any]:
    """``node`` and every named node below it (in no particular order)."""
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(cur.named_children)


def enclosed_by_control(node: Any, stop: Any) -> str | None:
    """The loop/branch/closure between ``node`` and ``stop``: an assertion there may run zero or
    many times, so it cannot be one output of one call."""
    cur = node.parent
    while cur is not None and cur != stop:
        if cur.type in LOOPS:
            return cur.type.replace("_", " ")
        cur = cur.parent
    return None


def mentions(node: Any, name: str) -> bool:
    """Does the expression contain the identifier ``name`` (the function under test)?"""
    if node.type in ("identifier", "field_identifier", "property_identifier") and node.text == name.encode():
        return True
    return any(mentions(c, name) for c in node.children)


def split_constant(a: Any, b: Any, literal: Any) -> tuple[Any, Any] | None:
    """(the computed side, the constant's value) of ``a == b``, or None when not exactly one side is a constant.

    The computed side is the output (it calls the candidate, directly or through a helper the
    dataset names differently from its entry point); the constant is the expected value."""

    def const(node: Any) -> tuple[bool, Any]:
        try:
            return True, literal(node)
        except (NotLiteral, ValueError, IndexError, KeyError):
            return False, None

    (ka, va), (kb, vb) = const(a), const(b)
    if kb and not ka:
        return a, vb
    if ka and not kb:
        return b, va
    if not ka and not kb:
        raise NotLiteral(f"neither side is a constant ({a.type} and {b.type})")
    return None


def convert_equality(f: Found, a: Any, b: Any, literal: Any) -> bool:
    """``a == b``: the computed side is the output, the constant side the expected value."""
    split = split_constant(a, b, literal)
    if split:
        f.actual, f.expected = text(split[0]), split[1]
    return bool(split)


def convert_tolerance(f: Found, difference: Any, tol: Any, literal: Any) -> bool:
    """``|f(x) - c| < tol`` (``difference`` is the ``f(x) - c`` node; ``f(x) + c`` means near ``-c``)."""
    difference = unwrap(difference)
    if difference is None or difference.type != "binary_expression":
        return False
    sign = text(difference.child_by_field_name("operator"))
    a, b = unwrap(difference.child_by_field_name("left")), unwrap(difference.child_by_field_name("right"))
    split = split_constant(a, b, literal) if sign in ("-", "+") else None
    if not split or split[0] != a:
        return False
    f.actual, f.expected, f.atol = text(a), split[1] if sign == "-" else -split[1], float(literal(tol))
    return True


def convert_comparison(f: Found, cond: Any, literal: Any, abs_argument: Callable[[Any], Any]) -> None:
    """``a == b`` with one side constant, or ``abs(f(x) - c) < tol``; otherwise ``f.why`` says why
    not. ``abs_argument``: the argument of the language's abs() call, None for any other node."""
    op = text(cond.child_by_field_name("operator"))
    left, right = unwrap(cond.child_by_field_name("left")), unwrap(cond.child_by_field_name("right"))
    if op == "==" and convert_equality(f, left, right, literal):
        return
    if op in ("<", "<=") and convert_tolerance(f, abs_argument(left), right, literal):
        return  # abs(f(x) - c) < tol, or abs(f(x) + 1) < tol: f(x) near -1
    f.why = f"comparison '{op}' is not a computed value against a constant"


def convert_negation(
    f: Found, cond: Any, operators: tuple[str, ...], operand: str, calls: tuple[str, ...]
) -> bool:
    """``!f(x)``: the call's value is expected to be false."""
    if cond.type != "unary_expression" or text(cond.child_by_field_name("operator")) not in operators:
        return False
    arg = unwrap(cond.child_by_field_name(operand))
    if arg is None or arg.type not in calls:
        return False
    f.expected, f.actual = False, text(arg)
    return True


def statement_marker(test_id: str, original: str, found: Found) -> str:
    """A converted assertion statement becomes its marker (an expression) as a statement."""
    return f"@@cj_emit({test_id})@@;"


def removed_statement(original: str, found: Found) -> str:
    return ";"


def identifiers(node: Any) -> set[str]:
    out = {text(node)} if node.type == "identifier" else set()
    for c in node.named_children:
        out |= identifiers(c)
    return out


def unary(op: str, value: Any) -> Any:
    """A constant's unary operator: ``-3``, ``!true``."""
    if op == "-" and type(value) in (int, float):
        return -value
    if op in ("!", "not") and type(value) is bool:
        return not value
    raise NotLiteral(f"unary {op}")


def arith(op: str, a: Any, b: Any, int_division: str = "trunc") -> Any:
    """Constant arithmetic in a C-like language (int / int truncates toward zero)."""
    if type(a) not in (int, float) or type(b) not in (int, float):
        if op == "+" and type(a) is str and type(b) is str:
            return a + b
        raise NotLiteral(f"{op} on non-numbers")
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b == 0:
            raise NotLiteral("division by zero")
        if type(a) is int and type(b) is int and int_division == "trunc":
            return int(a / b)
        return a / b
    if op == "%" and type(a) is int and type(b) is int and b:
        return int(math.fmod(a, b))
    raise NotLiteral(f"operator {op}")


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "0": "\0",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "?": "?",
    "`": "`",
    "$": "$",
}


def unescape(body: str) -> str:
    """C-family escape sequences (\\n, \\x41, \\u00e9, \\101) in a string literal's body."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\" or i + 1 == len(body):
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[nxt]
            if nxt == "u" and body[i + 2 : i + 3] == "{":  # Rust/JS \u{...}
                close = body.index("}", i)
                out.append(chr(int(body[i + 3 : close], 16)))
                i = close + 1
                continue
            digits = body[i + 2 : i + 2 + n]
            out.append(chr(int(digits, 16)))
            i += 2 + len(digits)
        elif nxt.isdigit() and nxt in "01234567" and body[i + 2 : i + 3].isdigit():
            j = i + 1
            while j < len(body) and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(chr(int(body[i + 1 : j], 8)))
            i = j
        elif nxt == "\n":  # line continuation
            i += 2
        else:
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
    return "".join(out)


def number(token: str, suffixes: str = "") -> int | float:
    """A numeric literal: ints (decimal, hex, octal, binary, with _ or ' separators) or floats."""
    t = token.replace("_", "").replace("'", "")
    low = t.lower()
    for suffix in sorted(suffixes.split(), key=len, reverse=True):
        if low.endswith(suffix) and not (suffix in ("f", "d") and low.startswith("0x")):
            t, low = t[: len(t) - len(suffix)], low[: len(low) - len(suffix)]
            break
    if low.startswith(("0x", "0b", "0o")):
        return int(t, 0)
    if any(ch in low for ch in ".e") or low in ("inf", "nan"):
        return float(t)
    if len(t) > 1 and t.startswith("0") and t.isdigit():
        return int(t, 8)
    return int(t)
