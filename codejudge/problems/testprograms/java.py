"""Java test programs (HumanEvalPack: ``List<Boolean> correct = Arrays.asList(check, ...)`` in ``Main.main``,
then ``if (correct.contains(false)) throw new AssertionError();``).

Each element is one assertion. Converted forms: ``s.f(x) == lit``, ``s.f(x).equals(lit)``,
``Objects.equals(s.f(x), lit)``, ``Math.abs(s.f(x) - lit) < tol``, ``s.f(x)``, ``!s.f(x)``,
``s.f(x).isEmpty()`` (an empty Optional, list or string). The call runs in a lambda, so a
local it reads must be effectively final; one assigned twice keeps its check as is.
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
    descendants,
    identifiers,
    number,
    text,
    unary,
    unescape,
    unwrap,
)

LANGUAGE = "java"
EQUALITY = "exact"  # == on primitives converts (1 == 1.0); equals() on boxed lists compares elements
_SUFFIXES = "l d f"
_LISTS = {"Arrays.asList", "List.of", "Collections.unmodifiableList", "Stream.of"}
_EMPTY: dict[str, Any] = {
    "Collections.emptyList": [],
    "Collections.emptyMap": {},
    "Collections.emptySet": set(),
    "Optional.empty": None,
    "List.of": [],
    "Map.of": {},
    "Set.of": set(),
}


def literal(node: Any) -> Any:
    node = unwrap(node)
    t = node.type
    if t in (
        "decimal_integer_literal",
        "hex_integer_literal",
        "octal_integer_literal",
        "binary_integer_literal",
        "decimal_floating_point_literal",
        "hex_floating_point_literal",
    ):
        value = number(text(node), _SUFFIXES)
        return float(value) if t.endswith("floating_point_literal") else value
    if t in ("true", "false"):
        return t == "true"
    if t == "null_literal":
        return None
    if t == "string_literal":
        return unescape(text(node)[1:-1])
    if t == "character_literal":
        return unescape(text(node)[1:-1])
    if t == "unary_expression":
        return unary(text(node.child_by_field_name("operator")), literal(node.child_by_field_name("operand")))
    if t == "binary_expression":
        return arith(
            text(node.child_by_field_name("operator")),
            literal(node.child_by_field_name("left")),
            literal(node.child_by_field_name("right")),
        )
    if t == "cast_expression":
        kind, val = text(node.child_by_field_name("type")), literal(node.child_by_field_name("value"))
        if kind in ("double", "float", "Double", "Float") and type(val) in (int, float):
            return float(val)
        if kind in ("int", "long", "short", "Integer", "Long") and type(val) in (int, float):
            return int(val)
        return val
    if t == "method_invocation":
        obj, name = node.child_by_field_name("object"), text(node.child_by_field_name("name"))
        full = (text(obj) + "." if obj is not None else "") + name
        args = [literal(a) for a in node.child_by_field_name("arguments").named_children]
        if full in _LISTS:
            return args
        if full == "Set.of":
            return set(args)
        if full == "Map.of" and len(args) % 2 == 0:
            return {args[i]: args[i + 1] for i in range(0, len(args), 2)}
        if full == "Optional.of" and len(args) == 1:
            return args[0]
        if full in _EMPTY and not args:
            return _EMPTY[full]
    if t == "object_creation_expression":  # new ArrayList<>(Arrays.asList(...)), new HashMap<>()
        kind = text(node.child_by_field_name("type"))
        args = node.child_by_field_name("arguments").named_children
        if node.child_by_field_name("body") is None and re.match(
            r"(Array|Linked|Hash|Tree)?(List|Set|Map)\b", kind
        ):
            if not args:
                return {} if kind.endswith("Map") or "Map<" in kind else set() if "Set" in kind else []
            if len(args) == 1:
                val = literal(args[0])
                return set(val) if "Set" in kind and type(val) is list else val
    if t == "array_creation_expression":
        init = node.child_by_field_name("value")
        if init is not None:
            return literal(init)
    if t == "array_initializer":
        return [literal(c) for c in node.named_children]
    raise NotLiteral(f"{t} is not a constant")


def _correct_list(root: Any) -> tuple[Any, Any] | None:
    """(the Arrays.asList call holding the checks, main's body)."""
    stack = [root]
    body = None
    while stack:
        node = stack.pop()
        if node.type == "method_declaration" and text(node.child_by_field_name("name")) == "main":
            body = node.child_by_field_name("body")
        if (
            node.type == "method_invocation"
            and text(node.child_by_field_name("name")) == "asList"
            and node.parent is not None
            and node.parent.type == "variable_declarator"
            and body is not None
        ):
            return node, body
        stack.extend(reversed(node.named_children))
    return None


def _reassigned(body: Any) -> set[str]:
    """Locals assigned after their declaration: a lambda cannot read them."""
    names: set[str] = set()
    for node in descendants(body):
        if node.type == "assignment_expression":
            left = node.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                names.add(text(left))
        if node.type == "update_expression":
            names |= {text(c) for c in node.named_children if c.type == "identifier"}
    return names


def _empty_value(declaration: str, entry: str) -> tuple[bool, Any]:
    """What ``isEmpty()`` means for the declared return type: (known, the empty value)."""
    m = re.search(r"(\S+?)(<[^()]*>)?\s+" + re.escape(entry) + r"\s*\(", declaration)
    kind = m.group(1) if m else ""
    for prefix, value in (
        ("Optional", None),
        ("List", []),
        ("ArrayList", []),
        ("String", ""),
        ("Map", {}),
        ("HashMap", {}),
    ):
        if kind == prefix:
            return True, value
    return False, None


def find(src: bytes, root: Any, entry_point: str, declaration: str = "") -> list[Found]:
    located = _correct_list(root)
    if located is None:
        return []
    call, body = located
    reassigned = _reassigned(body)
    found = []
    for arg in call.child_by_field_name("arguments").named_children:
        f = Found(arg.start_byte, arg.end_byte, arg.start_point[0] + 1)
        try:
            _convert(f, unwrap(arg), entry_point, declaration)
        except NotLiteral as exc:
            f.actual, f.why = None, f"expected value: {exc}"
        if f.actual is not None:
            stuck = identifiers(arg) & reassigned
            if stuck:
                f.actual, f.why = None, f"reads {', '.join(sorted(stuck))}, assigned twice (a lambda cannot)"
        found.append(f)
    return found


def _abs_argument(node: Any) -> Any | None:
    """``x`` of ``Math.abs(x)`` (any ``abs`` method), None for another node."""
    if node.type == "method_invocation" and text(node.child_by_field_name("name")) == "abs":
        args = node.child_by_field_name("arguments").named_children
        return args[0] if args else None
    return None


def _convert(f: Found, cond: Any, entry: str, declaration: str) -> None:
    t = cond.type
    if t == "binary_expression":
        convert_comparison(f, cond, literal, _abs_argument)
        return
    if t == "method_invocation":
        obj, name = cond.child_by_field_name("object"), text(cond.child_by_field_name("name"))
        args = cond.child_by_field_name("arguments").named_children
        if name == "equals" and obj is not None and text(obj) == "Objects" and len(args) == 2:
            if convert_equality(f, unwrap(args[0]), unwrap(args[1]), literal):
                return
        elif name == "equals" and obj is not None and len(args) == 1:
            if convert_equality(f, unwrap(obj), unwrap(args[0]), literal):
                return
        elif (
            name == "isEmpty"
            and obj is not None
            and not args
            and unwrap(obj).type == "method_invocation"
            and text(unwrap(obj).child_by_field_name("name")) == entry
        ):
            known, empty = _empty_value(declaration, entry)
            if known:
                f.expected, f.actual = empty, text(obj)
            else:
                f.why = "isEmpty() on a return type without a known empty value"
            return
        elif obj is not None and text(obj) not in ("Objects", "Math", "Arrays"):
            f.expected, f.actual = True, text(cond)
            return
    if not convert_negation(f, cond, ("!",), "operand", ("method_invocation",)):
        f.why = f"{t} is not a recognised check"


def marker(test_id: str, original: str, found: Found) -> str:
    return f"@@cj_emit({test_id})@@"  # a list element: the runtime's emit is an expression (true)


def neutral(original: str, found: Found) -> str:
    return "true"
