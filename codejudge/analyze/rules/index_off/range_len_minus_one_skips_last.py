"""range-len-minus-one-skips-last (CJ704)

What it does:
    Flags ``for i in range(len(xs) - 1)`` whose body only ever reads ``xs[i]`` (never a
    neighbour like ``xs[i + 1]``) and does nothing else with ``i``.

Why is this bad?
    The ``- 1`` stops the loop one element early: the last element is never visited.
    It is only needed when the body also looks at the next element.

Example:
    for i in range(len(xs) - 1):
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

CODE = "CJ704"
NAME = "range-len-minus-one-skips-last"
NODE_TYPES = ("for_statement",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    loop = for_range(node)
    if loop is None:
        return
    right, var, stop = loop
    seq_node = len_plus_minus_one(stop, "-")
    if seq_node is None:
        return
    seq = ctx.text(seq_node)
    uses = [
        n for n in walk(node.child_by_field_name("body")) if n.type == "identifier" and n.text == var.text
    ]
    if not uses:
        return
    for n in uses:  # every use of i must be exactly `seq[i]`
        p = n.parent
        if not (
            p.type == "subscript"
            and p.child_by_field_name("subscript") == n
            and ctx.text(p.child_by_field_name("value")) == seq
        ):
            return
    yield (
        right,
        f"`{ctx.text(right)}` never visits the last element of `{seq}`; the body only reads `{seq}[{var.text.decode()}]`",
    )
