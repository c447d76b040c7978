"""A second, independent mutator for measuring the mistake tagger (``bench/analyzer_quality.py``).

Written separately from ``codejudge/analyze/mutate.py`` (which works on tree-sitter trees):
this one walks CPython's ``ast`` and edits the source text at the nodes' positions, with a
different set of operators, so that the tagger is not only measured on the shapes its own
mutation engine (and the repair families that invert it) know. Operators, per category:

- conditional_error: reverse a comparison's direction (``<`` -> ``>``, ``<=`` -> ``>=``...),
  ``in`` <-> ``not in`` and ``is`` <-> ``is not``, keep only one operand of ``and``/``or``, move
  the constant of a comparison by one, delete an early-exit ``if`` (a missing case);
- index_off: ``len(x)`` -> ``len(x) - 1``, a constant index +-1, shift a whole ``range`` by one,
  a slice bound - 1, ``enumerate(x)`` -> ``enumerate(x, 1)``;
- math_logic_error: ``+`` -> ``*``, ``*`` -> ``**``, drop the right term of ``+``/``-``, a
  constant (>= 2) + 1, drop ``abs()``;
- output_formatting: return ``repr(value)``, a returned list as a tuple (and back), a returned
  string literal in upper case, ``True``/``False`` returned as text;
- operation_misorder: swap the operands of ``-``, ``/``, ``//``, ``%``, swap a returned pair,
  sort in reverse, move a loop body's last statement first, move an initialisation into the
  loop after it;
- library_api_misuse: drop a ``key=``/``default=`` keyword, drop ``dict.get``'s default,
  ``str.replace`` with a count of 1, ``int`` -> ``round``, ``.isdigit`` -> ``.isalnum``,
  ``.find`` -> ``.rfind``, ``sorted(x)`` -> ``list(x)``, ``.split(sep)`` -> ``.split()``;
- garbage_code: wrap a statement in a dead ``if False:`` branch, a leftover ``break`` at the end
  of a loop body.

>>> src = "def f(xs):\\n    return [x for x in xs if x < 3]\\n"
>>> sorted({m.category for m in ast_mutants(src, "f")})
['conditional_error', 'output_formatting']
"""

from __future__ import annotations

import ast
import random
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class AstMutant:
    code: str
    category: str
    operator: str
    description: str
    line: int = 0


class _Text:
    """Byte offsets of AST positions (``col_offset`` counts UTF-8 bytes)."""

    def __init__(self, source: str) -> None:
        self.data = source.encode("utf-8")
        self.starts = [0]
        for i, b in enumerate(self.data):
            if b == 10:
                self.starts.append(i + 1)

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.starts[node.lineno - 1] + node.col_offset,  # type: ignore[attr-defined]
            self.starts[node.end_lineno - 1] + node.end_col_offset,
        )  # type: ignore[attr-defined]

    def get(self, node: ast.AST) -> str:
        s, e = self.span(node)
        return self.data[s:e].decode("utf-8")

    def line_start(self, node: ast.AST) -> int:
        return self.starts[node.lineno - 1]  # type: ignore[attr-defined]


Edit = tuple[int, int, str, str, str, str]  # start, end, new, category, operator, description
_REVERSE = {ast.Lt: ">", ast.LtE: ">=", ast.Gt: "<", ast.GtE: "<="}
_TEXT = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Eq: "==",
    ast.NotEq: "!=",
}


def _op_span(t: _Text, left: ast.AST, right: ast.AST, token: str) -> tuple[int, int] | None:
    """Byte range of the operator token between two operands."""
    _, a = t.span(left)
    b, _ = t.span(right)
    gap = t.data[a:b].decode("utf-8")
    i = gap.find(token)
    if i < 0:
        return None
    return a + len(gap[:i].encode()), a + len(gap[:i].encode()) + len(token.encode())


