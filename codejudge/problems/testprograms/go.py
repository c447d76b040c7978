"""Go test programs (HumanEvalPack: ``assert.Equal(expected, F(x))`` in ``TestX(t *testing.T)``, testify).

Converted forms: ``assert.Equal(lit, F(x)[, msg])`` (either order) and
``assert.Equal(true|false, math.Abs(F(x) - lit) < tol)``. testify's Equal is
type-strict (``ObjectsAreEqual``: ``reflect.DeepEqual``), so the comparison is too:
``[]float64{1, 2}`` expects floats, ``[]int{}`` is not a nil slice. Go refuses unused
imports and variables: a removed statement leaves ``_ = x`` for each local it used, and
the file's imports are pruned to the ones still used.
"""

from __future__ import annotations

import re
from typing import Any

from codejudge.extract import fixups
from codejudge.problems.testprograms._base import (
    Found,
    NotLiteral,
    arith,
    convert_equality,
    convert_tolerance,
    descendants,
    found_at,
    identifiers,
    number,
    text,
    unary,
    unescape,
    unwrap,
)

LANGUAGE = "go"
EQUALITY = "strict"
_FLOATS = ("float64", "float32")


def literal(node: Any, kind: str = "") -> Any:
    """The value of a constant expression; ``kind`` is the Go type it has in context (for untyped numbers)."""
    node = unwrap(node)
    t = node.type
    if t == "int_literal":
        value = number(text(node))
        return float(value) if kind in _FLOATS else value
    if t == "float_literal":
        return float(number(text(node)))
    if t in ("true", "false"):
        return t == "true"
    if t == "nil":
        return None
    if t == "interpreted_string_literal":
        return unescape(text(node)[1:-1])
    if t == "raw_string_literal":
        return text(node)[1:-1]
    if t == "rune_literal":
        return ord(unescape(text(node)[1:-1]))
    if t == "unary_expression":
        return unary(
            text(node.child_by_field_name("operator")), literal(node.child_by_field_name("operand"), kind)
        )
    if t == "binary_expression":
        value = arith(
            text(node.child_by_field_name("operator")),
            literal(node.child_by_field_name("left"), kind),
            literal(node.child_by_field_name("right"), kind),
        )
        return float(value) if kind in _FLOATS and type(value) is int else value
    if t == "composite_literal":
        return _composite(text(node.child_by_field_name("type")), node.child_by_field_name("body"))
    if t == "call_expression":  # conversions: float64(3), string('a')...
        fn = text(node.child_by_field_name("function"))
        args = node.child_by_field_name("arguments").named_children
        if len(args) == 1 and fn in ("float64", "float32", "int", "int64", "int32"):
            return literal(args[0], fn if fn in _FLOATS else "int")
    raise NotLiteral(f"{t} is not a constant")


def _element_type(kind: str) -> tuple[str, str]:
    """('slice'|'map'|'other', element type) of a composite literal's type."""
    kind = kind.strip()
    m = re.fullmatch(r"\[\d*\](.+)", kind, re.S)
    if m:
        return "slice", m.group(1).strip()
    m = re.fullmatch(r"map\[(.+?)\](.+)", kind, re.S)
    if m:
        return "map", m.group(2).strip()
    return "other", ""


def _composite(kind: str, body: Any) -> Any:
    shape, elem = _element_type(kind)
    if shape == "other":
        raise NotLiteral(f"composite literal of type {kind}")
    items = []
    for el in body.named_children:
        if el.type == "keyed_element":
            if shape != "map":
                raise NotLiteral("keyed element outside a map")
            key, value = [c for c in el.named_children]
            items.append((_element(key, ""), _element(value, elem)))
        elif el.type == "literal_element":
            items.append(_element(el, elem))
        else:
            raise NotLiteral(f"{el.type} in a composite literal")
    return dict(items) if shape == "map" else items


