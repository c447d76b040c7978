"""dead-branch (CJ206)

What it does:
    Flags an ``if`` or ``while`` whose condition is the constant ``False``, ``0`` or ``None``:
    a branch that can never run.

Why is this bad?
    The statements under it are dead code. Either they are leftovers that should be deleted,
    or they should run and the constant stands where a real condition (or no condition at
    all) was meant.

Example:
    for x in xs:
        if False:
            total += x

Use instead:
    for x in xs:
        total += x
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import unparen

CODE = "CJ206"
NAME = "dead-branch"
NODE_TYPES = ("if_statement", "elif_clause", "while_statement")
_FALSY = {"False", "0", "None"}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    cond = unparen(node.child_by_field_name("condition"))
    if cond is not None and cond.type in ("false", "integer", "none") and ctx.text(cond) in _FALSY:
        kind = node.type.split("_")[0]
        yield node, f"`{kind} {ctx.text(cond)}:` never runs its block: dead code"
