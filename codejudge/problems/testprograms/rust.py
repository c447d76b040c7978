"""Rust test programs (HumanEvalPack: ``assert!``/``assert_eq!`` in ``#[test]`` functions of ``mod tests``).

Converted forms: ``assert_eq!(f(x), lit)`` (either order), ``assert!(f(x) == lit)``,
``assert!(f(x))``, ``assert!(!f(x))``, ``assert!((f(x) - lit).abs() < tol)``, and the
one-sided checks the dataset also has, ``assert!(f(x) - lit < tol)`` and
``assert!(f(x) < tol)``, kept one-sided (oracle ``less_than``: output < lit + tol).
Macro arguments are token trees to tree-sitter: they are parsed again as expressions.
"""

from __future__ import annotations

import functools
from typing import Any

from codejudge.extract.syntax import parser_for
from codejudge.problems.testprograms._base import (
    Found,
    NotLiteral,
    arith,
    convert_equality,
    convert_tolerance,
    found_at,
    number,
    removed_statement,
    statement_marker,
    text,
    unary,
    unescape,
    unwrap,
)

LANGUAGE = "rust"
EQUALITY = "exact"  # assert_eq! compares values of one type
_SUFFIXES = "i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64"
_EMPTY_NEW = {
    "Vec::new": list,
    "String::new": str,
    "HashMap::new": dict,
    "BTreeMap::new": dict,
    "HashSet::new": set,
    "BTreeSet::new": set,
}


@functools.lru_cache(maxsize=4096)
def _reparse(source: str) -> Any:
    """Macro arguments as an expression: ``(a, b)`` for assert_eq!, ``(cond)`` for assert!."""
    prefix = "fn __cj() { let __x = ("
    tree = parser_for("rust").parse((prefix + source + "); }").encode())
    node = tree.root_node
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "let_declaration":
            value = n.child_by_field_name("value")
            if value is None or tree.root_node.has_error:
                raise NotLiteral("macro arguments do not parse as an expression")
            return value
        stack.extend(n.named_children)
    raise NotLiteral("macro arguments do not parse as an expression")


def _macro_args(node: Any) -> str:
    tree = next(c for c in node.named_children if c.type == "token_tree")
    return text(tree)[1:-1]


def literal(node: Any, env: dict[str, Any] | None = None) -> Any:
    """The constant ``node`` denotes; ``env``: the test's ``let`` bindings of constants."""
    env = env or {}
    node = unwrap(node)
    t = node.type
    if t == "integer_literal":
        return number(text(node), _SUFFIXES)
    if t == "float_literal":
        return float(number(text(node), _SUFFIXES))
    if t == "boolean_literal":
        return text(node) == "true"
    if t == "string_literal":
        return unescape(text(node)[1:-1])
    if t == "raw_string_literal":
        raw = text(node)
        return raw[raw.index('"') + 1 : raw.rindex('"')]
    if t == "char_literal":
        return unescape(text(node)[1:-1])
    if t == "identifier" and text(node) == "None":
        return None
    if t == "identifier" and text(node) in env:
        return env[text(node)]
    if t == "unary_expression":
        return unary(text(node)[0], literal(node.named_children[0], env))
    if t == "reference_expression":
        return literal(node.child_by_field_name("value"), env)
    if t == "binary_expression":
        return arith(
            text(node.child_by_field_name("operator")),
            literal(node.child_by_field_name("left"), env),
            literal(node.child_by_field_name("right"), env),
        )
    if t == "type_cast_expression":
        kind, val = text(node.child_by_field_name("type")), literal(node.child_by_field_name("value"), env)
        if kind in ("f32", "f64") and type(val) in (int, float):
            return float(val)
        if kind.startswith(("i", "u")) and type(val) in (int, float):
            return int(val)
        if kind == "char" and type(val) is int:
            return chr(val)
        raise NotLiteral(f"cast to {kind}")
    if t in ("array_expression", "tuple_expression"):
        kids = node.named_children
        if (
            t == "array_expression"
            and len(kids) == 2
            and b";" in node.text
            and not any(c.type == "," for c in node.children)
        ):  # [x; n]
            value, count = literal(kids[0], env), literal(kids[1], env)
            return [value] * int(count)
        return [literal(c, env) for c in kids]
    if t == "macro_invocation" and text(node.child_by_field_name("macro")) == "vec":
        inner = _macro_args(node).strip()
        return [] if not inner else literal(_reparse("[" + inner + "]"), env)
    if t == "call_expression":
        fn = text(node.child_by_field_name("function"))
        args = node.child_by_field_name("arguments").named_children
        if fn == "Some" and len(args) == 1:
            return literal(args[0], env)
        if fn in ("String::from", "String::from_str") and len(args) == 1:
            return literal(args[0], env)
        if fn in ("HashMap::from", "BTreeMap::from") and len(args) == 1:
            pairs = literal(args[0], env)
            return {k: v for k, v in pairs}
        if fn in ("HashSet::from", "BTreeSet::from") and len(args) == 1:
            return set(literal(args[0], env))
        if fn in _EMPTY_NEW and not args:
            return _EMPTY_NEW[fn]()
        if fn.endswith((".to_string", ".to_owned", ".into", ".to_vec", ".clone")) and not args:
            inner = node.child_by_field_name("function").child_by_field_name("value")
            if inner is not None:
                return literal(inner, env)
    raise NotLiteral(f"{t} is not a constant")


