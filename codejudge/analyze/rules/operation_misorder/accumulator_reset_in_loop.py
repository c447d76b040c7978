"""accumulator-reset-in-loop (CJ503)

What it does:
    Flags an accumulator initialised inside the loop that updates it (``total = 0``
    then ``total += x`` in the same loop body) and read after the loop.

Why is this bad?
    The initialisation runs on every iteration, so after the loop the accumulator only
    holds the last iteration's contribution. The initialisation belongs before the loop.

Example:
    for x in xs:
        total = 0
        total += x
    return total

Use instead:
    total = 0
    for x in xs:
        total += x
    return total
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import block_statements, walk

CODE = "CJ503"
NAME = "accumulator-reset-in-loop"
NODE_TYPES = ("for_statement", "while_statement")
_INIT = {"integer", "float", "string", "list", "dictionary", "set", "tuple"}


def _expr(stmt: Any) -> Any | None:
    return (
        stmt.named_children[0]
        if stmt.type == "expression_statement" and stmt.named_child_count == 1
        else None
    )


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    body = block_statements(node.child_by_field_name("body"))
    for i, stmt in enumerate(body):
        a = _expr(stmt)
        if a is None or a.type != "assignment" or a.child_by_field_name("left").type != "identifier":
            continue
        right = a.child_by_field_name("right")
        if right is None or right.type not in _INIT:
            continue
        name = a.child_by_field_name("left").text
        later = body[i + 1 :]
        updates = [
            n
            for s in later
            for n in [s, *walk(s)]
            if n.type == "augmented_assignment" and n.child_by_field_name("left").text == name
        ]
        reads = [
            n
            for s in later
            for n in walk(s)
            if n.type == "identifier"
            and n.text == name
            and not (n.parent.type == "augmented_assignment" and n.parent.child_by_field_name("left") == n)
        ]
        if not updates or reads:
            continue
        after = node.next_named_sibling
        used_after = False
        while after is not None:
            if any(n.type == "identifier" and n.text == name for n in [after, *walk(after)]):
                used_after = True
                break
            after = after.next_named_sibling
        if used_after:
            yield (
                stmt,
                f"`{name.decode()}` is reset on every iteration of the loop that accumulates it; initialise it before the loop",
            )
