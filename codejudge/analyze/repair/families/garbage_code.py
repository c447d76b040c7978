"""Garbage-code repairs: a statement that should not be there.

Edits (cost): delete a leftover jump (``return``, ``break``, ``continue``, ``raise``) that has
statements after it in its block, which it makes unreachable (1); unwrap or delete a dead
branch (``if False:``, ``if 0:``, ``while False:``) (1); delete a statement that repeats the one
before it, or that follows a jump (2); delete any other simple statement (an assignment, an
update, a call, ``break``, ``continue``, ``raise``) (3).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from codejudge.analyze.repair.edit import Edit, Hints, at, own_line, statement_span
from codejudge.analyze.rules._util import block_statements, unparen

CATEGORY = "garbage_code"
CODE = "CJ293"
_JUMPS = ("return_statement", "break_statement", "continue_statement", "raise_statement")
_SIMPLE = ("expression_statement", "break_statement", "continue_statement", "raise_statement")


def _delete(ctx: Any, stmt: Any, desc: str, cost: int) -> Edit:
    start, end = statement_span(ctx.data, stmt)
    return at(start, end, stmt.start_point[0] + 1, "", desc, cost, CATEGORY)


def edits(ctx: Any, hints: Hints) -> Iterator[Edit]:
    cheap: set[int] = set()
    for b in ctx.nodes.get("block", ()):
        stmts = block_statements(b)
        if len(stmts) < 2:
            continue  # deleting a block's only statement leaves no valid block
        for s1, s2 in itertools.pairwise(stmts):
            if own_line(ctx.data, s2) and (ctx.text(s1) == ctx.text(s2) or s1.type in _JUMPS):
                cheap.add(s2.start_byte)
                yield _delete(ctx, s2, f"delete `{ctx.text(s2).splitlines()[0]}`", 2)
        for s in stmts[:-1]:
            if s.type in _JUMPS and own_line(ctx.data, s) and s.start_byte not in cheap:
                # a jump with statements after it in its block: those are dead, so it is the leftover
                cheap.add(s.start_byte)
                yield _delete(
                    ctx, s, f"delete the leftover `{ctx.text(s)}` (what follows it is unreachable)", 1
                )
        for s in stmts:
            if (
                s.type in _SIMPLE
                and own_line(ctx.data, s)
                and s.start_byte not in cheap
                and not _docstring(s)
            ):
                yield _delete(ctx, s, f"delete `{ctx.text(s).splitlines()[0]}`", 3)
    for n in [*ctx.nodes.get("if_statement", ()), *ctx.nodes.get("while_statement", ())]:
        cond = unparen(n.child_by_field_name("condition"))
        if (
            cond is None
            or cond.type not in ("false", "integer", "none")
            or ctx.text(cond) not in ("False", "0", "None")
        ):
            continue
        if not own_line(ctx.data, n) or (n.type == "if_statement" and n.child_by_field_name("alternative")):
            continue
        body = n.child_by_field_name("body" if n.type == "while_statement" else "consequence")
        yield _delete(ctx, n, f"delete the dead branch `{ctx.text(n).splitlines()[0]}`", 1)
        if n.type == "if_statement":
            yield _unwrap(ctx, n, body)


def _docstring(stmt: Any) -> bool:
    return stmt.type == "expression_statement" and stmt.named_children[0].type == "string"


def _unwrap(ctx: Any, n: Any, body: Any) -> Edit:
    """``if False:\\n    stmt`` -> ``stmt`` at the ``if``'s indentation."""
    start, end = statement_span(ctx.data, n)
    outer = n.start_point[1]
    inner = block_statements(body)[0].start_point[1] if block_statements(body) else outer + 4
    lines = (
        ctx.data[ctx.data.find(b"\n", n.start_byte) + 1 : end]
        .decode("utf-8", "replace")
        .splitlines(keepends=True)
    )
    # columns are bytes of the line: keep the if's own indentation, drop what the block added
    text = "".join(line[:outer] + line[inner:] if not line[:inner].strip() else line for line in lines)
    if not lines:  # `if False: stmt` on one line
        text = " " * outer + ctx.text(body).strip() + "\n"
    return at(
        start,
        end,
        n.start_point[0] + 1,
        text,
        f"unwrap the dead branch `{ctx.text(n).splitlines()[0]}`",
        1,
        CATEGORY,
    )
