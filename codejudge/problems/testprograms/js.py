"""JavaScript test programs (HumanEvalPack: ``console.assert(...)`` statements in a test function).

Converted forms: ``f(x) === lit`` / ``==`` (either side), ``JSON.stringify(f(x)) === JSON.stringify(lit)``,
``Math.abs(f(x) - lit) < tol``, ``f(x)`` and ``!f(x)``.
"""

from __future__ import annotations

import math
from typing import Any

from codejudge.problems.testprograms._base import (
    Found,
    NotLiteral,
    arith,
    convert_equality,
    convert_negation,
    convert_tolerance,
    found_at,
    removed_statement,
    statement_marker,
    text,
    unary,
    unescape,
    unwrap,
)

LANGUAGE = "js"
EQUALITY = "strict"  # === tells 1 from true and "1"; numbers: integral values cross as ints on both sides


def _number(token: str) -> int | float:
    t = token.replace("_", "")
    value = float(int(t, 0)) if t.lower().startswith(("0x", "0b", "0o")) else float(t)
    return int(value) if math.isfinite(value) and value == int(value) else value


def literal(node: Any) -> Any:
    node = unwrap(node)
    t = node.type
    if t == "number":
        return _number(text(node))
    if t in ("true", "false"):
        return t == "true"
    if t in ("null", "undefined"):
        return None
    if t == "string":
        return unescape(text(node)[1:-1])
    if t == "template_string" and not any(c.type == "template_substitution" for c in node.named_children):
        return text(node)[1:-1]
    if t == "array":
        return [literal(c) for c in node.named_children]
    if t == "object":
        out = {}
        for pair in node.named_children:
            if pair.type != "pair":
                raise NotLiteral(f"object member {pair.type}")
            key = pair.child_by_field_name("key")
            k = literal(key) if key.type in ("string", "number") else text(key)
            out[str(k)] = literal(pair.child_by_field_name("value"))
        return out
    if t == "unary_expression":
        return unary(
            text(node.child_by_field_name("operator")), literal(node.child_by_field_name("argument"))
        )
    if t == "binary_expression":
        value = arith(
            text(node.child_by_field_name("operator")),
            literal(node.child_by_field_name("left")),
            literal(node.child_by_field_name("right")),
            int_division="float",
        )
        return int(value) if type(value) is float and math.isfinite(value) and value == int(value) else value
    if t == "sequence_expression":  # (0, 1) is the comma operator: its value is the last one
        return literal(node.named_children[-1])
    if t == "call_expression" and text(node.child_by_field_name("function")) == "JSON.stringify":
        args = node.child_by_field_name("arguments").named_children
        if len(args) == 1:
            return literal(args[0])
    raise NotLiteral(f"{t} is not a constant")


def _stringified(node: Any) -> Any | None:
    node = unwrap(node)
    if node.type == "call_expression" and text(node.child_by_field_name("function")) == "JSON.stringify":
        args = node.child_by_field_name("arguments").named_children
        if len(args) == 1:
            return unwrap(args[0])
    return None


def find(src: bytes, root: Any, entry_point: str, declaration: str = "") -> list[Found]:
    found: list[Found] = []
    body = _test_body(root)

    def visit(node: Any) -> None:
        if node.type == "expression_statement" and node.named_children:
            call = node.named_children[0]
            if (
                call.type == "call_expression"
                and text(call.child_by_field_name("function")) == "console.assert"
            ):
                found.append(_assertion(node, call, body, entry_point))
                return
        for c in node.named_children:
            visit(c)

    visit(root)
    return found


def _test_body(root: Any) -> Any:
    """The test function's body (``const testF = () => {...}``), so its own arrow is not a closure."""
    for node in root.named_children:
        if node.type == "lexical_declaration":
            for d in node.named_children:
                value = d.child_by_field_name("value") if d.type == "variable_declarator" else None
                if value is not None and value.type in ("arrow_function", "function_expression"):
                    return value.child_by_field_name("body")
    return root


def _assertion(stmt: Any, call: Any, body: Any, entry: str) -> Found:
    f = found_at(stmt, body)
    args = call.child_by_field_name("arguments").named_children
    if f.why:
        return f
    if len(args) != 1:
        f.why = "console.assert with a message"
        return f
    try:
        _convert(f, unwrap(args[0]), entry)
    except NotLiteral as exc:
        f.actual, f.why = None, f"expected value: {exc}"
    return f


def _convert(f: Found, cond: Any, entry: str) -> None:
    t = cond.type
    if t == "binary_expression":
        op = text(cond.child_by_field_name("operator"))
        left, right = unwrap(cond.child_by_field_name("left")), unwrap(cond.child_by_field_name("right"))
        if op in ("===", "=="):
            ls, rs = _stringified(left), _stringified(right)
            stringified = ls is not None and rs is not None
            if convert_equality(f, ls if stringified else left, rs if stringified else right, literal):
                if op == "==" and not stringified:
                    f.oracle = "js_loose_equal"  # "6.00" == 6 holds in JavaScript
                return
        if (
            op in ("<", "<=")
            and left.type == "call_expression"
            and text(left.child_by_field_name("function")) == "Math.abs"
            and convert_tolerance(f, left.child_by_field_name("arguments").named_children[0], right, literal)
        ):
            return
        f.why = f"comparison '{op}' is not a computed value against a constant"
        return
    if t == "call_expression" and text(cond.child_by_field_name("function")) != "Math.abs":
        f.expected, f.actual = True, text(cond)
        return
    if not convert_negation(f, cond, ("!",), "argument", ("call_expression",)):
        f.why = f"{t} is not a recognised assertion"


marker, neutral = statement_marker, removed_statement
