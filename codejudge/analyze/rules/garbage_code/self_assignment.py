"""self-assignment (CJ204)

What it does:
    Flags an assignment of a variable (or attribute, or item) to itself: ``x = x``.

Why is this bad?
    It has no effect. It is usually a botched update, such as ``x = x`` where
    ``x = x + step`` or ``x = y`` was meant.

Example:
    lo = lo

Use instead:
    lo = mid + 1
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context

CODE = "CJ204"
NAME = "self-assignment"
NODE_TYPES = ("assignment",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None or left.type not in ("identifier", "attribute", "subscript"):
        return
    if " ".join(ctx.text(left).split()) == " ".join(ctx.text(right).split()):
        yield node, f"`{ctx.text(node)}` assigns a value to itself and has no effect"
