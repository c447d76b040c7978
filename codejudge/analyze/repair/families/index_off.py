"""Index-off repairs: an index, bound or position is off by one (or names the wrong position).

Edits (cost): a ``range`` start or stop +-1, the implicit start of ``range(n)`` too (1); an index or slice bound +-1 (1); drop a
``+ 1``/``- 1`` in an index, slice, ``range`` or returned position (1; elsewhere 2, as the
math family's constants compete there); ``enumerate(xs)`` <-> ``enumerate(xs, 1)`` (1); shift
a whole range by one, ``range(n)`` -> ``range(1, n + 1)`` (2); a constant index -> a
parameter (``t[0]`` -> ``t[n]``) (2); ``xs[0]`` <-> ``xs[-1]`` (2); a parameter shifted by one in every index position it holds,
for 1-based vs 0-based (2); a ``for i in range(...)`` loop's counter read one off wherever it is
used as a value while it stays the position of its subscripts (``i % 2`` -> ``(i + 1) % 2`` where
the task numbers from 1 but ``result[i]`` is right) (2).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from codejudge.analyze.repair.edit import Edit, Hints, one, param_names
from codejudge.analyze.rules._util import args, call_name

CATEGORY = "index_off"
CODE = "CJ793"
_INDEXY = ("subscript", "slice", "argument_list", "return_statement", "comparison_operator")


def _e(node: Any, new: str, desc: str, cost: int = 1) -> Edit:
    # a shift by one counts as one token, like the comparison flip it often ties with
    # (`i < len(xs) - 1` is repaired by `<=` and by dropping `- 1` alike)
    return dataclasses.replace(one(node, new, desc, cost, CATEGORY), tokens=1)


def _plus(ctx: Any, node: Any, d: int) -> str:
    text = ctx.text(node)
    if node.type == "integer" and text.isdigit():
        return str(int(text) + d)
    if node.type == "unary_operator" and text.startswith("-") and text[1:].strip().isdigit():
        return str(-int(text[1:]) + d)
    wrapped = (
        text if node.type in ("identifier", "integer", "call", "subscript", "attribute") else f"({text})"
    )
    return f"{wrapped} {'+' if d > 0 else '-'} 1"


def _index_context(n: Any) -> bool:
    p = n.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    if p is None:
        return False
    if p.type in ("subscript", "slice"):
        return True
    if p.type == "argument_list":
        return p.parent is not None and call_name(p.parent) in ("range", "enumerate")
    return p.type == "return_statement"


def edits(ctx: Any, hints: Hints) -> Iterator[Edit]:
    params = _int_params(ctx)
    for n in ctx.nodes.get("call", ()):
        name, a = call_name(n), args(n)
        if name == "range" and 1 <= len(a) <= 3 and all(x.type != "keyword_argument" for x in a):
            stop = a[1] if len(a) >= 2 else a[0]
            for d in (1, -1):
                yield _e(
                    stop, _plus(ctx, stop, d), f"range stop `{ctx.text(stop)}` {'+' if d > 0 else '-'} 1"
                )
            if len(a) >= 2:
                for d in (1, -1):
                    yield _e(
                        a[0], _plus(ctx, a[0], d), f"range start `{ctx.text(a[0])}` {'+' if d > 0 else '-'} 1"
                    )
                if len(a) == 2:
                    for d in (1, -1):
                        yield Edit(
                            (
                                (a[0].start_byte, a[0].end_byte, _plus(ctx, a[0], d)),
                                (a[1].start_byte, a[1].end_byte, _plus(ctx, a[1], d)),
                            ),
                            f"shift `{ctx.text(n)}` by {d:+d}",
                            2,
                            CATEGORY,
                            n.start_point[0] + 1,
                        )
            else:  # the implicit start 0 -> 1 (a loop that should skip the first position)
                yield _e(a[0], f"1, {ctx.text(a[0])}", f"range start 0 -> 1 in `{ctx.text(n)}`")
                yield _e(
                    n.child_by_field_name("arguments"),
                    f"(1, {_plus(ctx, stop, 1)})",
                    f"`{ctx.text(n)}` -> `range(1, {_plus(ctx, stop, 1)})`",
                    2,
                )
            for p in params:
                if stop.type == "call" and call_name(stop) == "len":
                    yield _e(stop, p, f"range bound `{ctx.text(stop)}` -> parameter `{p}`", 2)
        elif name == "enumerate" and len(a) in (1, 2):
            if len(a) == 1:
                yield _e(a[0], f"{ctx.text(a[0])}, 1", "enumerate from 1")
            elif ctx.text(a[1]) in ("1", "start=1"):
                yield Edit(
                    ((a[0].end_byte, a[1].end_byte, ""),),
                    "enumerate from 0",
                    1,
                    CATEGORY,
                    n.start_point[0] + 1,
                )
    for n in ctx.nodes.get("subscript", ()):
        idx = n.child_by_field_name("subscript")
        if idx is None or "'" in ctx.text(idx) or '"' in ctx.text(idx):
            continue
        if idx.type == "slice":
            for part in idx.named_children:
                if part.type != "comment":
                    for d in (1, -1):
                        yield _e(
                            part,
                            _plus(ctx, part, d),
                            f"slice bound `{ctx.text(part)}` {'+' if d > 0 else '-'} 1",
                        )
            continue
        if idx.type in ("integer", "identifier", "binary_operator", "unary_operator", "call"):
            for d in (1, -1):
                yield _e(idx, _plus(ctx, idx, d), f"index `{ctx.text(idx)}` {'+' if d > 0 else '-'} 1")
        if ctx.text(idx) in ("0", "-1"):
            other = "-1" if ctx.text(idx) == "0" else "0"
            yield _e(idx, other, f"index `{ctx.text(idx)}` -> `{other}` (first/last)", 2)
        if idx.type == "integer":
            for p in params:
                yield _e(idx, p, f"constant index `{ctx.text(idx)}` -> parameter `{p}`", 2)
    yield from _based(ctx)
    yield from _counted_from_one(ctx)
    for n in ctx.nodes.get("binary_operator", ()):
        op, right = n.child_by_field_name("operator"), n.child_by_field_name("right")
        if op.type in ("+", "-") and right.type == "integer" and ctx.text(right) == "1":
            left = n.child_by_field_name("left")
            yield _e(
                n, ctx.text(left), f"drop `{op.type} 1` from `{ctx.text(n)}`", 1 if _index_context(n) else 2
            )


def _based(ctx: Any) -> Iterator[Edit]:
    """A parameter read as 0-based where it is 1-based (or back): shift every index position it
    holds (``lst[:k] + lst[k+1:]`` -> ``lst[:k-1] + lst[k:]``)."""
    for fn in ctx.nodes.get("function_definition", ()):
        params = set(param_names(ctx, fn))
        uses: dict[str, list[Any]] = {}
        for i in ctx.inside(fn.child_by_field_name("body"), "identifier"):
            if ctx.text(i) in params and _index_context(i):
                uses.setdefault(ctx.text(i), []).append(i)
        for name, nodes in uses.items():
            if len(nodes) >= 2:
                for d in (-1, 1):
                    yield Edit(
                        tuple(
                            (x.start_byte, x.end_byte, f"({name} {'+' if d > 0 else '-'} 1)") for x in nodes
                        ),
                        f"`{name}` {'+' if d > 0 else '-'} 1 in all {len(nodes)} index positions",
                        2,
                        CATEGORY,
                        nodes[0].start_point[0] + 1,
                    )


def _counted_from_one(ctx: Any) -> Iterator[Edit]:
    """A loop counter that is the right position but the wrong number: ``for i in range(n)`` fills
    ``result[i]`` while the task's ``i`` starts from 1, so every value computed from ``i`` is one
    short. Shift the value uses (not the subscripts) of ``i`` by one, each way; only for a counter
    used both ways (a counter used only as a value is the range family's ``range(1, n + 1)``)."""
    for loop in ctx.nodes.get("for_statement", ()):
        var, it = loop.child_by_field_name("left"), loop.child_by_field_name("right")
        if var is None or var.type != "identifier" or it is None or call_name(it) != "range":
            continue
        name = ctx.text(var)
        body = loop.child_by_field_name("body")
        uses = [i for i in ctx.inside(body, "identifier") if ctx.text(i) == name]
        if any(_assigned(u) for u in uses):
            continue  # a counter the body reassigns is not the loop's position any more
        index = [u for u in uses if _index_context(u) and u.parent.type in ("subscript", "slice")]
        value = [u for u in uses if not _index_context(u)]
        if not index or not value:
            continue
        for d in (1, -1):
            sign = "+" if d > 0 else "-"
            yield Edit(
                tuple((u.start_byte, u.end_byte, f"({name} {sign} 1)") for u in value),
                f"loop counter `{name}` {sign} 1 where it is a value ({len(value)} uses), "
                "not where it is a position",
                2,
                CATEGORY,
                value[0].start_point[0] + 1,
            )


def _assigned(n: Any) -> bool:
    p = n.parent
    if p is None:
        return False
    if p.type in ("assignment", "augmented_assignment") and p.child_by_field_name("left") == n:
        return True
    return p.type == "for_statement" and p.child_by_field_name("left") == n


def _int_params(ctx: Any) -> list[str]:
    """Parameters the function never reads: a constant index or a ``len(...)`` bound where such a
    parameter was meant is a classic (``t[0]`` for ``t[n]``, ``range(len(xs))`` for ``range(k)``)."""
    out = []
    for fn in ctx.nodes.get("function_definition", ()):
        body = fn.child_by_field_name("body")
        used = {ctx.text(i) for i in ctx.inside(body, "identifier")}
        out += [p for p in param_names(ctx, fn) if p not in used]
    return out