def _conditional(t: _Text, fn: ast.AST) -> Iterator[Edit]:
    for n in ast.walk(fn):
        if isinstance(n, ast.Compare) and len(n.ops) == 1:
            op, right = n.ops[0], n.comparators[0]
            token = _TEXT.get(type(op))
            span = _op_span(t, n.left, right, token) if token else None
            if span and type(op) in _REVERSE:
                yield (
                    *span,
                    _REVERSE[type(op)],
                    "conditional_error",
                    "reverse-comparison",
                    f"`{token}` -> `{_REVERSE[type(op)]}`",
                )
            if span and token in ("in", "not in", "is", "is not"):
                new = {"in": "not in", "not in": "in", "is": "is not", "is not": "is"}[token]
                yield (*span, new, "conditional_error", "negate-membership", f"`{token}` -> `{new}`")
            if (
                isinstance(right, ast.Constant)
                and type(right.value) is int
                and not isinstance(right.value, bool)
            ):
                s, e = t.span(right)
                yield (
                    s,
                    e,
                    str(right.value + 1),
                    "conditional_error",
                    "shift-bound",
                    f"bound {right.value} -> {right.value + 1}",
                )
        elif isinstance(n, ast.BoolOp) and len(n.values) == 2:
            s, e = t.span(n)
            for keep in n.values:
                yield (
                    s,
                    e,
                    f"({t.get(keep)})",
                    "conditional_error",
                    "drop-conjunct",
                    f"keep only `{t.get(keep)}`",
                )
        elif (
            isinstance(n, ast.If)
            and not n.orelse
            and isinstance(n.body[-1], (ast.Return, ast.Raise, ast.Continue))
        ):
            s, e = t.span(n)
            yield (
                t.line_start(n),
                e,
                "",
                "conditional_error",
                "delete-case",
                f"delete `if {t.get(n.test)}:`",
            )


def _index(t: _Text, fn: ast.AST) -> Iterator[Edit]:
    for n in ast.walk(fn):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            if n.func.id == "len" and len(n.args) == 1:
                s, e = t.span(n)
                yield (
                    s,
                    e,
                    f"({t.get(n)} - 1)",
                    "index_off",
                    "len-minus-one",
                    f"`{t.get(n)}` -> `{t.get(n)} - 1`",
                )
            if n.func.id == "range" and len(n.args) in (1, 2) and not n.keywords:
                s, e = t.span(n)
                if len(n.args) == 1:
                    new = f"range(1, {t.get(n.args[0])} + 1)"
                else:
                    new = f"range({t.get(n.args[0])} + 1, {t.get(n.args[1])} + 1)"
                yield (s, e, new, "index_off", "shift-range", f"`{t.get(n)}` -> `{new}`")
            if n.func.id == "enumerate" and len(n.args) == 1 and not n.keywords:
                s, e = t.span(n)
                yield (
                    s,
                    e,
                    f"enumerate({t.get(n.args[0])}, 1)",
                    "index_off",
                    "enumerate-from-one",
                    "enumerate from 1",
                )
        elif isinstance(n, ast.Subscript):
            sl = n.slice
            if isinstance(sl, ast.Constant) and type(sl.value) is int:
                s, e = t.span(sl)
                yield (
                    s,
                    e,
                    str(sl.value + 1),
                    "index_off",
                    "constant-index",
                    f"index {sl.value} -> {sl.value + 1}",
                )
            elif (
                isinstance(sl, ast.UnaryOp)
                and isinstance(sl.op, ast.USub)
                and isinstance(sl.operand, ast.Constant)
            ):
                s, e = t.span(sl)
                yield (
                    s,
                    e,
                    str(-sl.operand.value - 1),
                    "index_off",
                    "constant-index",
                    f"index -{sl.operand.value} -> {-sl.operand.value - 1}",
                )
            elif isinstance(sl, ast.Slice):
                for bound in (sl.lower, sl.upper):
                    if bound is not None:
                        s, e = t.span(bound)
                        yield (
                            s,
                            e,
                            f"({t.get(bound)}) - 1",
                            "index_off",
                            "slice-bound",
                            f"slice bound `{t.get(bound)}` - 1",
                        )


def _math(t: _Text, fn: ast.AST) -> Iterator[Edit]:
    for n in ast.walk(fn):
        if isinstance(n, ast.BinOp):
            change = {ast.Add: ("+", "*"), ast.Mult: ("*", "**")}.get(type(n.op))
            span = _op_span(t, n.left, n.right, change[0]) if change else None
            if span and change:
                yield (*span, change[1], "math_logic_error", "operator", f"`{change[0]}` -> `{change[1]}`")
            if isinstance(n.op, (ast.Add, ast.Sub)) and not (
                isinstance(n.right, ast.Constant) and n.right.value == 1
            ):
                s, e = t.span(n)
                yield (
                    s,
                    e,
                    f"({t.get(n.left)})",
                    "math_logic_error",
                    "drop-term",
                    f"drop the term `{t.get(n.right)}`",
                )
        elif isinstance(n, ast.Constant) and type(n.value) is int and n.value >= 2:
            parent = getattr(n, "_parent", None)
            if isinstance(parent, (ast.Subscript, ast.Slice, ast.Compare)) or (
                isinstance(parent, ast.Call)
                and isinstance(parent.func, ast.Name)
                and parent.func.id == "range"
            ):
                continue  # positions and bounds, not formula constants
            s, e = t.span(n)
            yield (
                s,
                e,
                str(n.value + 1),
                "math_logic_error",
                "constant",
                f"constant {n.value} -> {n.value + 1}",
            )
        elif (
            isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name)
            and n.func.id == "abs"
            and len(n.args) == 1
        ):
            s, e = t.span(n)
            yield (s, e, f"({t.get(n.args[0])})", "math_logic_error", "drop-abs", "drop `abs()`")


