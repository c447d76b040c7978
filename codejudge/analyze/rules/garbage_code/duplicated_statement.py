"""duplicated-statement (CJ205)

What it does:
    Flags a mutating statement (augmented assignment like ``n += 1`` or a method call
    like ``xs.append(v)``) repeated verbatim right after itself.

Why is this bad?
    A copy-paste leftover: the update now happens twice, so counts, sums and lists are
    wrong.

Example:
    for c in s:
        count += 1
        count += 1

Use instead:
    for c in s:
        count += 1
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import block_statements

CODE = "CJ205"
NAME = "duplicated-statement"
NODE_TYPES = ("block",)
# Only methods that add: popping or removing twice is often deliberate.
_GROW = {b"append", b"extend", b"add", b"insert", b"update", b"appendleft"}


def _mutating(stmt: Any) -> bool:
    if stmt.type != "expression_statement" or stmt.named_child_count != 1:
        return False
    expr = stmt.named_children[0]
    if expr.type == "augmented_assignment":
        return True
    if expr.type == "call":
        fn = expr.child_by_field_name("function")
        return fn is not None and fn.type == "attribute" and fn.child_by_field_name("attribute").text in _GROW
    return False


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    stmts = block_statements(node)
    for a, b in itertools.pairwise(stmts):
        if _mutating(a) and ctx.text(a) == ctx.text(b) and "print" not in ctx.text(a):
            yield b, f"`{ctx.text(b)}` repeats the statement before it, so the update happens twice"
