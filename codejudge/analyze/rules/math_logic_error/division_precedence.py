"""division-precedence (CJ302)

What it does:
    Flags ``a + b / 2`` and ``a + b // 2`` (two different plain names) where the result is
    a midpoint or mean: assigned to a name like ``mid``/``avg``/``mean``/``median``/``center``,
    or used as an index.

Why is this bad?
    Division binds tighter than addition, so this computes ``a + (b / 2)``, not the
    average ``(a + b) / 2``.

Example:
    mid = lo + hi / 2

Use instead:
    mid = (lo + hi) / 2
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import child

CODE = "CJ302"
NAME = "division-precedence"
NODE_TYPES = ("binary_operator",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    op = node.child_by_field_name("operator")
    if op is None or op.type != "+" or not _midpoint_context(node):
        return
    left, right = child(node, "left"), child(node, "right")
    if left.type != "identifier" or right.type != "binary_operator":
        return
    rop, rl, rr = (child(right, f) for f in ("operator", "left", "right"))
    if (
        rop.type in ("/", "//")
        and rl.type == "identifier"
        and rr.type == "integer"
        and rr.text == b"2"
        and rl.text != left.text
    ):
        yield (
            node,
            (
                f"`{ctx.text(node)}` divides only `{ctx.text(rl)}`; for a mean or midpoint write "
                f"`({ctx.text(left)} {op.type} {ctx.text(rl)}) {rop.type} 2`"
            ),
        )


_MEAN_WORDS = ("mid", "avg", "mean", "median", "center", "centre", "middle", "average")


def _midpoint_context(node: Any) -> bool:
    parent = node.parent
    if parent.type == "subscript" and parent.child_by_field_name("subscript") == node:
        return True
    if parent.type == "assignment" and parent.child_by_field_name("right") == node:
        target = parent.child_by_field_name("left").text.decode().lower()
        return any(w in target for w in _MEAN_WORDS)
    return False
