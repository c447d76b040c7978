"""float-sqrt-truncation (CJ304)

What it does:
    Flags ``int(x ** 0.5)`` and ``int(math.sqrt(x))`` used in an exact test: compared
    with ``==``/``!=`` directly or through a variable (``r = int(n ** 0.5); r * r == n``).
    Loop bounds such as ``range(2, int(n ** 0.5) + 1)`` are not flagged.

Why is this bad?
    The float square root is rounded; for large integers (above 2**52) the truncated
    result can be off by one, so perfect-square and divisor tests go wrong.

Example:
    r = int(n ** 0.5)
    return r * r == n

Use instead:
    r = math.isqrt(n)
    return r * r == n
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import args, call_name, enclosing_function, unparen, walk

CODE = "CJ304"
NAME = "float-sqrt-truncation"
NODE_TYPES = ("call",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    if call_name(node) != "int":
        return
    a = args(node)
    if len(a) != 1:
        return
    inner = unparen(a[0])
    is_pow = (
        inner.type == "binary_operator"
        and inner.child_by_field_name("operator").type == "**"
        and ctx.text(unparen(inner.child_by_field_name("right"))) in ("0.5", "1/2", "1 / 2")
    )
    if not (is_pow or (inner.type == "call" and call_name(inner) == "math.sqrt")):
        return
    if _in_equality(node) or _assigned_then_compared(node):
        yield node, f"`{ctx.text(node)}` truncates a float square root; use `math.isqrt(...)` for integers"


def _in_equality(node: Any) -> bool:
    n = node.parent
    while n is not None and n.type in ("binary_operator", "parenthesized_expression"):
        n = n.parent
    return (
        n is not None
        and n.type == "comparison_operator"
        and any(c.type in ("==", "!=") for c in n.children if not c.is_named)
    )


def _assigned_then_compared(node: Any) -> bool:
    parent = node.parent
    if parent.type != "assignment" or parent.child_by_field_name("left").type != "identifier":
        return False
    name, func = parent.child_by_field_name("left").text, enclosing_function(node)
    scope = func.child_by_field_name("body") if func is not None else None
    if scope is None:
        return False
    return any(
        n.type == "identifier" and n.text == name and n.parent.type == "binary_operator" and _in_equality(n)
        for n in walk(scope)
    )
