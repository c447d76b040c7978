"""identical-branches (CJ102)

What it does:
    Flags an ``if``/``else`` statement or a conditional expression whose two branches
    are the same code.

Why is this bad?
    The condition has no effect: one of the branches was meant to do something
    else (often the edge case the condition tests for was never handled).

Example:
    if n < 0:
        return n * 2
    else:
        return n * 2

Use instead:
    if n < 0:
        return -n * 2
    else:
        return n * 2
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context

CODE = "CJ102"
NAME = "identical-branches"
NODE_TYPES = ("if_statement", "conditional_expression")


def _norm(ctx: Any, node: Any) -> str:
    return " ".join(ctx.text(node).split())


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    if node.type == "conditional_expression":
        kids = node.named_children
        if len(kids) == 3 and _norm(ctx, kids[0]) == _norm(ctx, kids[2]):
            yield node, "both outcomes of the conditional expression are the same"
        return
    alts = node.children_by_field_name("alternative")
    if len(alts) != 1 or alts[0].type != "else_clause":
        return  # with elif clauses, equal branches can be a deliberate grouping
    body, other = node.child_by_field_name("consequence"), alts[0].child_by_field_name("body")
    if body is not None and other is not None and _norm(ctx, body) == _norm(ctx, other):
        yield node, "the if and else branches are identical, so the condition has no effect"
