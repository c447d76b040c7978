"""swap-overwrite (CJ501)

What it does:
    Flags ``a = b`` immediately followed by ``b = a``: a swap written in the wrong order
    without a temporary.

Why is this bad?
    After the first assignment both names hold ``b``'s value, so the second one is a
    no-op and ``a``'s old value is lost.

Example:
    a = b
    b = a

Use instead:
    a, b = b, a
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import block_statements

CODE = "CJ501"
NAME = "swap-overwrite"
NODE_TYPES = ("block", "module")


def _assign(ctx: Any, stmt: Any) -> tuple[str, str] | None:
    if stmt.type != "expression_statement" or stmt.named_child_count != 1:
        return None
    a = stmt.named_children[0]
    if a.type != "assignment" or a.child_by_field_name("right") is None:
        return None
    left, right = a.child_by_field_name("left"), a.child_by_field_name("right")
    if left.type in ("identifier", "subscript", "attribute") and right.type in (
        "identifier",
        "subscript",
        "attribute",
    ):
        return " ".join(ctx.text(left).split()), " ".join(ctx.text(right).split())
    return None


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    stmts = block_statements(node)
    for s1, s2 in itertools.pairwise(stmts):
        a1, a2 = _assign(ctx, s1), _assign(ctx, s2)
        if a1 and a2 and a1[0] == a2[1] and a1[1] == a2[0] and a1[0] != a1[1]:
            yield (
                s2,
                f"`{a1[0]}` was just overwritten with `{a1[1]}`, so this swap loses a value; use `{a1[0]}, {a1[1]} = {a1[1]}, {a1[0]}`",
            )