def _computed(node: Any, env: dict[str, Any]) -> bool:
    try:
        literal(node, env)
    except (NotLiteral, ValueError, IndexError, KeyError):
        return True
    return False


def find(src: bytes, root: Any, entry_point: str, declaration: str = "") -> list[Found]:
    found: list[Found] = []
    for fn in _test_functions(root):
        body = fn.child_by_field_name("body")
        env = _bind(body)

        def visit(node: Any) -> None:
            if (
                node.type == "expression_statement"
                and node.named_children
                and node.named_children[0].type == "macro_invocation"
            ):
                mac = node.named_children[0]
                name = text(mac.child_by_field_name("macro"))
                if name in ("assert", "assert_eq", "assert_ne"):
                    found.append(_assertion(node, mac, name, body, env))
                    return
            for c in node.named_children:
                visit(c)

        visit(body)
    return found


def _bind(body: Any) -> dict[str, Any]:
    """Constants the test function names (``let v_empty: Vec<String> = vec![];``), never reassigned."""
    env: dict[str, Any] = {}
    for stmt in body.named_children:
        if stmt.type != "let_declaration" or b"mut" in stmt.text.split(b"=")[0]:
            continue
        pattern, value = stmt.child_by_field_name("pattern"), stmt.child_by_field_name("value")
        if pattern is None or value is None or pattern.type != "identifier":
            continue
        try:
            env[text(pattern)] = literal(value, env)
        except (NotLiteral, ValueError, IndexError, KeyError):
            pass
    return env


def _test_functions(root: Any) -> list[Any]:
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.type == "function_item":
            prev = node.prev_named_sibling
            if prev is not None and prev.type == "attribute_item" and "test" in text(prev):
                out.append(node)
            continue
        stack.extend(reversed(node.named_children))
    return out


def _assertion(stmt: Any, mac: Any, name: str, body: Any, env: dict[str, Any]) -> Found:
    f = found_at(stmt, body)
    if f.why:
        return f
    if name == "assert_ne":
        f.why = "assert_ne! (an inequality)"
        return f
    try:
        args = _reparse(_macro_args(mac))
        if name == "assert_eq":
            if args.type != "tuple_expression" or len(args.named_children) < 2:
                raise NotLiteral("assert_eq! without two arguments")
            a, b = unwrap(args.named_children[0]), unwrap(args.named_children[1])
            _equal(f, a, b, env)
        else:
            _condition(f, unwrap(args if args.type != "tuple_expression" else args.named_children[0]), env)
    except NotLiteral as exc:
        f.actual, f.why = None, f"expected value: {exc}"
    return f


def _equal(f: Found, a: Any, b: Any, env: dict[str, Any]) -> None:
    if not convert_equality(f, a, b, lambda n: literal(n, env)):
        f.why = "compares two constants"


def _condition(f: Found, cond: Any, env: dict[str, Any]) -> None:
    t = cond.type
    if t == "binary_expression":
        op = text(cond.child_by_field_name("operator"))
        left, right = unwrap(cond.child_by_field_name("left")), unwrap(cond.child_by_field_name("right"))
        if op == "==":
            _equal(f, left, right, env)
            return
        if op in ("<", "<=") and _computed(left, env):
            tol = float(literal(right, env))
            if (
                left.type == "call_expression"
                and text(left.child_by_field_name("function")).endswith(".abs")
                and convert_tolerance(
                    f,
                    left.child_by_field_name("function").child_by_field_name("value"),
                    right,
                    lambda n: literal(n, env),
                )
            ):
                return
            if left.type == "binary_expression" and text(left.child_by_field_name("operator")) == "-":
                a, b = unwrap(left.child_by_field_name("left")), unwrap(left.child_by_field_name("right"))
                if _computed(a, env) and not _computed(b, env):  # one-sided, as written
                    f.expected, f.oracle, f.actual = float(literal(b, env)) + tol, "less_than", text(a)
                    return
            if left.type == "call_expression":
                f.expected, f.oracle, f.actual = tol, "less_than", text(left)
                return
        f.why = f"comparison '{op}' is not a call compared with a constant"
        return
    if t == "call_expression":
        f.expected, f.actual = True, text(cond)
        return
    if t == "unary_expression" and text(cond).startswith("!"):
        arg = unwrap(cond.named_children[0])
        if arg.type == "call_expression":
            f.expected, f.actual = False, text(arg)
            return
    f.why = f"{t} is not a recognised assertion"


marker, neutral = statement_marker, removed_statement
