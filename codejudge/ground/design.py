"""Design problems: a class driven by a sequence of operations (LeetCode's "Implement the LRUCache class").

Such a statement shows its example as two parallel lists and the outputs::

    Input
    ["LRUCache", "put", "put", "get", "put", "get"]
    [[2], [1, 1], [2, 2], [1], [3, 3], [2]]
    Output
    [null, null, null, 1, null, -1]

The miner (``codejudge.ground.mine``) reads it as one example of pattern ``design``
whose arguments are ``[operations, arguments]`` and whose expected value is the
outputs list (``null`` for the constructor and for methods returning nothing). An
answer defining that class is run through a driver that builds the object with the
first operation and calls the others in order, returning every result: Python and
JavaScript answers (both call methods by name at run time). The sequence is data,
never code: the driver looks the method up on the object and calls it.

Generated inputs (:func:`design_inputs`) keep the example's operations in their order
(so a stack is never popped where the example did not pop it) and vary only the
methods' argument values within what the example shows; the constructor's arguments
stay as shown (a capacity of 0 may be outside the problem). The example's sequence run
twice over on one object is an *edge* input.

>>> ins = design_inputs([["Stack", "push", "pop"], [[], [3], []]], n=3, seed=1)
>>> [x.args[0] for x in ins][0], all(len(x.args[1]) in (3, 5) for x in ins)
(['Stack', 'push', 'pop'], True)
"""

from __future__ import annotations

import ast
import json
import random
import re
from typing import Any

from codejudge.ground.generate import Generated
from codejudge.ground.plan import Plan

LANGUAGES = ("python", "js")
PARAMS = ["operations", "arguments"]


def is_design(args: list[Any]) -> bool:
    """Whether ``args`` is ``[operations, arguments]`` of one design example."""
    if len(args) != 2 or type(args[0]) is not list or type(args[1]) is not list:
        return False
    ops, argss = args
    return (
        len(ops) == len(argss) >= 2
        and all(type(o) is str and re.fullmatch(r"[A-Za-z_]\w*", o) for o in ops)
        and all(type(a) is list for a in argss)
    )


def design_plan(code: str, language: str, cls: str) -> Plan | None:
    """How to drive ``cls`` of ``code``, or None when the answer defines no such class."""
    if language == "python":
        try:
            tree = ast.parse(code)
        except SyntaxError:
            return None
        if not any(isinstance(n, ast.ClassDef) and n.name == cls for n in tree.body):
            return None
    elif language == "js":
        if not re.search(rf"\bclass\s+{re.escape(cls)}\b|\bfunction\s+{re.escape(cls)}\s*\(", code):
            return None
    else:
        return Plan(
            None,
            cls,
            why=f"a design problem (class {cls} driven by operations) runs for Python and JavaScript answers only",
            language=language,
        )
    return Plan(
        "design",
        cls,
        list(PARAMS),
        why=f"defines class {cls}, which the example drives",
        cls=cls,
        language=language,
    )


def js_expression(cls: str, args: list[Any]) -> str:
    """One JavaScript expression driving ``cls`` with ``[operations, arguments]`` (JSON data)."""
    ops, argss = args
    data = json.dumps([ops[1:], argss[1:]])
    return (
        f"(() => {{ const o = new {cls}(...{json.dumps(argss[0])}); const [ops, as] = {data}; "
        "return [null, ...ops.map((m, k) => { const r = o[m](...as[k]); return r === undefined ? null : r; })]; })()"
    )


def _vary(v: Any, seen: list[Any], rng: random.Random) -> Any:
    """Another value like ``v``: one the example shows at such a place, or an int within their range."""
    if type(v) is int:
        ints = [x for x in seen if type(x) is int] or [v]
        lo, hi = min(ints), max(ints)
        return rng.choice([rng.choice(ints), rng.randint(lo, max(hi, lo + 1)), v])
    same = [x for x in seen if type(x) is type(v)]
    return rng.choice(same) if same else v


def design_inputs(seed_args: list[list[Any]], n: int = 20, seed: int = 0) -> list[Generated]:
    """Operation sequences like the examples': same operations in the same order, other argument
    values (ordinary inputs); each example's sequence twice over (edge)."""
    rng = random.Random(seed)
    out: list[Generated] = []
    seen_keys = {repr(a) for a in seed_args}
    examples = [a for a in seed_args if is_design(a)]
    for k, (ops, argss) in enumerate(examples):
        by_op: dict[str, list[Any]] = {}
        for op, a in zip(ops[1:], argss[1:]):
            by_op.setdefault(op, []).extend(a)
        for _ in range(n * 3):
            if len(out) >= n * (k + 1):
                break
            new = [list(argss[0])] + [
                [_vary(v, by_op[op], rng) for v in a] for op, a in zip(ops[1:], argss[1:])
            ]
            key = repr([ops, new])
            if key not in seen_keys:
                seen_keys.add(key)
                out.append(
                    Generated([list(ops), new], f"example {k + 1} with other argument values", size=len(ops))
                )
        twice = [list(ops) + list(ops[1:]), list(argss) + list(argss[1:])]
        if repr(twice) not in seen_keys:
            seen_keys.add(repr(twice))
            out.append(Generated(twice, f"example {k + 1}'s operations twice over", True, size=2 * len(ops)))
    return out
