"""Math/logic repairs: the formula was wrong.

Edits (cost): an arithmetic operator -> a neighbour (``+``/``-``, ``*``/``/``/``**``, ``/``/``//``,
``%``/``//``), plain or augmented (1); regroup a precedence slip, ``a + b / c`` -> ``(a + b) / c``
and ``a - b % c`` -> ``(a - b) % c`` (2); drop parentheses ``(a + b) * c`` -> ``a + b * c`` (2);
an integer constant +-1 outside index positions, or 0 <-> 1 (2);
an operator edit of an operation that does nothing as written (``i * 1``) wins a tie with
another family's equally small repair; drop or add a unary minus
(2); drop ``abs(...)`` or take the ``abs`` of a difference (2); ``xs[0]``/``xs[-1]`` -> ``min(xs)``/
``max(xs)`` in every read of it, the first element for the extreme one (2). Next to a literal 1 only the sign
flips (``n - 1`` -> ``n + 1``, ``+= 1`` -> ``-= 1``) (2); dropping or adding the 1 is the index
family's shift by one, and when both repair, the shift (cost 1) names the mistake.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from codejudge.analyze.repair.edit import Edit, Hints, one
from codejudge.analyze.rules._util import args, call_name, unparen

CATEGORY = "math_logic_error"
CODE = "CJ393"
_NEAR = {
    "+": ["-", "*"],
    "-": ["+"],
    "*": ["+", "/", "**", "//"],
    "/": ["//", "*"],
    "//": ["/", "%", "*"],
    "%": ["//"],
    "**": ["*"],
}
_TIGHT = ("*", "/", "//", "%", "**")


def _e(node: Any, new: str, desc: str, cost: int = 1) -> Edit:
    return one(node, new, desc, cost, CATEGORY)


def _does_nothing(ctx: Any, n: Any) -> bool:
    """``x * 1``, ``1 * x``, ``x / 1``, ``x // 1``, ``x ** 1``, ``x + 0``, ``0 + x``, ``x - 0``."""
    op = n.child_by_field_name("operator").type
    left, right = (unparen(n.child_by_field_name(f)) for f in ("left", "right"))
    one_ = lambda x: x.type == "integer" and ctx.text(x) == "1"  # noqa: E731
    zero = lambda x: x.type == "integer" and ctx.text(x) == "0"  # noqa: E731
    if op in ("*",):
        return one_(left) or one_(right)
    if op in ("/", "//", "**"):
        return one_(right)
    if op == "+":
        return zero(left) or zero(right)
    return op == "-" and zero(right)


def _by_one(n: Any) -> bool:
    return any(c.type == "integer" and c.text == b"1" for c in n.named_children)


def edits(ctx: Any, hints: Hints) -> Iterator[Edit]:
    for n in ctx.nodes.get("binary_operator", ()):
        op = n.child_by_field_name("operator")
        if op.type not in _NEAR:
            continue
        if _by_one(n) and op.type in ("+", "-"):  # `n + 1` vs `n - 1`: a sign, not a shift by one
            new = "-" if op.type == "+" else "+"
            yield _e(op, new, f"`{op.type}` -> `{new}`", 2)
        else:
            noop = _does_nothing(ctx, n)
            for new in _NEAR[op.type]:
                e = _e(op, new, f"`{op.type}` -> `{new}`")
                yield dataclasses.replace(e, decisive=True) if noop else e
        left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        if (
            op.type in ("+", "-")
            and right.type == "binary_operator"
            and right.child_by_field_name("operator").type in _TIGHT
        ):
            rl, rop, rr = (right.child_by_field_name(f) for f in ("left", "operator", "right"))
            yield _e(
                n,
                f"({ctx.text(left)} {op.type} {ctx.text(rl)}) {rop.type} {ctx.text(rr)}",
                f"group `({ctx.text(left)} {op.type} {ctx.text(rl)})`",
                2,
            )
        if op.type == "-" and n.parent.type != "call":
            yield _e(n, f"abs({ctx.text(n)})", f"`abs({ctx.text(n)})`", 2)
        if op.type in _TIGHT and left.type == "parenthesized_expression":
            inner = unparen(left)
            if inner.type == "binary_operator" and inner.child_by_field_name("operator").type in ("+", "-"):
                yield _e(left, ctx.text(inner), f"drop the parentheses around `{ctx.text(inner)}`", 2)
    for n in ctx.nodes.get("augmented_assignment", ()):
        op = n.child_by_field_name("operator")
        base = op.type[:-1]
        if base in _NEAR:
            sign = _by_one(n) and base in ("+", "-")
            for new in ["-" if base == "+" else "+"] if sign else _NEAR[base]:
                yield _e(op, new + "=", f"`{op.type}` -> `{new}=`", 2 if sign else 1)
    for n in ctx.nodes.get("integer", ()):
        if _index_position(n) or n.parent.type == "comparison_operator" or not ctx.text(n).isdigit():
            continue
        v = int(ctx.text(n))
        if v == 1 and n.parent.type in ("binary_operator", "augmented_assignment"):
            continue  # +-1 terms belong to the index family
        for k in sorted({v + 1, v - 1} - {-1}):
            yield _e(n, str(k), f"constant {v} -> {k}", 2)
    for n in ctx.nodes.get("unary_operator", ()):
        if ctx.text(n).startswith("-") and n.parent.type not in ("subscript", "slice"):
            arg = n.child_by_field_name("argument")
            if arg is not None and arg.type != "integer":
                yield _e(n, ctx.text(arg), f"drop the minus of `{ctx.text(n)}`", 2)
    for n in ctx.nodes.get("call", ()):
        if call_name(n) == "abs" and len(args(n)) == 1:
            yield _e(n, f"({ctx.text(args(n)[0])})", f"drop `abs` around `{ctx.text(args(n)[0])}`", 2)
    yield from _first_for_extreme(ctx)


def _first_for_extreme(ctx: Any) -> Iterator[Edit]:
    """``xs[0]`` (or ``xs[-1]``) read as if ``xs`` were sorted: the smallest or largest element was
    meant. Every read of that same element in the function changes together (``evens[0]`` and
    ``arr.index(evens[0])``)."""
    for fn in ctx.nodes.get("function_definition", ()):
        reads: dict[str, list[Any]] = {}
        for n in ctx.inside(fn, "subscript"):
            value, idx = n.child_by_field_name("value"), n.child_by_field_name("subscript")
            if value is None or idx is None or value.type != "identifier" or ctx.text(idx) not in ("0", "-1"):
                continue
            p = n.parent
            if (
                p is not None
                and p.type in ("assignment", "augmented_assignment")
                and p.child_by_field_name("left") == n
            ):
                continue  # written, not read
            reads.setdefault(ctx.text(n), []).append(n)
        for text, nodes in reads.items():
            name = text.split("[", 1)[0]
            for fn_name in ("min", "max"):
                yield Edit(
                    tuple((x.start_byte, x.end_byte, f"{fn_name}({name})") for x in nodes),
                    f"`{text}` -> `{fn_name}({name})`" + (f" ({len(nodes)} reads)" if len(nodes) > 1 else ""),
                    2,
                    CATEGORY,
                    nodes[0].start_point[0] + 1,
                )


def _index_position(n: Any) -> bool:
    p = n.parent
    while p is not None and p.type in ("parenthesized_expression", "unary_operator", "binary_operator"):
        p = p.parent
    return p is not None and (
        p.type in ("subscript", "slice")
        or (
            p.type == "argument_list"
            and p.parent is not None
            and call_name(p.parent) in ("range", "enumerate")
        )
    )
