"""use-before-assignment (CJ502)

What it does:
    Flags a local variable read in a function's top-level statements before the
    statement that first assigns it, when the name is not a parameter, global or builtin.

Why is this bad?
    The statements are in the wrong order: the read raises ``UnboundLocalError`` (or uses
    a stale value) because the assignment that should come first comes later.

Example:
    def area(r):
        result = pi * r * r
        pi = 3.14159
        return result

Use instead:
    def area(r):
        pi = 3.14159
        result = pi * r * r
        return result
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import block_statements, walk

CODE = "CJ502"
NAME = "use-before-assignment"
NODE_TYPES = ("function_definition",)
_BUILTINS = frozenset(dir(builtins))


def _stored(stmt: Any) -> set[str]:
    """Names a top-level statement binds (plain assignments and for targets only)."""
    out: set[str] = set()
    if stmt.type == "expression_statement" and stmt.named_child_count == 1:
        a = stmt.named_children[0]
        if a.type in ("assignment", "augmented_assignment"):
            out |= _targets(a.child_by_field_name("left"))
    return out


def _targets(left: Any) -> set[str]:
    """Names an assignment target binds: ``memo[k] = v`` and ``obj.x = v`` bind nothing (they
    read ``memo`` / ``obj``), so a memo table filled after it is consulted is not a misorder."""
    if left.type == "identifier":
        return {left.text.decode()}
    if left.type in (
        "pattern_list",
        "tuple_pattern",
        "list_pattern",
        "expression_list",
        "tuple",
        "list",
        "parenthesized_expression",
        "list_splat_pattern",
    ):
        return {name for c in left.named_children for name in _targets(c)}
    return set()


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    stmts = block_statements(node.child_by_field_name("body"))
    bound: set[str] = set()
    for n in walk(node.child_by_field_name("parameters")):
        if n.type == "identifier":
            bound.add(n.text.decode())
    body_assigned: dict[str, int] = {}
    for i, stmt in enumerate(stmts):
        for name in _stored(stmt):
            body_assigned.setdefault(name, i)
    candidates = {k for k in body_assigned if k not in bound and k not in _BUILTINS}
    if not candidates:
        return
    # Any other binding form (loops, with, imports, comprehensions...) makes order analysis unsafe.
    body = node.child_by_field_name("body")
    for t in (
        "global_statement",
        "nonlocal_statement",
        "for_statement",
        "import_statement",
        "import_from_statement",
        "with_statement",
        "try_statement",
        "named_expression",
        "function_definition",
        "class_definition",
        "while_statement",
    ):
        if ctx.inside(body, t):
            return
    bound_so_far: set[str] = set()
    for i, stmt in enumerate(stmts):
        # Names bound anywhere inside this statement (e.g. in an if branch) may be set before the read.
        for a in [stmt, *walk(stmt)]:
            if a.type in ("assignment", "augmented_assignment"):
                bound_so_far |= _targets(a.child_by_field_name("left"))
        reads = [
            n for n in walk(stmt) if n.type == "identifier" and n.text.decode() in candidates - bound_so_far
        ]
        for n in reads:
            name = n.text.decode()
            parent = n.parent
            if (
                parent.type in ("keyword_argument", "attribute")
                and parent.child_by_field_name("value" if parent.type == "keyword_argument" else "object")
                != n
            ):
                continue
            if body_assigned[name] > i:
                yield (
                    n,
                    f"`{name}` is read here but only assigned later (line {stmts[body_assigned[name]].start_point[0] + 1})",
                )
                return
