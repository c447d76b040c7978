"""range-len-plus-one (CJ701)

What it does:
    Flags ``for i in range(len(xs) + 1)`` (or ``range(0, len(xs) + 1)``) whose body
    indexes ``xs[i]``.

Why is this bad?
    The last value of ``i`` is ``len(xs)``, one past the end, so ``xs[i]`` raises
    ``IndexError`` on the final iteration.

Example:
    for i in range(len(xs) + 1):
        total += xs[i]

Use instead:
    for i in range(len(xs)):
        total += xs[i]
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import for_range, len_plus_minus_one, walk

CODE = "CJ701"
NAME = "range-len-plus-one"
NODE_TYPES = ("for_statement",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    loop = for_range(node, max_args=2)
    if loop is None:
        return
    _, var, stop = loop
    seq_node = len_plus_minus_one(stop, "+")
    if seq_node is None:
        return
    seq = " ".join(ctx.text(seq_node).split())
    for n in walk(node.child_by_field_name("body")):
        if n.type == "subscript" and ctx.text(n.child_by_field_name("value")) == seq:
            idx = n.child_by_field_name("subscript")
            if idx is not None and idx.type == "identifier" and idx.text == var.text:
                yield n, f"`{ctx.text(n)}` is out of range when `{var.text.decode()}` reaches len({seq})"
                return
