"""print-instead-of-return (CJ401)

What it does:
    Flags a function that prints but never returns a value (no ``return <expr>``, no
    ``yield``).

Why is this bad?
    The caller gets ``None``: the answer appears on stdout in the right shape but the
    function's result, which tests and callers check, is missing.

Example:
    def add(a, b):
        print(a + b)

Use instead:
    def add(a, b):
        return a + b
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import call_name, child

CODE = "CJ401"
NAME = "print-instead-of-return"
NODE_TYPES = ("function_definition",)


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    name = ctx.text(child(node, "name"))
    if name == "main" or name.startswith(("print", "show", "display", "_", "test")):
        return
    body = child(node, "body")
    # Nested functions count too: a rare miss, but one pass over pre-grouped nodes.
    if ctx.inside(body, "yield") or ctx.inside(body, "raise_statement"):
        return
    if any(r.named_child_count for r in ctx.inside(body, "return_statement")):
        return
    first_print = next((n for n in ctx.inside(body, "call") if call_name(n) == "print"), None)
    if first_print is not None:
        yield first_print, f"`{name}` prints its result but returns None; return the value instead"
