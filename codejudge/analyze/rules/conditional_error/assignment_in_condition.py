"""assignment-in-condition (CJ106)

What it does:
    JavaScript: flags ``if (x = value)``, an assignment used as the whole condition of an
    ``if`` (a doubled ``if ((x = f()))`` marks it deliberate and is not flagged).

Why is this bad?
    ``=`` assigns, so the condition is the assigned value (truthy for most values) and
    the variable is overwritten; ``===`` (or ``==``) was meant.

Example:
    if (count = 0) {
        return "empty";
    }

Use instead:
    if (count === 0) {
        return "empty";
    }
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context

CODE = "CJ106"
NAME = "assignment-in-condition"
NODE_TYPES = ("if_statement",)
LANGUAGES = ("javascript",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    cond = node.child_by_field_name("condition")
    if cond is None or cond.type != "parenthesized_expression" or cond.named_child_count != 1:
        return
    inner = cond.named_children[0]
    if inner.type == "assignment_expression":
        yield inner, f"`{ctx.text(inner)}` assigns instead of comparing; use `===`"