def _formatting(t: _Text, fn: ast.AST) -> Iterator[Edit]:
    for n in ast.walk(fn):
        if not isinstance(n, ast.Return) or n.value is None:
            continue
        v = n.value
        s, e = t.span(v)
        text = t.get(v)
        shown = f"({text})" if isinstance(v, ast.Tuple) else text
        yield (s, e, f"repr({shown})", "output_formatting", "repr", "return `repr(value)`")
        if isinstance(v, (ast.List, ast.ListComp)) or (
            isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in ("sorted", "list")
        ):
            yield (s, e, f"tuple({text})", "output_formatting", "container", "return a tuple")
        if isinstance(v, ast.Tuple) and len(v.elts) >= 2:
            yield (s, e, f"list(({text}))", "output_formatting", "container", "return a list")
        if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.upper() != v.value:
            yield (s, e, repr(v.value.upper()), "output_formatting", "upper", "return the text in upper case")
        if isinstance(v, ast.Constant) and isinstance(v.value, bool):
            yield (s, e, repr(str(v.value)), "output_formatting", "bool-text", f"return '{v.value}' as text")


def _misorder(t: _Text, fn: ast.AST) -> Iterator[Edit]:
    for n in ast.walk(fn):
        if (
            isinstance(n, ast.BinOp)
            and isinstance(n.op, (ast.Sub, ast.Div, ast.FloorDiv, ast.Mod))
            and t.get(n.left) != t.get(n.right)
        ):
            s, e = t.span(n)
            sym = {ast.Sub: "-", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%"}[type(n.op)]
            yield (
                s,
                e,
                f"(({t.get(n.right)}) {sym} ({t.get(n.left)}))",
                "operation_misorder",
                "swap-operands",
                f"swap the operands of `{t.get(n)}`",
            )
        elif isinstance(n, ast.Return) and isinstance(n.value, ast.Tuple) and len(n.value.elts) == 2:
            a, b = n.value.elts
            s, _ = t.span(a)
            _, e = t.span(b)
            yield (
                s,
                e,
                f"{t.get(b)}, {t.get(a)}",
                "operation_misorder",
                "swap-returned",
                "swap the returned pair",
            )
        elif (
            isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name)
            and n.func.id == "sorted"
            and not any(k.arg == "reverse" for k in n.keywords)
        ):
            _, e = t.span(n)
            yield (e - 1, e - 1, ", reverse=True", "operation_misorder", "reverse-sort", "sort in reverse")
        elif isinstance(n, (ast.For, ast.While)) and len(n.body) >= 2:
            last, first = n.body[-1], n.body[0]
            if (
                last.lineno == last.end_lineno
                and first.col_offset == last.col_offset
                and last.lineno > first.lineno
            ):
                s, e = t.span(last)
                fs = t.line_start(first)
                line = t.data[t.line_start(last) : e].decode("utf-8") + "\n"
                end = e + 1 if t.data[e : e + 1] == b"\n" else e
                yield (
                    fs,
                    end,
                    line + t.data[fs : t.line_start(last)].decode("utf-8"),
                    "operation_misorder",
                    "last-first",
                    f"move `{t.get(last)}` to the start of the loop",
                )
        if isinstance(n, (ast.FunctionDef, ast.For, ast.While, ast.If)):
            body = n.body
            for a, b in zip(body, body[1:]):
                if (
                    isinstance(a, ast.Assign)
                    and isinstance(b, (ast.For, ast.While))
                    and a.lineno == a.end_lineno
                    and isinstance(a.value, (ast.Constant, ast.List, ast.Dict))
                ):
                    indent = " " * b.body[0].col_offset
                    s = t.line_start(a)
                    e = t.span(a)[1] + 1
                    ins = t.line_start(b.body[0])
                    yield (
                        s,
                        ins,
                        t.data[e:ins].decode("utf-8") + indent + t.get(a) + "\n",
                        "operation_misorder",
                        "init-into-loop",
                        f"move `{t.get(a)}` into the loop",
                    )


