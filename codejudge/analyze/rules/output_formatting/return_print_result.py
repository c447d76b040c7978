"""return-print-result (CJ403)

What it does:
    Flags ``return print(...)``.

Why is this bad?
    ``print`` returns ``None``; the value is written to stdout and the function returns
    ``None`` instead of it.

Example:
    def greet(name):
        return print("Hello " + name)

Use instead:
    def greet(name):
        return "Hello " + name
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import call_name, unparen

CODE = "CJ403"
NAME = "return-print-result"
NODE_TYPES = ("return_statement",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    if node.named_child_count == 1:
        value = unparen(node.named_children[0])
        if value.type == "call" and call_name(value) == "print":
            yield node, "`print(...)` returns None, so this returns None; return the value itself"
