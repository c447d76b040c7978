"""useless-expression (CJ202)

What it does:
    Flags an expression statement whose value is computed and thrown away without any
    effect: a comparison, arithmetic, a bare name, a subscript or a number/list literal.

Why is this bad?
    It does nothing. Typically ``==`` was written for ``=``, or a result was meant to
    be returned or stored.

Example:
    def bump(x):
        x == x + 1
        return x

Use instead:
    def bump(x):
        x = x + 1
        return x
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context

CODE = "CJ202"
NAME = "useless-expression"
NODE_TYPES = ("expression_statement",)
_USELESS = {
    "comparison_operator",
    "binary_operator",
    "boolean_operator",
    "not_operator",
    "identifier",
    "subscript",
    "integer",
    "float",
    "list",
    "tuple",
    "unary_operator",
}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    if node.named_child_count != 1:
        return
    expr = node.named_children[0]
    if expr.type in _USELESS:
        yield expr, f"expression `{ctx.text(expr)}` has no effect; its value is discarded"
