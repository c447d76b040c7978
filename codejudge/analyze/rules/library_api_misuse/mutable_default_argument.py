"""mutable-default-argument (CJ603)

What it does:
    Flags a function parameter whose default is a mutable object (``[]``, ``{}``,
    ``set()``, ``list()``, ``dict()``) when the function mutates that parameter.

Why is this bad?
    The default is created once, when the function is defined, and shared by every call;
    a function that mutates it leaks state from one call into the next.

Example:
    def collect(x, acc=[]):
        acc.append(x)
        return acc

Use instead:
    def collect(x, acc=None):
        acc = [] if acc is None else acc
        acc.append(x)
        return acc
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import args, call_name, enclosing_function, walk

CODE = "CJ603"
NAME = "mutable-default-argument"
NODE_TYPES = ("default_parameter", "typed_default_parameter")
_MUTATORS = {
    b"append",
    b"extend",
    b"insert",
    b"add",
    b"update",
    b"pop",
    b"remove",
    b"clear",
    b"setdefault",
    b"sort",
    b"reverse",
    b"discard",
    b"popitem",
}


def _mutated(func: Any, name: bytes) -> bool:
    """Does ``func`` change the object bound to ``name`` in place?"""
    for n in walk(func.child_by_field_name("body")):
        if n.type == "attribute" and n.child_by_field_name("object").text == name:
            if n.child_by_field_name("attribute").text in _MUTATORS and n.parent.type == "call":
                return True
        elif n.type == "augmented_assignment" and n.child_by_field_name("left").text == name:
            return True
        elif n.type == "subscript" and n.child_by_field_name("value").text == name:
            p = n.parent
            if p.type in ("assignment", "augmented_assignment") and p.child_by_field_name("left") == n:
                return True
            if p.type == "delete_statement":
                return True
    return False


def _memo_lookup(func: Any, name: bytes) -> bool:
    """``if key in memo: return memo[key]``: a dict shared between calls on purpose (memoisation)."""
    for n in walk(func.child_by_field_name("body")):
        if n.type != "if_statement":
            continue
        cond = n.child_by_field_name("condition")
        if (
            cond.type != "comparison_operator"
            or b"in" not in [c.type.encode() for c in cond.children]
            or cond.named_children[-1].text != name
        ):
            continue
        body = n.child_by_field_name("consequence")
        if any(r.type == "return_statement" and name + b"[" in r.text for r in [body, *walk(body)]):
            return True
    return False


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    value = node.child_by_field_name("value")
    if value is None:
        return
    mutable = value.type in ("list", "dictionary", "set") or (
        value.type == "call" and call_name(value) in ("list", "dict", "set") and not args(value)
    )
    func = enclosing_function(node)
    pname = node.child_by_field_name("name")
    if (
        mutable
        and func is not None
        and pname is not None
        and pname.text is not None
        and _mutated(func, pname.text)
        and not _memo_lookup(func, pname.text)
    ):
        yield value, f"mutable default `{ctx.text(value)}` is shared between calls; default to None"
