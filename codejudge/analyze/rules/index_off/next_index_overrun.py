"""next-index-overrun (CJ703)

What it does:
    Flags ``for i in range(len(xs))`` whose body reads ``xs[i + 1]`` with no bound check
    (no ``len`` in the body, no ``try``).

Why is this bad?
    On the last iteration ``i + 1 == len(xs)``, so the neighbour read raises
    ``IndexError``; the loop should stop one element earlier.

Example:
    for i in range(len(xs)):
        if xs[i] > xs[i + 1]:
            return False

Use instead:
    for i in range(len(xs) - 1):
        if xs[i] > xs[i + 1]:
            return False
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import args, call_name, for_range, walk

CODE = "CJ703"
NAME = "next-index-overrun"
NODE_TYPES = ("for_statement",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    loop = for_range(node)
    if loop is None:
        return
    _, var, stop = loop
    if stop.type != "call" or call_name(stop) != "len" or len(args(stop)) != 1:
        return
    seq, i = ctx.text(args(stop)[0]), var.text.decode()
    body = node.child_by_field_name("body")
    nodes = list(walk(body))
    if any(n.type in ("try_statement", "break_statement", "return_statement") for n in nodes):
        return  # an early exit can stop the loop before the overrun
    if any(n.type == "call" and call_name(n) == "len" for n in nodes):
        return
    for n in nodes:
        if n.type == "subscript" and ctx.text(n.child_by_field_name("value")) == seq:
            idx = n.child_by_field_name("subscript")
            if idx is not None and " ".join(ctx.text(idx).split()) == f"{i} + 1":
                yield n, f"`{ctx.text(n)}` reads past the end on the last iteration; loop to len({seq}) - 1"
                return
