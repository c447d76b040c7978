"""xor-as-power (CJ301)

What it does:
    Flags ``x ^ 2`` and ``x ^ 3``: bitwise exclusive-or with a small integer literal.

Why is this bad?
    In Python ``^`` is XOR, not exponentiation; ``5 ^ 2`` is 7, not 25. Squaring and
    cubing written with ``^`` is a formula mistake carried over from math notation.

Example:
    area = side ^ 2

Use instead:
    area = side ** 2
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context

CODE = "CJ301"
NAME = "xor-as-power"
NODE_TYPES = ("binary_operator",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    op = node.child_by_field_name("operator")
    right = node.child_by_field_name("right")
    if (
        op is not None
        and op.type == "^"
        and right is not None
        and right.type == "integer"
        and right.text in (b"2", b"3")
    ):
        left = ctx.text(node.child_by_field_name("left"))
        yield node, f"`^` is bitwise XOR in Python; for a power write `{left} ** {right.text.decode()}`"
