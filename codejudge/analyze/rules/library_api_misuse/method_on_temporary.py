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
from typing import Any

from codejudge.analyze.rules._util import call_name

CODE = "CJ604"
NAME = "method-on-temporary"
NODE_TYPES = ("call",)
_INPLACE = {"sort", "reverse", "append", "extend", "insert", "remove", "clear", "pop", "update", "add"}
_COPIES = {"sorted", "list", "reversed", "dict", "set"}


def check(node: Any, ctx: Any) -> Iterator[tuple[Any, str]]:
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "attribute" or node.parent.type != "expression_statement":
        return
    obj, attr = fn.child_by_field_name("object"), fn.child_by_field_name("attribute").text.decode()
    if attr not in _INPLACE:
        return
    fresh = (obj.type == "call" and call_name(obj) in _COPIES) or (
        obj.type == "subscript"
        and obj.child_by_field_name("subscript") is not None
        and obj.child_by_field_name("subscript").type == "slice"
        and ctx.text(obj.child_by_field_name("subscript")) == ":"
    )
    if fresh:
        yield node, f"`.{attr}()` mutates the temporary `{ctx.text(obj)}`, which is then discarded"
