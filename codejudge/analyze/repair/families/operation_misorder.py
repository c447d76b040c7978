"""Operation-misorder repairs: the right operations in the wrong order.

Edits (cost): swap two adjacent statements of a block (2); swap the two positional arguments
of a non-commutative call (2); swap the operands of ``-``, ``/``, ``//``, ``%``, ``**`` (2);
swap the two values of a returned pair (2); move an initialisation (``x = <literal>``) out of
the loop that should follow it, or to the top of its function when it comes after a use
(the ``UnboundLocalError`` of a misplaced initialisation) (2); toggle ``reverse=True`` or
``reversed(...)``/``[::-1]`` on a result (2); scan a ``for ... in range(...)`` loop that stops at
its first match (``return``/``break`` in its body) from the other end, the last match for the
first (2).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from codejudge.analyze.repair.edit import Edit, Hints, indent_of, one, own_line, statement_span
from codejudge.analyze.rules._util import (
    COMMUTATIVE_CALLS,
    adjacent_statements,
    args,
    block_statements,
    call_name,
    is_docstring,
    swappable_arguments,
)

CATEGORY = "operation_misorder"
CODE = "CJ593"
# A repair also leaves alone calls whose swapped arguments would only be a different mistake.
_COMMUTATIVE = COMMUTATIVE_CALLS | {
    "set",
    "dict",
    ".add",
    ".get",
    "getattr",
    "setattr",
    "hasattr",
    "round",
}
_MOVABLE = ("expression_statement", "if_statement", "for_statement", "while_statement")
_INIT = ("integer", "float", "string", "list", "dictionary", "set", "tuple", "true", "false", "none", "call")


def _e(node: Any, new: str, desc: str, cost: int = 2) -> Edit:
    return one(node, new, desc, cost, CATEGORY)


def edits(ctx: Any, hints: Hints) -> Iterator[Edit]:
    data = ctx.data
    for s1, s2 in adjacent_statements(ctx, _MOVABLE):
        if not (own_line(data, s1) and own_line(data, s2)):
            continue
        gap = data[s1.end_byte : s2.start_byte].decode("utf-8", "replace")
        yield Edit(
            ((s1.start_byte, s2.end_byte, ctx.text(s2) + gap + ctx.text(s1)),),
            f"swap `{ctx.text(s1).splitlines()[0]}` and `{ctx.text(s2).splitlines()[0]}`",
            2,
            CATEGORY,
            s1.start_point[0] + 1,
        )
    for n in ctx.nodes.get("call", ()):
        a = args(n)
        pair = swappable_arguments(ctx, n, _COMMUTATIVE)
        if pair is not None:
            a0, a1 = pair
            yield Edit(
                ((a0.start_byte, a1.end_byte, f"{ctx.text(a1)}, {ctx.text(a0)}"),),
                f"swap the arguments of `{ctx.text(n.child_by_field_name('function'))}`",
                2,
                CATEGORY,
                n.start_point[0] + 1,
            )
        for kw in a:
            if kw.type == "keyword_argument" and ctx.text(kw.child_by_field_name("name")) == "reverse":
                val = ctx.text(kw.child_by_field_name("value"))
                yield _e(
                    kw.child_by_field_name("value"),
                    "False" if val == "True" else "True",
                    f"reverse={val} toggled",
                )
        if call_name(n) in ("sorted", ".sort") and not any(
            x.type == "keyword_argument" and ctx.text(x.child_by_field_name("name")) == "reverse" for x in a
        ):
            al = n.child_by_field_name("arguments")
            inner = ctx.text(al)[1:-1].strip()
            yield _e(
                al,
                f"({inner}{', ' if inner else ''}reverse=True)",
                f"`{call_name(n).lstrip('.')}` in reverse order",
            )
        if call_name(n) == "reversed" and len(a) == 1:
            yield _e(n, ctx.text(a[0]), "drop `reversed(...)`")
    for n in ctx.nodes.get("binary_operator", ()):
        op = n.child_by_field_name("operator")
        left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        if op.type in ("-", "/", "//", "%", "**") and ctx.text(left) != ctx.text(right):
            yield _e(
                n, f"{ctx.text(right)} {op.type} {ctx.text(left)}", f"swap the operands of `{ctx.text(n)}`"
            )
    for r in ctx.nodes.get("return_statement", ()):
        v = r.named_children[0] if r.named_children else None
        if v is not None and v.type in ("expression_list", "tuple", "list") and len(v.named_children) == 2:
            x, y = v.named_children
            yield Edit(
                ((x.start_byte, y.end_byte, f"{ctx.text(y)}, {ctx.text(x)}"),),
                "swap the returned pair",
                2,
                CATEGORY,
                r.start_point[0] + 1,
            )
    for n in ctx.nodes.get("slice", ()):
        if ctx.text(n).replace(" ", "") == "::-1" and n.parent.type == "subscript":
            yield _e(n.parent, ctx.text(n.parent.child_by_field_name("value")), "drop the `[::-1]` reversal")
    yield from _moves(ctx)
    yield from _scan_order(ctx)


def _scan_order(ctx: Any) -> Iterator[Edit]:
    """``for i in range(...)`` that returns or breaks at the first hit, scanned backwards: the
    largest index with a property found by a forward scan is the classic of this category."""
    for loop in ctx.nodes.get("for_statement", ()):
        it, body = loop.child_by_field_name("right"), loop.child_by_field_name("body")
        if it is None or body is None or call_name(it) != "range":
            continue
        stops = ctx.inside(body, "return_statement") + ctx.inside(body, "break_statement")
        if stops:
            yield _e(it, f"reversed({ctx.text(it)})", f"scan `{ctx.text(it)}` from the other end")


def _init(stmt: Any) -> str | None:
    """The name a ``x = <literal or call>`` statement initialises, else None."""
    if stmt.type != "expression_statement" or stmt.named_child_count != 1:
        return None
    a = stmt.named_children[0]
    if a.type != "assignment" or a.child_by_field_name("left").type != "identifier":
        return None
    right = a.child_by_field_name("right")
    return a.child_by_field_name("left").text.decode() if right is not None and right.type in _INIT else None


def _moves(ctx: Any) -> Iterator[Edit]:
    data = ctx.data
    for loop in [*ctx.nodes.get("for_statement", ()), *ctx.nodes.get("while_statement", ())]:
        if not own_line(data, loop):
            continue
        for s in block_statements(loop.child_by_field_name("body"))[:2]:
            if _init(s) and own_line(data, s):
                start, end = statement_span(data, s)
                line = indent_of(data, loop) + ctx.text(s) + "\n"
                at_loop = data.rfind(b"\n", 0, loop.start_byte) + 1
                yield Edit(
                    ((at_loop, at_loop, line), (start, end, "")),
                    f"move `{ctx.text(s)}` before the loop",
                    2,
                    CATEGORY,
                    s.start_point[0] + 1,
                )
    for fn in ctx.nodes.get("function_definition", ()):
        body = block_statements(fn.child_by_field_name("body"))
        first = 1 if body and is_docstring(body[0]) else 0
        if len(body) <= first:
            continue
        for s in body[first + 1 :]:
            name = _init(s)
            if (
                name
                and own_line(data, s)
                and any(
                    i.text.decode() == name
                    for b in body[first : body.index(s)]
                    for i in ctx.inside(b, "identifier")
                )
            ):
                start, end = statement_span(data, s)
                top = data.rfind(b"\n", 0, body[first].start_byte) + 1
                yield Edit(
                    ((top, top, indent_of(data, body[first]) + ctx.text(s) + "\n"), (start, end, "")),
                    f"move `{ctx.text(s)}` to the top of `{fn.child_by_field_name('name').text.decode()}`",
                    2,
                    CATEGORY,
                    s.start_point[0] + 1,
                )
