"""index-compared-to-minus-one (CJ606)

What it does:
    Flags ``xs.index(v)`` compared with ``-1`` (``== -1``, ``!= -1``, ...).

Why is this bad?
    ``list.index`` and ``str.index`` never return -1: they raise ``ValueError`` when the
    value is missing. ``-1`` is the "not found" result of ``str.find``.

Example:
    if s.index(c) == -1:
        return False

Use instead:
    if c not in s:
        return False
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import call_name, unparen

CODE = "CJ606"
NAME = "index-compared-to-minus-one"
NODE_TYPES = ("comparison_operator",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    ops = node.named_children
    if len(ops) != 2:
        return
    a, b = unparen(ops[0]), unparen(ops[1])
    if a.type == "call" and call_name(a) == ".index" and ctx.text(b).replace(" ", "") == "-1":
        yield node, "`.index()` raises ValueError instead of returning -1; use `in` or `.find()`"
