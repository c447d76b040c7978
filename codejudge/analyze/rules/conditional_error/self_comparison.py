"""self-comparison (CJ105)

What it does:
    Flags a comparison of an expression with itself (``x == x``, ``a[i] < a[i]``).

Why is this bad?
    The result is constant (except for NaN), so the branch it guards always or never
    runs; usually one side should have been a different variable or index.

Example:
    if nums[i] == nums[i]:
        count += 1

Use instead:
    if nums[i] == nums[j]:
        count += 1
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context

CODE = "CJ105"
NAME = "self-comparison"
NODE_TYPES = ("comparison_operator",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    operands = node.named_children
    if len(operands) != 2 or operands[0].type == "call":
        return  # calls may return different values each time
    a, b = (" ".join(ctx.text(o).split()) for o in operands)
    if a == b:
        yield node, f"`{a}` is compared with itself, so the result is constant"