def _element(node: Any, elem: str) -> Any:
    inner = node.named_children[0] if node.type == "literal_element" and node.named_children else node
    if inner.type == "literal_value":  # {1, 2} inside [][2]int{...}: the element type gives its shape
        return _composite(elem, inner)
    return literal(inner, elem)


def find(src: bytes, root: Any, entry_point: str, declaration: str = "") -> list[Found]:
    found: list[Found] = []
    for fn in root.named_children:
        if fn.type != "function_declaration" or not text(fn.child_by_field_name("name")).startswith("Test"):
            continue
        body = fn.child_by_field_name("body")
        local = _declared(fn)

        def visit(node: Any) -> None:
            if node.type == "expression_statement" and node.named_children:
                call = node.named_children[0]
                if call.type == "call_expression" and re.fullmatch(
                    r"assert\.Equal", text(call.child_by_field_name("function"))
                ):
                    f = _assertion(node, call, body, entry_point)
                    # a local only this statement used must stay used once it is gone (Go rejects
                    # unused variables); its text, with the expected value, must not stay
                    f.keep = tuple(sorted(identifiers(node) & local))
                    found.append(f)
                    return
            for c in node.named_children:
                visit(c)

        visit(body)
    return found


def _declared(fn: Any) -> set[str]:
    """Names the test function declares (parameters, :=, var): the ones Go insists are used."""
    names: set[str] = set()
    for node in descendants(fn):
        if node.type == "short_var_declaration":
            left = node.child_by_field_name("left")
            names |= {
                text(c) for c in (left.named_children if left is not None else []) if c.type == "identifier"
            }
        elif node.type in ("var_spec", "parameter_declaration"):
            names |= {text(c) for c in node.children_by_field_name("name")}
    return names - {"_"}


def _assertion(stmt: Any, call: Any, body: Any, entry: str) -> Found:
    f = found_at(stmt, body)
    args = call.child_by_field_name("arguments").named_children
    if f.why:
        return f
    if len(args) < 2:
        f.why = "assert.Equal with one argument"
        return f
    expected, actual = unwrap(args[0]), unwrap(args[1])
    if actual.type in ("true", "false"):
        expected, actual = actual, expected
    try:
        if (
            actual.type == "binary_expression"
            and text(actual.child_by_field_name("operator")) in ("<", "<=")
            and expected.type in ("true", "false")
        ):
            left = unwrap(actual.child_by_field_name("left"))
            if (
                left.type == "call_expression"
                and text(left.child_by_field_name("function")) == "math.Abs"
                and expected.type == "true"
                and convert_tolerance(
                    f,
                    left.child_by_field_name("arguments").named_children[0],
                    actual.child_by_field_name("right"),
                    lambda n: literal(n, "float64"),
                )
            ):
                return f
            f.why = "a comparison inside assert.Equal"
            return f
        if not convert_equality(f, actual, expected, literal):
            f.why = "assert.Equal compares two constants"
    except NotLiteral as exc:
        f.actual, f.why = None, f"expected value: {exc}"
    return f


def _uses(found: Found) -> str:
    return "".join(f"; _ = {name}" for name in found.keep)


def marker(test_id: str, original: str, found: Found) -> str:
    return f"@@cj_emit({test_id})@@" + _uses(found)


def neutral(original: str, found: Found) -> str:
    return (_uses(found)[2:] or ";") if found.keep else ";"


def finalize(program: str, calls: str = "") -> str:
    """Go rejects an import nothing uses any more (``math`` only an assertion needed); the calls
    the markers will hold (``F(int(math.Pow(0, 0)))``) count as uses."""
    marked = program + "\n" + "\n".join(f"var _ = {line}" for line in calls.splitlines())
    kept, pruned = fixups.prune_go_imports(marked)
    for path in pruned:
        program = re.sub(
            rf'^[ \t]*(import[ \t]+)?(\w+[ \t]+)?"{re.escape(path)}"[ \t]*\n', "", program, flags=re.M
        )
    return re.sub(r"^\s*import\s*\(\s*\)\s*\n", "", program, flags=re.M)
