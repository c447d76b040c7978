"""Small tree helpers shared by rules (tree-sitter-python node shapes)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

LITERALS = frozenset({"integer", "float", "string", "concatenated_string", "true", "false", "none"})


def child(node: Node, name: str) -> Node:
    """The child in field ``name``, which the grammar always gives this node type (tree-sitter's
    types say optional). Rules only see trees without syntax errors, so a missing one is a bug."""
    found = node.child_by_field_name(name)
    if found is None:
        raise ValueError(f"{node.type} node without a {name!r} field at {node.start_point}")
    return found


def parent(node: Node) -> Node:
    """The parent of a node that is not the root (every node a rule inspects has one)."""
    if node.parent is None:
        raise ValueError(f"{node.type} node at {node.start_point} has no parent")
    return node.parent


def unparen(node: Any) -> Any:
    while node is not None and node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


def call_name(call: Any) -> str:
    """``f`` for ``f(x)``, ``.m`` for ``obj.m(x)``, ``mod.f`` for ``math.floor(x)``; else ''."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return ""
    if fn.type == "identifier":
        return fn.text.decode()
    if fn.type == "attribute":
        obj, attr = fn.child_by_field_name("object"), fn.child_by_field_name("attribute")
        if obj is not None and obj.type == "identifier" and obj.text.decode() in MODULES:
            return f"{obj.text.decode()}.{attr.text.decode()}"
        return "." + attr.text.decode()
    return ""


MODULES = frozenset(
    {"math", "re", "itertools", "functools", "collections", "heapq", "bisect", "string", "os", "sys"}
)


def args(call: Any) -> list[Any]:
    al = call.child_by_field_name("arguments")
    return [a for a in al.named_children if a.type != "comment"] if al is not None else []


def walk(node: Any, skip_defs: bool = True) -> Iterator[Any]:
    """Every descendant of ``node`` (not itself); nested function/class bodies skipped."""
    stack = list(reversed(node.children))
    while stack:
        n = stack.pop()
        yield n
        if skip_defs and n.type in ("function_definition", "class_definition", "lambda"):
            continue
        stack.extend(reversed(n.children))


def is_value_use(node: Any) -> bool:
    """True when the value of expression ``node`` is used (not a bare statement)."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    return parent is not None and parent.type != "expression_statement"


def block_statements(block: Any) -> list[Any]:
    return [c for c in block.named_children if c.type != "comment"]


def is_docstring(stmt: Any) -> bool:
    return stmt.type == "expression_statement" and stmt.named_children[0].type == "string"


# Calls whose two arguments mean the same in either order: swapping them is no mistake.
COMMUTATIVE_CALLS = frozenset(
    {"max", "min", "math.gcd", "math.lcm", "zip", "print", "isinstance", "map", "filter", "enumerate"}
)


def adjacent_statements(ctx: Any, movable: tuple[str, ...]) -> Iterator[tuple[Any, Any]]:
    """Neighbouring statements of a block that could trade places: both of a ``movable`` type,
    different text, not a docstring first, at the same column (``if c: x = 1`` one-liners differ:
    a swap would break the indentation)."""
    for block in ctx.nodes.get("block", ()):
        for s1, s2 in itertools.pairwise(block_statements(block)):
            if (
                s1.type in movable
                and s2.type in movable
                and ctx.text(s1) != ctx.text(s2)
                and not is_docstring(s1)
                and s1.start_point[1] == s2.start_point[1]
            ):
                yield s1, s2


def swappable_arguments(ctx: Any, call: Any, commutative: frozenset[str]) -> tuple[Any, Any] | None:
    """The two arguments of ``call`` when it has exactly two different positional ones whose
    order matters (its name is not in ``commutative``); else None."""
    a = args(call)
    if (
        len(a) == 2
        and all(x.type not in ("keyword_argument", "list_splat", "dictionary_splat") for x in a)
        and call_name(call) not in commutative
        and ctx.text(a[0]) != ctx.text(a[1])
    ):
        return a[0], a[1]
    return None


def enclosing_function(node: Any) -> Any | None:
    n = node.parent
    while n is not None and n.type != "function_definition":
        n = n.parent
    return n


def for_range(node: Any, max_args: int = 1) -> tuple[Any, Any, Any] | None:
    """``for VAR in range(..., STOP)`` with 1..max_args arguments: (range call, VAR, STOP)."""
    right, var = node.child_by_field_name("right"), node.child_by_field_name("left")
    if right.type != "call" or call_name(right) != "range" or var.type != "identifier":
        return None
    if not 1 <= len(args(right)) <= max_args:
        return None
    return right, var, unparen(args(right)[-1])


def len_plus_minus_one(stop: Any, op: str) -> Any | None:
    """The sequence node ``xs`` when ``stop`` is ``len(xs) <op> 1``, else None."""
    if stop.type != "binary_operator" or stop.child_by_field_name("operator").type != op:
        return None
    ln, one = unparen(stop.child_by_field_name("left")), stop.child_by_field_name("right")
    if ln.type != "call" or call_name(ln) != "len" or one.text != b"1" or len(args(ln)) != 1:
        return None
    return args(ln)[0]
