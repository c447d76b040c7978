"""index-at-len (CJ702)

What it does:
    Flags ``xs[len(xs)]``.

Why is this bad?
    Valid indexes run from 0 to ``len(xs) - 1``; ``xs[len(xs)]`` always raises
    ``IndexError``. The last element is ``xs[len(xs) - 1]`` or ``xs[-1]``.

Example:
    last = xs[len(xs)]

Use instead:
    last = xs[-1]
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import args, call_name

CODE = "CJ702"
NAME = "index-at-len"
NODE_TYPES = ("subscript",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    idx = node.child_by_field_name("subscript")
    if idx is None or idx.type != "call" or call_name(idx) != "len" or len(args(idx)) != 1:
        return
    if ctx.text(args(idx)[0]) == ctx.text(node.child_by_field_name("value")):
        yield node, f"`{ctx.text(node)}` is one past the last element and always raises IndexError"
