"""C++ test programs (HumanEvalPack: ``assert (...)`` statements in ``main``).

Converted forms: ``f(x) == lit`` (either side), ``issame(f(x), {lit...})`` (the test's
own ``issame``: element-wise ``==``, or within the tolerance it uses, or a map compared
as a map), ``abs(f(x) - lit) < tol``, ``f(x)`` and ``!f(x)`` / ``not(f(x))``.
"""

from __future__ import annotations

import re
from typing import Any

from codejudge.problems.testprograms._base import (
    Found,
    NotLiteral,
    arith,
    convert_comparison,
    convert_equality,
    convert_negation,
    found_at,
    number,
    removed_statement,
    statement_marker,
    text,
    unary,
    unescape,
    unwrap,
)

LANGUAGE = "cpp"
EQUALITY = "exact"  # C++ == converts between numeric types (3 == 3.0, true == 1)
_SUFFIXES = "ull ll ul lu u l f"


def literal(node: Any, as_map: bool = False) -> Any:
    node = unwrap(node)
    t = node.type
    if t == "number_literal":
        return number(text(node), _SUFFIXES)
    if t in ("true", "false"):
        return t == "true"
    if t in ("nullptr", "null"):
        return None
    if t == "string_literal":
        return "".join(
            unescape(text(c)) if c.type == "escape_sequence" else text(c)
            for c in node.named_children
            if c.type in ("string_content", "escape_sequence")
        )
    if t == "concatenated_string":
        return "".join(literal(c) for c in node.named_children)
    if t == "char_literal":
        body = text(node)[1:-1]
        return unescape(body)
    if t == "initializer_list":
        items = [literal(c) for c in node.named_children]
        if as_map:
            if not all(type(i) is list and len(i) == 2 for i in items):
                raise NotLiteral("map initializer without pairs")
            return {k: v for k, v in items}
        return items
    if t == "unary_expression":
        return unary(
            text(node.child_by_field_name("operator")), literal(node.child_by_field_name("argument"))
        )
    if t == "binary_expression":
        return arith(
            text(node.child_by_field_name("operator")),
            literal(node.child_by_field_name("left")),
            literal(node.child_by_field_name("right")),
        )
    if t == "call_expression":  # string("..."), vector<int>({...})
        fn = text(node.child_by_field_name("function"))
        args = node.child_by_field_name("arguments").named_children
        if re.fullmatch(r"(std::)?string", fn) and len(args) == 1:
            return literal(args[0])
        if re.fullmatch(r"(std::)?(vector|list|deque)<.*>", fn, re.S) and len(args) == 1:
            return literal(args[0])
        if re.fullmatch(r"(std::)?(map|unordered_map)<.*>", fn, re.S) and len(args) == 1:
            return literal(args[0], as_map=True)
    if t == "compound_literal_expression":  # vector<int>{...}
        kind = text(node.child_by_field_name("type"))
        return literal(node.child_by_field_name("value"), as_map=bool(re.search(r"\bmap<", kind)))
    raise NotLiteral(f"{t} is not a constant")


def _helpers(root: Any) -> dict[str, tuple[float, bool, bool]]:
    """The test's comparison helpers (``issame``): name -> (tolerance, compares maps, sorts first)."""
    out = {}
    for node in root.named_children:
        if node.type != "function_definition":
            continue
        decl = node.child_by_field_name("declarator")
        name = decl.child_by_field_name("declarator") if decl is not None else None
        if name is None or text(name) in ("main",):
            continue
        body = text(node)
        tol = re.search(r"\babs\s*\([^;]*?\)\s*>=?\s*([0-9.]+(?:e-?\d+)?)", body)
        out[text(name)] = (
            float(tol.group(1)) if tol else 0.0,
            bool(re.search(r"\bmap\s*<", body)),
            bool(re.search(r"\bsort\s*\(", body)),
        )
    return out


def find(src: bytes, root: Any, entry_point: str, declaration: str = "") -> list[Found]:
    helpers = _helpers(root)
    main = next(
        (
            n
            for n in root.named_children
            if n.type == "function_definition" and "main" in text(n.child_by_field_name("declarator"))
        ),
        None,
    )
    found: list[Found] = []

    def visit(node: Any) -> None:
        if node.type == "expression_statement" and node.named_children:
            call = node.named_children[0]
            if call.type == "call_expression" and text(call.child_by_field_name("function")) == "assert":
                found.append(_assertion(node, call, main, helpers, entry_point))
                return
        for c in node.named_children:
            visit(c)

    visit(main if main is not None else root)
    return found


def _assertion(stmt: Any, call: Any, main: Any, helpers: dict, entry: str) -> Found:
    f = found_at(stmt, main)
    args = call.child_by_field_name("arguments").named_children
    if f.why:
        return f
    if len(args) != 1:
        f.why = "assert with several arguments"
        return f
    cond = unwrap(args[0])
    try:
        _convert(f, cond, helpers, entry)
    except NotLiteral as exc:
        f.actual, f.why = None, f"expected value: {exc}"
    return f


def _abs_argument(node: Any) -> Any | None:
    if node.type == "call_expression" and text(node.child_by_field_name("function")) in (
        "abs",
        "fabs",
        "std::abs",
    ):
        args = node.child_by_field_name("arguments").named_children
        return unwrap(args[0]) if len(args) == 1 else None
    return None


def _convert(f: Found, cond: Any, helpers: dict, entry: str) -> None:
    t = cond.type
    if t == "binary_expression":
        convert_comparison(f, cond, literal, _abs_argument)
        return
    if t == "call_expression":
        name = text(cond.child_by_field_name("function"))
        args = cond.child_by_field_name("arguments").named_children
        if name in helpers and len(args) == 2:
            tol, as_map, unordered = helpers[name]
            if unordered:
                f.why = f"{name}() sorts before comparing"
            elif convert_equality(f, unwrap(args[0]), unwrap(args[1]), lambda n: literal(n, as_map=as_map)):
                f.atol = tol
            else:
                f.why = f"{name}() does not compare a computed value with a constant"
            return
        f.expected, f.actual = True, text(cond)
        return
    if not convert_negation(f, cond, ("!", "not"), "argument", ("call_expression",)):
        f.why = f"{t} is not a recognised assertion"


marker, neutral = statement_marker, removed_statement
