"""inplace-result-used (CJ601)

What it does:
    Flags using the result of a list method that works in place and returns ``None``:
    ``.sort()``, ``.reverse()``, ``.append()``, ``.extend()``, ``.insert()``, ``.clear()``.

Why is this bad?
    The value is always ``None``: ``ys = xs.sort()`` sorts ``xs`` and sets ``ys`` to
    ``None``. The built-ins ``sorted(xs)`` / ``reversed(xs)`` return a new sequence.

Example:
    return nums.sort()

Use instead:
    return sorted(nums)
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import call_name, is_value_use, parent

CODE = "CJ601"
NAME = "inplace-result-used"
NODE_TYPES = ("call",)
_INPLACE = {".sort", ".reverse", ".append", ".extend", ".insert", ".clear"}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    name = call_name(node)
    if name not in _INPLACE or not is_value_use(node):
        return
    if parent(node).type in (
        "lambda",
        "boolean_operator",
        "conditional_expression",
        "list_comprehension",
        "generator_expression",
        "list",
        "tuple",
        "expression_list",
        "set_comprehension",
    ):
        return  # deliberate side-effect idioms like `seen.add(x) or x`
    yield node, f"`{name[1:]}()` works in place and returns None; its result is used here"
