"""method-on-temporary (CJ604)

What it does:
    Flags an in-place method called on a fresh copy, as a statement:
    ``sorted(xs).reverse()``, ``list(xs).sort()``, ``xs[:].append(v)``.

Why is this bad?
    The copy is mutated and immediately thrown away; ``xs`` is unchanged and the result
    is lost.

Example:
    sorted(xs).reverse()
    return xs

Use instead:
    return sorted(xs, reverse=True)
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import call_name, child, parent

CODE = "CJ604"
NAME = "method-on-temporary"
NODE_TYPES = ("call",)
_INPLACE = {"sort", "reverse", "append", "extend", "insert", "remove", "clear", "pop", "update", "add"}
_COPIES = {"sorted", "list", "reversed", "dict", "set"}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "attribute" or parent(node).type != "expression_statement":
        return
    obj, attr = child(fn, "object"), ctx.text(child(fn, "attribute"))
    if attr not in _INPLACE:
        return
    index = obj.child_by_field_name("subscript") if obj.type == "subscript" else None
    fresh = (obj.type == "call" and call_name(obj) in _COPIES) or (
        index is not None and index.type == "slice" and ctx.text(index) == ":"
    )
    if fresh:
        yield node, f"`.{attr}()` mutates the temporary `{ctx.text(obj)}`, which is then discarded"
