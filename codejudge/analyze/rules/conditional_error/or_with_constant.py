"""or-with-constant (CJ104)

What it does:
    Flags ``x == a or b`` where ``b`` is a bare non-empty literal (also ``and``).

Why is this bad?
    It reads like "x equals a or b" but parses as ``(x == a) or b``; a non-empty
    literal is always true, so the whole condition is always true.

Example:
    if c == "a" or "e":
        vowels += 1

Use instead:
    if c in ("a", "e"):
        vowels += 1
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import unparen

CODE = "CJ104"
NAME = "or-with-constant"
NODE_TYPES = ("boolean_operator",)
_TRUTHY = {"integer", "float", "string", "concatenated_string"}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    left, right = unparen(node.child_by_field_name("left")), unparen(node.child_by_field_name("right"))
    if left is None or right is None or left.type != "comparison_operator" or right.type not in _TRUTHY:
        return
    text = ctx.text(right)
    if text in ("0", "0.0", '""', "''"):
        return
    parent = node.parent
    if parent is not None and parent.type in (
        "if_statement",
        "elif_clause",
        "while_statement",
        "conditional_expression",
    ):
        yield node, f"`{text}` is always true here: `{ctx.text(node)}` does not test both values"
