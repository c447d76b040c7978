"""floor-division-mean (CJ303)

What it does:
    Flags ``sum(xs) // len(xs)``: a mean computed with floor division.

Why is this bad?
    ``//`` rounds down to an integer, so the mean of ``[1, 2]`` becomes ``1`` instead of
    ``1.5``; for negative sums it rounds away from zero.

Example:
    avg = sum(xs) // len(xs)

Use instead:
    avg = sum(xs) / len(xs)
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import call_name, unparen

CODE = "CJ303"
NAME = "floor-division-mean"
NODE_TYPES = ("binary_operator",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    op = node.child_by_field_name("operator")
    if op is None or op.type != "//":
        return
    left, right = unparen(node.child_by_field_name("left")), unparen(node.child_by_field_name("right"))
    if (
        left.type == "call"
        and right.type == "call"
        and call_name(left) == "sum"
        and call_name(right) == "len"
    ):
        yield node, f"`{ctx.text(node)}` floors the mean to an integer; use `/` for the true mean"
