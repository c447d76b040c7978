"""Mutation engine: realistic single mistakes of each category, injected into correct code.

Every operator edits one byte range of the tree-sitter tree, so a mutant is the
original source with one small change. ``keep_failing`` runs mutants in the
sandbox and keeps those the tests catch (equivalent mutants are dropped).

>>> src = "def f(xs):\\n    return [x for x in xs if x > 0]\\n"
>>> sorted({m.category for m in mutants(src, "f")})
['conditional_error', 'output_formatting']
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from codejudge.analyze.parser import parse
from codejudge.analyze.rules._util import (
    COMMUTATIVE_CALLS,
    adjacent_statements,
    args,
    block_statements,
    call_name,
    swappable_arguments,
    unparen,
)

Edit = tuple[int, int, str, str]  # start byte, end byte, replacement, description


@dataclass
class Mutant:
    code: str
    category: str
    operator: str
    description: str
    line: int = 0


_FLIP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
_ARITH = {"+": "-", "-": "+", "*": "+", "/": "//", "//": "/", "%": "//", "**": "*"}
_NEIGHBOURS = {
    ".lstrip": ".rstrip",
    ".rstrip": ".lstrip",
    ".strip": ".lstrip",
    ".find": ".index",
    ".index": ".find",
    ".upper": ".lower",
    ".lower": ".upper",
    "math.floor": "math.ceil",
    "math.ceil": "math.floor",
    ".startswith": ".endswith",
    ".endswith": ".startswith",
    ".extend": ".append",
    ".append": ".extend",
    "re.fullmatch": "re.match",
    "re.search": "re.match",
    ".isupper": ".islower",
    ".islower": ".isupper",
    ".rfind": ".find",
    "bisect.bisect_left": "bisect.bisect_right",
    ".keys": ".values",
    ".remove": ".pop",
    "max": "min",
    "min": "max",
    "round": "int",
    "reversed": "sorted",
    ".isalpha": ".isalnum",
}


def _scope(ctx: Any, entry_point: str | None) -> tuple[int, int]:
    for fn in ctx.nodes.get("function_definition", ()):
        if entry_point and fn.child_by_field_name("name").text.decode() == entry_point:
            return fn.start_byte, fn.end_byte
    return 0, len(ctx.data)


def _conditional(ctx: Any) -> Iterator[Edit]:
    for n in ctx.nodes.get("comparison_operator", ()):
        for op in n.children:
            if not op.is_named and op.type in _FLIP:
                yield op.start_byte, op.end_byte, _FLIP[op.type], f"flip `{op.type}` to `{_FLIP[op.type]}`"
    for n in [*ctx.nodes.get("if_statement", ()), *ctx.nodes.get("elif_clause", ())]:
        c = n.child_by_field_name("condition")
        yield c.start_byte, c.end_byte, f"not ({ctx.text(c)})", f"negate condition `{ctx.text(c)}`"
    for n in ctx.nodes.get("boolean_operator", ()):
        op = n.child_by_field_name("operator")
        new = "or" if op.type == "and" else "and"
        yield op.start_byte, op.end_byte, new, f"`{op.type}` -> `{new}`"


def _index(ctx: Any) -> Iterator[Edit]:
    for n in ctx.nodes.get("call", ()):
        if (
            call_name(n) == "range"
            and 1 <= len(args(n)) <= 2
            and all(a.type != "keyword_argument" for a in args(n))
        ):
            a = args(n)
            stop = a[-1]
            for d in ("+ 1", "- 1"):
                yield (
                    stop.start_byte,
                    stop.end_byte,
                    f"{ctx.text(stop)} {d}",
                    f"range stop `{ctx.text(stop)}` {d}",
                )
            if len(a) == 2:
                yield (
                    a[0].start_byte,
                    a[0].end_byte,
                    f"{ctx.text(a[0])} + 1",
                    f"range start `{ctx.text(a[0])}` + 1",
                )
    for n in ctx.nodes.get("subscript", ()):
        idx = n.child_by_field_name("subscript")
        if idx is None:
            continue
        if idx.type == "slice":
            for part in idx.named_children:
                yield (
                    part.start_byte,
                    part.end_byte,
                    f"{ctx.text(part)} + 1",
                    f"slice bound `{ctx.text(part)}` + 1",
                )
        elif idx.type in (
            "integer",
            "identifier",
            "binary_operator",
            "unary_operator",
        ) and "'" not in ctx.text(idx):
            d = "- 1" if idx.type == "integer" and idx.text != b"0" else "+ 1"
            yield idx.start_byte, idx.end_byte, f"{ctx.text(idx)} {d}", f"index `{ctx.text(idx)}` {d}"


def _misorder(ctx: Any) -> Iterator[Edit]:
    # Statements that can trade places: simple statements and if/for blocks (never a return:
    # moving a return up only creates dead code, which is a garbage mutant).
    movable = ("expression_statement", "if_statement", "for_statement")
    for s1, s2 in adjacent_statements(ctx, movable):
        if "expression_statement" not in (s1.type, s2.type):
            continue
        gap = ctx.data[s1.end_byte : s2.start_byte].decode()
        yield (
            s1.start_byte,
            s2.end_byte,
            ctx.text(s2) + gap + ctx.text(s1),
            f"swap `{ctx.text(s1).splitlines()[0]}` and `{ctx.text(s2).splitlines()[0]}`",
        )
    for n in ctx.nodes.get("call", ()):
        pair = swappable_arguments(ctx, n, COMMUTATIVE_CALLS)
        if pair is None:
            continue
        a0, a1 = pair
        yield (
            a0.start_byte,
            a1.end_byte,
            f"{ctx.text(a1)}, {ctx.text(a0)}",
            f"swap arguments of `{ctx.text(n.child_by_field_name('function'))}`",
        )


def _library(ctx: Any) -> Iterator[Edit]:
    for n in ctx.nodes.get("call", ()):
        name = call_name(n)
        fn = n.child_by_field_name("function")
        if name == "sorted" and len(args(n)) >= 1 and args(n)[0].type in ("identifier", "attribute"):
            rest = ", ".join(ctx.text(a) for a in args(n)[1:])
            yield (
                n.start_byte,
                n.end_byte,
                f"{ctx.text(args(n)[0])}.sort({rest})",
                "`sorted(x)` -> `x.sort()` (returns None)",
            )
        elif name in _NEIGHBOURS:
            target = fn.child_by_field_name("attribute") if fn.type == "attribute" else fn
            new = _NEIGHBOURS[name].split(".")[-1]
            if fn.type == "attribute" and "." in name[1:]:  # module function: replace the whole dotted name
                target, new = fn, _NEIGHBOURS[name]
            yield target.start_byte, target.end_byte, new, f"`{name}` -> `{_NEIGHBOURS[name]}`"
        elif name == ".split" and not args(n):
            al = n.child_by_field_name("arguments")
            yield al.start_byte, al.end_byte, '(" ")', '`.split()` -> `.split(" ")`'
        elif name == ".pop" and not args(n):
            al = n.child_by_field_name("arguments")
            yield al.start_byte, al.end_byte, "(0)", "`.pop()` -> `.pop(0)`"


def _math(ctx: Any) -> Iterator[Edit]:
    for n in ctx.nodes.get("binary_operator", ()):
        op = n.child_by_field_name("operator")
        if op.type in _ARITH:
            yield op.start_byte, op.end_byte, _ARITH[op.type], f"`{op.type}` -> `{_ARITH[op.type]}`"
        left = n.child_by_field_name("left")
        if op.type in ("*", "/", "//", "%") and left.type == "parenthesized_expression":
            inner = unparen(left)
            if inner.type == "binary_operator" and inner.child_by_field_name("operator").type in ("+", "-"):
                yield (
                    left.start_byte,
                    left.end_byte,
                    ctx.text(inner),
                    f"drop parentheses around `{ctx.text(inner)}`",
                )
    for n in ctx.nodes.get("augmented_assignment", ()):
        op = n.child_by_field_name("operator")
        new = {"+=": "-=", "-=": "+=", "*=": "+=", "/=": "//=", "//=": "/="}.get(op.type)
        if new:
            yield op.start_byte, op.end_byte, new, f"`{op.type}` -> `{new}`"


def _formatting(ctx: Any) -> Iterator[Edit]:
    for r in ctx.nodes.get("return_statement", ()):
        if r.named_child_count != 1:
            continue
        v = r.named_children[0]
        text = ctx.text(v)
        if v.type == "expression_list":
            text = f"({text})"  # `return a, b` keeps returning one tuple
        yield r.start_byte, r.end_byte, f"print({text})", "print instead of return"
        if v.type not in (
            "string",
            "true",
            "false",
            "comparison_operator",
            "boolean_operator",
            "not_operator",
        ):
            yield v.start_byte, v.end_byte, f"str({text})", "return the value as a string"
        if v.type == "binary_operator" and v.child_by_field_name("operator").type == "/":
            yield v.start_byte, v.end_byte, f"round({text}, 2)", "round the result to 2 decimals"
    for n in ctx.nodes.get("call", ()):
        fn = n.child_by_field_name("function")
        if call_name(n) == ".join" and fn.child_by_field_name("object").type == "string":
            sep = ctx.text(fn.child_by_field_name("object"))
            q = sep[-1]
            inner = sep[1:-1]
            new = q + (inner.strip() if inner.strip() != inner else inner + " ") + q
            o = fn.child_by_field_name("object")
            yield o.start_byte, o.end_byte, new, f"join separator {sep} -> {new}"


def _garbage(ctx: Any) -> Iterator[Edit]:
    for b in ctx.nodes.get("block", ()):
        for s in block_statements(b):
            line_start = ctx.data.rfind(b"\n", 0, s.start_byte) + 1
            if ctx.data[line_start : s.start_byte].strip():
                continue  # `if c: x += 1` on one line: a copy would need a new block
            if (
                s.type == "expression_statement"
                and s.named_child_count == 1
                and (
                    s.named_children[0].type == "augmented_assignment"
                    or call_name(s.named_children[0]) in (".append", ".add", ".extend", ".insert")
                )
            ):
                indent = " " * s.start_point[1]
                yield s.end_byte, s.end_byte, "\n" + indent + ctx.text(s), f"duplicate `{ctx.text(s)}`"
    for fn in ctx.nodes.get("function_definition", ()):
        stmts = block_statements(fn.child_by_field_name("body"))
        if stmts and stmts[0].type == "expression_statement" and stmts[0].named_children[0].type == "string":
            stmts = stmts[1:]  # keep the docstring first
        if len(stmts) >= 2:
            s = stmts[-1]
            indent = " " * s.start_point[1]
            yield (
                s.start_byte,
                s.start_byte,
                f"return None\n{indent}",
                "leftover `return None` before the last statement",
            )


OPERATORS: dict[str, Callable[[Any], Iterable[Edit]]] = {
    "conditional_error": _conditional,
    "garbage_code": _garbage,
    "math_logic_error": _math,
    "output_formatting": _formatting,
    "operation_misorder": _misorder,
    "library_api_misuse": _library,
    "index_off": _index,
}


def _compiles(code: str) -> bool:
    """CPython's own check: tree-sitter accepts some indentation errors."""
    try:
        compile(code, "<mutant>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def mutants(source: str, entry_point: str | None = None, seed: int = 0) -> Iterator[Mutant]:
    """Every single-edit mutant of ``source`` (inside ``entry_point`` when given), shuffled by ``seed``."""
    ctx = parse(source)
    lo, hi = _scope(ctx, entry_point)
    found: list[Mutant] = []
    seen: set[str] = set()
    for category, op in OPERATORS.items():
        for start, end, new, desc in op(ctx):
            if not (lo <= start and end <= hi):
                continue
            code = (ctx.data[:start] + new.encode() + ctx.data[end:]).decode("utf-8", "replace")
            if code == source or code in seen or not _compiles(code):
                continue
            seen.add(code)
            line = ctx.data[:start].count(b"\n") + 1
            found.append(Mutant(code, category, op.__name__.strip("_"), desc, line))
    random.Random(seed).shuffle(found)
    yield from found


def keep_failing(
    candidates: Iterable[Mutant],
    problem_tests: list,
    executor: Any,
    *,
    entry_point: str | None = None,
    limits: Any = None,
) -> Iterator[tuple[Mutant, Any]]:
    """Yield ``(mutant, ExecResult)`` for mutants that fail at least one of ``problem_tests``.

    Tests need ``expected`` values (compute them from the reference first).
    """
    from codejudge.sandbox.base import Job, Limits

    for i, m in enumerate(candidates):
        job = Job(
            id=f"mutant-{i}", kind="function", source=m.code, entry_point=entry_point, tests=problem_tests
        )
        result = executor.run(job, limits or Limits(timeout_s=1.0))
        if not result.passed:
            yield m, result
