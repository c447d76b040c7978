"""unreachable-code (CJ201)

What it does:
    Flags statements that follow a ``return``, ``raise``, ``break`` or ``continue`` in
    the same block.

Why is this bad?
    They never run. Either the jump is misplaced (the following code was supposed to
    run first) or the code is leftover garbage.

Example:
    def total(xs):
        return sum(xs)
        print("done")

Use instead:
    def total(xs):
        print("done")
        return sum(xs)
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import block_statements

CODE = "CJ201"
NAME = "unreachable-code"
NODE_TYPES = ("block",)
_JUMPS = {"return_statement", "raise_statement", "break_statement", "continue_statement"}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    stmts = block_statements(node)
    for i, stmt in enumerate(stmts[:-1]):
        if stmt.type in _JUMPS:
            yield stmts[i + 1], f"code after `{ctx.text(stmt).split()[0]}` is never run"
            return
