"""is-literal-comparison (CJ101)

What it does:
    Flags ``is`` / ``is not`` comparisons against a number, string or container literal.

Why is this bad?
    ``is`` compares object identity, not value. Whether two equal ints or strings are
    the same object is an implementation detail (small-int and interning caches), so the
    condition silently takes the wrong branch for other values. CPython warns about it.

Example:
    if n is 1000:
        ...

Use instead:
    if n == 1000:
        ...
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import unparen

CODE = "CJ101"
NAME = "is-literal-comparison"
NODE_TYPES = ("comparison_operator",)
_VALUE_LITERALS = {"integer", "float", "string", "concatenated_string", "list", "dictionary", "set", "tuple"}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    ops = [c.type for c in node.children if not c.is_named]
    if not any(o in ("is", "is not") for o in ops):
        return
    for operand in node.named_children:
        if unparen(operand).type in _VALUE_LITERALS:
            yield node, f"`is` compares identity, not value: `{ctx.text(node)}`; use == / !="
            return
