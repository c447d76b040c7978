"""ceil-of-floor-division (CJ605)

What it does:
    Flags ``math.ceil(a // b)`` and ``math.floor(a // b)``.

Why is this bad?
    ``a // b`` is already floored to an int, so ``math.ceil`` cannot round it up: the
    ceiling division the code asks for is lost (``math.ceil(7 // 2)`` is 3, not 4).

Example:
    pages = math.ceil(items // per_page)

Use instead:
    pages = math.ceil(items / per_page)   # or -(-items // per_page)
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import args, call_name, unparen

CODE = "CJ605"
NAME = "ceil-of-floor-division"
NODE_TYPES = ("call",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    name = call_name(node)
    if name not in ("math.ceil", "math.floor") or len(args(node)) != 1:
        return
    inner = unparen(args(node)[0])
    if inner.type == "binary_operator" and inner.child_by_field_name("operator").type == "//":
        yield node, f"`{name}` of a floor division does nothing; divide with `/` inside `{name}`"
