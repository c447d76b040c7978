"""str-of-round (CJ402)

What it does:
    Flags ``str(round(x, n))`` and ``f"{round(x, n)}"``: formatting a rounded float as text.

Why is this bad?
    ``round`` does not fix the number of printed decimals: ``str(round(2.5, 2))`` is
    ``'2.5'``, not ``'2.50'``, and float artefacts can remain. The text differs from the
    expected format in the last characters.

Example:
    return f"{round(price, 2)}"

Use instead:
    return f"{price:.2f}"
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import args, call_name, parent

CODE = "CJ402"
NAME = "str-of-round"
NODE_TYPES = ("call",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    if call_name(node) != "round" or len(args(node)) != 2:
        return
    up = parent(node)
    if up.type == "interpolation" and up.child_by_field_name("format_specifier") is None:
        yield (
            node,
            f"`{ctx.text(node)}` in an f-string does not fix the decimals; use a format spec like `:.2f`",
        )
    elif up.type == "argument_list" and parent(up).type == "call" and call_name(parent(up)) == "str":
        yield parent(up), f"`{ctx.text(parent(up))}` does not fix the decimals; use `format(x, '.2f')`"