def _library(t: _Text, fn: ast.AST) -> Iterator[Edit]:
    for n in ast.walk(fn):
        if not isinstance(n, ast.Call):
            continue
        for k in n.keywords:
            if k.arg in ("key", "default"):
                ks, ke = t.span(k)
                prev = t.data[:ks].rstrip()
                start = len(prev) - 1 if prev.endswith(b",") else ks
                yield (start, ke, "", "library_api_misuse", "drop-keyword", f"drop `{t.get(k)}`")
        f = n.func
        if isinstance(f, ast.Attribute):
            s, e = t.span(f)
            name_start = e - len(f.attr.encode())
            swap = {"isdigit": "isalnum", "find": "rfind"}.get(f.attr)
            if swap:
                yield (name_start, e, swap, "library_api_misuse", "method", f"`.{f.attr}` -> `.{swap}`")
            if f.attr == "get" and len(n.args) == 2:
                _, a_end = t.span(n.args[0])
                _, b_end = t.span(n.args[1])
                yield (a_end, b_end, "", "library_api_misuse", "get-default", "drop the default of `.get`")
            if f.attr == "replace" and len(n.args) == 2:
                _, b_end = t.span(n.args[1])
                yield (b_end, b_end, ", 1", "library_api_misuse", "replace-count", "`.replace` only once")
            if f.attr == "split" and len(n.args) == 1:
                a_s, _ = t.span(n.args[0])
                _, a_e = t.span(n.args[0])
                yield (
                    a_s,
                    a_e,
                    "",
                    "library_api_misuse",
                    "split-default",
                    f"`.split({t.get(n.args[0])})` -> `.split()`",
                )
        elif isinstance(f, ast.Name) and f.id in ("int", "sorted") and len(n.args) == 1 and not n.keywords:
            s, e = t.span(f)
            new = {"int": "round", "sorted": "list"}[f.id]
            yield (s, e, new, "library_api_misuse", "builtin", f"`{f.id}` -> `{new}`")


def _garbage(t: _Text, fn: ast.AST) -> Iterator[Edit]:
    for n in ast.walk(fn):
        for field in ("body", "orelse"):
            body = getattr(n, field, None)
            if not isinstance(body, list) or n is fn and field == "body" and len(body) < 2:
                continue
            for stmt in body:
                if (
                    isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Expr))
                    and stmt.lineno == stmt.end_lineno
                    and not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
                ):
                    ls = t.line_start(stmt)
                    indent = t.data[ls : t.span(stmt)[0]].decode("utf-8")
                    if indent.strip():
                        continue
                    s, e = t.span(stmt)
                    yield (
                        ls,
                        e,
                        f"{indent}if False:\n{indent}    {t.get(stmt)}",
                        "garbage_code",
                        "dead-branch",
                        f"`{t.get(stmt)}` in a dead `if False:` branch",
                    )
        if isinstance(n, (ast.For, ast.While)):
            last = n.body[-1]
            if last.lineno == last.end_lineno and not isinstance(last, (ast.Break, ast.Return, ast.Continue)):
                _, e = t.span(last)
                indent = " " * last.col_offset
                yield (
                    e,
                    e,
                    f"\n{indent}break",
                    "garbage_code",
                    "leftover-break",
                    "a leftover `break` ends the loop",
                )


OPERATORS = {
    "conditional_error": _conditional,
    "garbage_code": _garbage,
    "math_logic_error": _math,
    "output_formatting": _formatting,
    "operation_misorder": _misorder,
    "library_api_misuse": _library,
    "index_off": _index,
}


def ast_mutants(source: str, entry_point: str | None = None, seed: int = 0) -> list[AstMutant]:
    """Single-edit mutants of ``source`` inside ``entry_point`` (the whole file if not found), shuffled."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            child._parent = parent  # type: ignore[attr-defined]
    fn = next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == entry_point), tree)
    t = _Text(source)
    out, seen = [], {source}
    for category, op in OPERATORS.items():
        for s, e, new, cat, name, desc in op(t, fn):
            code = (t.data[:s] + new.encode() + t.data[e:]).decode("utf-8", "replace")
            if code in seen:
                continue
            try:
                compile(code, "<mutant>", "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                continue
            seen.add(code)
            out.append(AstMutant(code, cat, name, desc, source.encode()[:s].count(b"\n") + 1))
    random.Random(seed).shuffle(out)
    return out
