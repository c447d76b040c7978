"""Diagnose a failing candidate by the category of the smallest edit that repairs it.

Output shapes alone cannot tell a flipped comparison from a wrong operator or an
off-by-one bound: all of them turn a result wrong. An edit that makes every test
pass can: if flipping ``<=`` back to ``<`` repairs the code, the mistake was a
conditional one, and the edit's line locates it. ``diagnose`` tries single edits
of each category (the inverse of the mutation operators), runs them through the
sandbox, and tags every category with a repairing edit (codes ``CJx93``).

It runs the code many times (``limit`` jobs at most), so it is opt-in, unlike
``tag_failures`` which only reads one result.

>>> from codejudge.sandbox import get_executor                  # doctest: +SKIP
>>> diagnose(src, tests, get_executor("bwrap"), entry_point="f")  # doctest: +SKIP
[Finding(code='CJ193', category='conditional_error', ...)]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from codejudge.analyze import mutate
from codejudge.analyze.parser import parse
from codejudge.analyze.rules._util import args, block_statements, call_name, is_value_use
from codejudge.types import Finding, Location, TestCase

Edit = mutate.Edit
REPAIR_CODES = {  # category -> code
    "conditional_error": "CJ193", "garbage_code": "CJ293", "math_logic_error": "CJ393",
    "output_formatting": "CJ493", "operation_misorder": "CJ593", "library_api_misuse": "CJ693",
    "index_off": "CJ793",
}
_ARITH_FIX = {"+": ["-", "*"], "-": ["+"], "*": ["+", "**"], "/": ["//"], "//": ["/", "%"], "%": ["//"], "**": ["*"]}


def _conditional(ctx: Any) -> Iterator[Edit]:
    for start, end, new, desc in mutate._conditional(ctx):
        if new.startswith("not ("):  # undo a negation instead of stacking another one
            cond = ctx.data[start:end].decode()
            if cond.startswith("not (") and cond.endswith(")"):
                new, desc = cond[5:-1], f"drop the negation of `{cond[5:-1]}`"
        yield start, end, new, desc


def _index(ctx: Any) -> Iterator[Edit]:
    yield from mutate._index(ctx)
    for n in ctx.nodes.get("subscript", ()):  # the mutation engine only shifts names up; repairs go both ways
        idx = n.child_by_field_name("subscript")
        if idx is not None and idx.type in ("identifier", "binary_operator") and "'" not in ctx.text(idx):
            yield idx.start_byte, idx.end_byte, f"{ctx.text(idx)} - 1", f"index `{ctx.text(idx)}` - 1"
    for n in ctx.nodes.get("call", ()):
        if call_name(n) == "range" and len(args(n)) == 2:
            a = args(n)[0]
            yield a.start_byte, a.end_byte, f"{ctx.text(a)} - 1", f"range start `{ctx.text(a)}` - 1"


def _by_one(n: Any) -> bool:
    """``x + 1``, ``n * 1``...: changing the operator next to a literal 1 is a shift by one (index_off)."""
    return any(c.type == "integer" and c.text == b"1" for c in n.named_children)


def _math(ctx: Any) -> Iterator[Edit]:
    for n in ctx.nodes.get("binary_operator", ()):
        op = n.child_by_field_name("operator")
        for new in _ARITH_FIX.get(op.type, ()) if not _by_one(n) else ():
            yield op.start_byte, op.end_byte, new, f"`{op.type}` -> `{new}`"
        right = n.child_by_field_name("right")
        if op.type in ("+", "-") and right.type == "binary_operator" and \
                right.child_by_field_name("operator").type in ("*", "/", "//", "%"):
            left, rl = n.child_by_field_name("left"), right.child_by_field_name("left")
            rop, rr = right.child_by_field_name("operator"), right.child_by_field_name("right")
            yield (n.start_byte, n.end_byte, f"({ctx.text(left)} {op.type} {ctx.text(rl)}) {rop.type} {ctx.text(rr)}",
                   f"parenthesize `{ctx.text(left)} {op.type} {ctx.text(rl)}`")
    for n in ctx.nodes.get("augmented_assignment", ()):
        op = n.child_by_field_name("operator")
        for new in _ARITH_FIX.get(op.type[:-1], ()) if not _by_one(n) else ():
            yield op.start_byte, op.end_byte, new + "=", f"`{op.type}` -> `{new}=`"


def _formatting(ctx: Any) -> Iterator[Edit]:
    yield from (e for e in mutate._formatting(ctx) if e[3].startswith("join separator"))
    for n in ctx.nodes.get("call", ()):
        name, a = call_name(n), args(n)
        if name == "print" and len(a) == 1 and n.parent.type == "expression_statement":
            yield n.start_byte, n.end_byte, f"return {ctx.text(a[0])}", "return instead of print"
        elif name in ("str", "round") and a and n.parent.type == "return_statement":
            yield n.start_byte, n.end_byte, ctx.text(a[0]), f"return the value, not `{name}(...)`"


def _garbage(ctx: Any) -> Iterator[Edit]:
    jumps = ("return_statement", "break_statement", "continue_statement")
    for b in ctx.nodes.get("block", ()):
        stmts = block_statements(b)
        for s1, s2 in itertools.pairwise(stmts):
            if ctx.text(s1) == ctx.text(s2) or s1.type in jumps:
                line_start = ctx.data.rfind(b"\n", 0, s1.start_byte) + 1
                yield line_start, s2.start_byte - (s2.start_point[1]), "", f"delete `{ctx.text(s1)}`"


def _library(ctx: Any) -> Iterator[Edit]:
    yield from mutate._library(ctx)
    for n in ctx.nodes.get("call", ()):
        fn = n.child_by_field_name("function")
        if call_name(n) == ".sort" and is_value_use(n):
            obj = fn.child_by_field_name("object")
            rest = "".join(", " + ctx.text(a) for a in args(n))
            yield n.start_byte, n.end_byte, f"sorted({ctx.text(obj)}{rest})", "`x.sort()` -> `sorted(x)`"


FIXES: dict[str, Callable[[Any], Iterable[Edit]]] = {
    "conditional_error": _conditional, "garbage_code": _garbage, "math_logic_error": _math,
    "output_formatting": _formatting, "operation_misorder": mutate._misorder, "library_api_misuse": _library,
    "index_off": _index,
}


def candidates(source: str, entry_point: str | None = None) -> list[tuple[str, str, str, int]]:
    """``(category, description, code, line)`` for every compiling single-edit repair, interleaved by category."""
    ctx = parse(source)
    lo, hi = mutate._scope(ctx, entry_point)
    per: dict[str, list[tuple[str, str, str, int]]] = {}
    seen: set[str] = set()
    for category, fix in FIXES.items():
        for start, end, new, desc in fix(ctx):
            if not (lo <= start and end <= hi):
                continue
            code = (ctx.data[:start] + new.encode() + ctx.data[end:]).decode("utf-8", "replace")
            if code == source or code in seen or not mutate._compiles(code):
                continue
            seen.add(code)
            per.setdefault(category, []).append((category, desc, code, ctx.data[:start].count(b"\n") + 1))
    # Round-robin so that a small budget still tries every category.
    return [c for group in itertools.zip_longest(*per.values()) for c in group if c is not None]


def diagnose(source: str, tests: list[TestCase], executor: Any, *, entry_point: str | None = None,
             limit: int = 80, path: str = "<string>", limits: Any = None) -> list[Finding]:
    """Findings (one per category) for the single edits that make every test pass."""
    from codejudge.sandbox.base import Job, Limits

    found: dict[str, Finding] = {}
    tried = 0
    for category, desc, code, line in candidates(source, entry_point)[:limit]:
        if category in found:
            continue
        tried += 1
        job = Job(id=f"repair-{tried}", kind="function", source=code, entry_point=entry_point, tests=tests,
                  stop_on_first_failure=True)
        if executor.run(job, limits or Limits(timeout_s=1.0)).passed:
            found[category] = Finding(
                REPAIR_CODES[category], category, f"the tests pass after one {category} edit: {desc}",
                Location(path, line, 1), {"repair": desc, "tried": tried}, source="dynamic")
    return sorted(found.values(), key=lambda f: f.code)
