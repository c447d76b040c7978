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
from typing import Any

from codejudge.analyze.rules._util import args, call_name, unparen, walk

CODE = "CJ701"
NAME = "range-len-plus-one"
NODE_TYPES = ("for_statement",)


def check(node: Any, ctx: Any) -> Iterator[tuple[Any, str]]:
    right, var = node.child_by_field_name("right"), node.child_by_field_name("left")
    if right.type != "call" or call_name(right) != "range" or var.type != "identifier" or not 1 <= len(args(right)) <= 2:
        return
    stop = unparen(args(right)[-1])
    if stop.type != "binary_operator" or stop.child_by_field_name("operator").type != "+":
        return
    ln, one = unparen(stop.child_by_field_name("left")), stop.child_by_field_name("right")
    if ln.type != "call" or call_name(ln) != "len" or one.text != b"1" or len(args(ln)) != 1:
        return
    seq = " ".join(ctx.text(args(ln)[0]).split())
    for n in walk(node.child_by_field_name("body")):
        if n.type == "subscript" and ctx.text(n.child_by_field_name("value")) == seq:
            idx = n.child_by_field_name("subscript")
            if idx is not None and idx.type == "identifier" and idx.text == var.text:
                yield n, f"`{ctx.text(n)}` is out of range when `{var.text.decode()}` reaches len({seq})"
                return
