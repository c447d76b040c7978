"""duplicate-condition (CJ103)

What it does:
    Flags an ``elif`` whose condition repeats an earlier condition of the same chain.

Why is this bad?
    The second branch can never run: the first branch with that condition always wins.
    Usually one of the two was meant to test a different case.

Example:
    if x > 0:
        return "positive"
    elif x > 0:
        return "negative"

Use instead:
    if x > 0:
        return "positive"
    elif x < 0:
        return "negative"
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import child

CODE = "CJ103"
NAME = "duplicate-condition"
NODE_TYPES = ("if_statement",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    seen = {" ".join(ctx.text(child(node, "condition")).split())}
    for alt in node.children_by_field_name("alternative"):
        if alt.type != "elif_clause":
            continue
        cond = child(alt, "condition")
        key = " ".join(ctx.text(cond).split())
        if key in seen:
            yield (
                cond,
                f"condition `{key}` was already tested earlier in this if/elif chain; this branch never runs",
            )
        seen.add(key)
