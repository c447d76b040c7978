"""Output-formatting repairs: the value was right, its presentation was not.

Edits (cost): ``print(x)`` -> ``return x`` (1); drop a ``str``/``repr``/``round``/``int``/
``float``/``list``/``tuple`` wrapper around a returned value (1); ``str(x)`` <-> ``repr(x)``
and ``{x!r}`` <-> ``{x}`` (quoting) (1); drop ``round(x, n)`` or a ``:.nf`` format spec (1);
another ``join`` separator (1); a returned string literal in another case or without
surrounding spaces (1); a returned ``"True"``/``"3"`` text -> the value (1); with failing tests that expect strings where booleans came back,
``True``/``False`` -> the expected renderings (``"Yes"``/``"No"``...) (1); convert the returned
value to the expected container type (``list``/``tuple``/``set``/``int``/``float``/``str``) (1).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from codejudge.analyze.repair.edit import Edit, Hints, one
from codejudge.analyze.rules._util import args, call_name

CATEGORY = "output_formatting"
CODE = "CJ493"
_WRAPPERS = ("str", "repr", "round", "int", "float", "list", "tuple", "sorted", "set")
_SEPARATORS = ["''", "' '", "', '", "','", "'\\n'", "'-'"]


def _e(node: Any, new: str, desc: str, cost: int = 1) -> Edit:
    return one(node, new, desc, cost, CATEGORY)


def edits(ctx: Any, hints: Hints) -> Iterator[Edit]:
    returns = ctx.nodes.get("return_statement", ())
    for n in ctx.nodes.get("call", ()):
        name, a = call_name(n), args(n)
        if (
            name == "print"
            and len(a) == 1
            and n.parent.type == "expression_statement"
            and a[0].type != "keyword_argument"
        ):
            yield _e(n.parent, f"return {ctx.text(a[0])}", "return the value instead of printing it")
        elif (
            name in _WRAPPERS
            and a
            and n.parent.type == "return_statement"
            and a[0].type != "keyword_argument"
        ):
            yield _e(n, ctx.text(a[0]), f"return the value, not `{name}(...)`")
        elif name in ("str", "repr") and len(a) == 1:
            new = "repr" if name == "str" else "str"
            yield _e(n.child_by_field_name("function"), new, f"`{name}(...)` -> `{new}(...)` (quoting)")
        elif (
            name == "round" and a and a[0].type != "keyword_argument" and n.parent.type != "return_statement"
        ):
            yield _e(n, f"({ctx.text(a[0])})", "drop `round(...)`")
        elif name == ".join":
            obj = n.child_by_field_name("function").child_by_field_name("object")
            if obj.type == "string" and len(ctx.text(obj)) <= 6:
                for sep in _SEPARATORS:
                    if _unquote(sep) != _unquote(ctx.text(obj)):
                        yield _e(obj, sep, f"join separator {ctx.text(obj)} -> {sep}")
    for n in ctx.nodes.get("type_conversion", ()):
        yield Edit(
            ((n.start_byte, n.end_byte, ""),), "drop `!r` (quoting)", 1, CATEGORY, n.start_point[0] + 1
        )
    for n in ctx.nodes.get("format_specifier", ()):
        if "f" in ctx.text(n) or "." in ctx.text(n):
            yield Edit(
                ((n.start_byte, n.end_byte, ""),),
                f"drop the format spec `{ctx.text(n)}`",
                1,
                CATEGORY,
                n.start_point[0] + 1,
            )
    for r in returns:
        for s in (
            c for c in r.named_children if c.type == "string" and not ctx.text(c).startswith(("f", "F"))
        ):
            body = _unquote(ctx.text(s))
            if body is None:
                continue
            q = ctx.text(s)[-1]
            for new in {body.lower(), body.upper(), body.capitalize(), body.title(), body.strip()} - {body}:
                if q not in new and "\\" not in new:
                    yield _e(s, f"{q}{new}{q}", f"return {q}{new}{q} instead of {ctx.text(s)}")
            if body in ("True", "False", "None") or body.lstrip("-").isdigit():
                yield _e(s, body, f"return `{body}`, not the text {ctx.text(s)}")
    yield from _renderings(ctx, hints)
    yield from _conversions(ctx, hints, returns)


def _unquote(text: str) -> str | None:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" and not text.startswith(('"""', "'''")):
        return text[1:-1]
    return None


def _renderings(ctx: Any, hints: Hints) -> Iterator[Edit]:
    """``True``/``False`` returned where the tests expect strings such as "Yes"/"No"."""
    pairs = {(e, a) for e, a in zip(hints.expected, hints.actual) if type(e) is str and type(a) is bool}
    if not pairs:
        return
    to = {a: e for e, a in pairs}
    for word in ("Yes", "No", "YES", "NO", "yes", "no", "True", "False"):
        for b in (True, False):
            if b not in to and word.lower() in (("yes", "true") if b else ("no", "false")):
                cased = next(iter(to.values()))
                to[b] = (
                    word.upper()
                    if cased.isupper()
                    else (word.lower() if cased.islower() else word.capitalize())
                )
    changes = tuple(
        (n.start_byte, n.end_byte, repr(to[n.type == "true"]))
        for r in ctx.nodes.get("return_statement", ())
        for n in r.named_children
        if n.type in ("true", "false") and (n.type == "true") in to
    )
    if changes:
        yield Edit(
            changes,
            f"return {to.get(True)!r}/{to.get(False)!r} instead of True/False",
            1,
            CATEGORY,
            ctx.data[: changes[0][0]].count(b"\n") + 1,
            hinted=True,
        )


def _conversions(ctx: Any, hints: Hints, returns: Any) -> Iterator[Edit]:
    """Wrap the returned value in the type the failing tests expected."""
    wanted = {
        type(e).__name__
        for e, a in zip(hints.expected, hints.actual)
        if a is not None and type(e) is not type(a) and type(e) in (list, tuple, set, int, float, str)
    }
    if len(wanted) != 1:
        return
    conv = wanted.pop()
    for r in returns:
        if r.named_children and r.named_children[0].type != "comment":
            v = r.named_children[0]
            yield dataclasses.replace(_e(v, f"{conv}({ctx.text(v)})", f"return `{conv}(...)`"), hinted=True)
