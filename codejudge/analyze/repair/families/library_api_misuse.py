"""Library-API repairs: a built-in or library call used against its contract.

Edits (cost): a neighbouring function or method (``find``/``index``, ``lstrip``/``rstrip``/
``strip``, ``re.search``/``re.match``/``re.fullmatch``, ``int``/``round``/``math.ceil``/
``math.floor`` (with ``import math`` when the code has none), ``max``/``min``, ``list``/``sorted``/``set``, ``isdigit``/``isnumeric``/
``isalpha``/``isalnum``, ``append``/``extend``, ``keys``/``values``/``items`` ...) (1);
``split()`` <-> ``split(" ")`` (1); ``split()`` -> ``split(sep)`` for ``","`` and the code's own
short punctuation literals (2); drop the count of ``replace(a, b, n)`` or the ``maxsplit`` of
``split(sep, n)`` (1); drop a keyword argument such as ``key=len`` (1); add ``key=len``/``abs``/
``lambda x: x[1]`` to ``sorted``/``max``/``min``/``.sort()`` (2);
``x.sort()`` used as a value -> ``sorted(x)`` and a ``x.sort()`` statement -> ``x = sorted(x)``
(for tuples) (2); ``xs + [x]`` <-> ``xs + (x,)`` (2); import a standard-library name the code calls bare (``prod`` ->
``from math import prod``) when the failure is that ``NameError`` (2).
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from typing import Any

from codejudge.analyze.repair.edit import Edit, Hints, one
from codejudge.analyze.rules._util import args, call_name, is_value_use

CATEGORY = "library_api_misuse"
CODE = "CJ693"
_GROUPS = [
    [".find", ".index", ".rfind"],
    [".lstrip", ".rstrip", ".strip"],
    ["re.search", "re.match", "re.fullmatch"],
    ["int", "round", "math.ceil", "math.floor"],
    ["math.floor", "math.ceil"],
    ["max", "min"],
    ["list", "sorted", "set"],
    [".isdigit", ".isnumeric", ".isalpha", ".isalnum"],
    [".isupper", ".islower"],
    [".upper", ".lower"],
    [".append", ".extend"],
    [".keys", ".values", ".items"],
    [".startswith", ".endswith"],
    [".remove", ".pop", ".discard"],
    ["bisect.bisect_left", "bisect.bisect_right"],
    ["re.findall", "re.split"],
    [".title", ".capitalize"],
    ["math.sqrt", "math.isqrt"],
    ["math.log", "math.log2", "math.log10"],
    ["sum", "len"],
    ["reversed", "sorted"],
    [".count", ".find"],
    ["str.isdigit", "str.isnumeric"],
]
_NEIGHBOURS: dict[str, list[str]] = {}
for _g in _GROUPS:
    for _name in _g:
        _NEIGHBOURS.setdefault(_name, []).extend(
            x for x in _g if x != _name and x not in _NEIGHBOURS.get(_name, [])
        )
_STDLIB = (
    "math",
    "itertools",
    "functools",
    "collections",
    "string",
    "operator",
    "heapq",
    "bisect",
    "statistics",
)
_NAME_ERROR = re.compile(r"NameError: name '(\w+)' is not defined")


def _e(node: Any, new: str, desc: str, cost: int = 1) -> Edit:
    return one(node, new, desc, cost, CATEGORY)


def edits(ctx: Any, hints: Hints) -> Iterator[Edit]:
    bound = _bound_names(ctx)
    separators = _separators(ctx)
    for n in ctx.nodes.get("call", ()):
        name, fn, a = call_name(n), n.child_by_field_name("function"), args(n)
        for new in _NEIGHBOURS.get(name, ()):
            if fn.type == "attribute" and name.startswith(".") and new.startswith("."):
                yield _e(fn.child_by_field_name("attribute"), new[1:], f"`{name}` -> `{new}`")
            elif not name.startswith(".") and not new.startswith("."):
                mod = new.split(".")[0] if "." in new else ""
                if mod and mod not in bound:  # `int` -> `math.ceil` in code that never imported math
                    yield Edit(
                        ((0, 0, f"import {mod}\n"), (fn.start_byte, fn.end_byte, new)),
                        f"`{name}` -> `{new}`",
                        1,
                        CATEGORY,
                        fn.start_point[0] + 1,
                    )
                else:
                    yield _e(fn, new, f"`{name}` -> `{new}`")
        if name in (".split", ".strip", ".rstrip", ".lstrip"):
            al = n.child_by_field_name("arguments")
            if not a:
                yield _e(al, '(" ")', f'`{name}()` -> `{name}(" ")`')
                if name == ".split":
                    for sep in separators:
                        yield _e(al, f"({sep!r})", f"`.split()` -> `.split({sep!r})`", 2)
            elif len(a) == 1 and ctx.text(a[0]) in ('" "', "' '"):
                yield _e(al, "()", f"`{name}({ctx.text(a[0])})` -> `{name}()`")
        positional = [x for x in a if x.type not in ("keyword_argument", "list_splat", "dictionary_splat")]
        if (name, len(positional)) in ((".replace", 3), (".split", 2), (".rsplit", 2)) and len(a) == len(
            positional
        ):
            yield Edit(
                ((positional[-2].end_byte, positional[-1].end_byte, ""),),
                f"drop the count `{ctx.text(positional[-1])}` of `{name.lstrip('.')}`",
                1,
                CATEGORY,
                n.start_point[0] + 1,
            )
        if (
            name in _KEYED
            and len(positional) == 1
            and len(a) == 1
            and positional[0].type != "generator_expression"
        ):
            al = n.child_by_field_name("arguments")
            for key in _KEYS:
                yield _e(
                    al,
                    f"({ctx.text(positional[0])}, key={key})",
                    f"`{name.lstrip('.')}` with `key={key}`",
                    2,
                )
        if name == ".sort" and not a:
            for key in _KEYS:
                al = n.child_by_field_name("arguments")
                yield _e(al, f"(key={key})", f"`sort` with `key={key}`", 2)
        for kw in a:
            if kw.type == "keyword_argument" and ctx.text(kw.child_by_field_name("name")) in (
                "key",
                "default",
                "start",
                "maxsplit",
                "flags",
            ):
                prev = kw.prev_sibling
                start = prev.start_byte if prev is not None and prev.type == "," else kw.start_byte
                yield Edit(
                    ((start, kw.end_byte, ""),),
                    f"drop `{ctx.text(kw)}` from `{name.lstrip('.')}`",
                    1,
                    CATEGORY,
                    n.start_point[0] + 1,
                )
        if name == ".sort":
            obj = ctx.text(fn.child_by_field_name("object"))
            rest = "".join(", " + ctx.text(x) for x in a)
            if is_value_use(n):
                yield _e(n, f"sorted({obj}{rest})", f"`{obj}.sort()` -> `sorted({obj})`", 2)
            elif n.parent.type == "expression_statement":
                yield _e(
                    n.parent, f"{obj} = sorted({obj}{rest})", f"`{obj}.sort()` -> `{obj} = sorted({obj})`", 2
                )
    for n in ctx.nodes.get("binary_operator", ()):  # `tup + [x]`: a tuple concatenates only with a tuple
        if n.child_by_field_name("operator").type == "+":
            for side in (n.child_by_field_name("left"), n.child_by_field_name("right")):
                if side.type == "list" and len(side.named_children) == 1:
                    yield _e(
                        side, f"({ctx.text(side.named_children[0])},)", f"`{ctx.text(side)}` as a tuple", 2
                    )
                elif side.type == "tuple" and len(side.named_children) == 1:
                    yield _e(
                        side, f"[{ctx.text(side.named_children[0])}]", f"`{ctx.text(side)}` as a list", 2
                    )
    yield from _imports(ctx, hints)


# A sort or extreme by the wrong measure: the keys that classic tasks sort and compare by.
_KEYED = ("sorted", "max", "min")
_KEYS = ("len", "abs", "lambda x: x[1]")


def _separators(ctx: Any) -> list[str]:
    """Short punctuation literals of the code (``"/".join``, ``== ","``) and ``","``: the separator
    that a bare ``.split()`` (on whitespace) missed."""
    out = {","}
    for n in ctx.nodes.get("string", ()):
        try:
            v = ast.literal_eval(ctx.text(n))
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            continue
        if isinstance(v, str) and 1 <= len(v) <= 2 and not v.isspace() and not any(ch.isalnum() for ch in v):
            out.add(v)
    return sorted(out)


def _bound_names(ctx: Any) -> set[str]:
    """Names the source binds by import (``import math``, ``import numpy as np``, ``from m import x``)."""
    out: set[str] = set()
    for t in ("import_statement", "import_from_statement"):
        for n in ctx.nodes.get(t, ()):
            for c in n.named_children:
                if c.type == "aliased_import":
                    out.add(ctx.text(c.child_by_field_name("alias")))
                elif c.type == "dotted_name" and (
                    t == "import_statement" or c != n.child_by_field_name("module_name")
                ):
                    out.add(ctx.text(c).split(".")[0] if t == "import_statement" else ctx.text(c))
    return out


def _imports(ctx: Any, hints: Hints) -> Iterator[Edit]:
    """``NameError: name 'prod' is not defined`` where ``math.prod`` exists: the import was forgotten."""
    names = {m.group(1) for e in hints.exceptions for m in [_NAME_ERROR.search(e)] if m}
    for name in sorted(names):
        for mod in _STDLIB:
            if callable(getattr(importlib.import_module(mod), name, None)):
                yield Edit(
                    ((0, 0, f"from {mod} import {name}\n"),),
                    f"import `{name}` from `{mod}`",
                    2,
                    CATEGORY,
                    1,
                    hinted=True,
                )
                break
