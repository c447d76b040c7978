"""unused-variable (CJ203)

What it does:
    Flags a local variable of a function that is assigned with ``name = value`` but never
    read anywhere in the function.

Why is this bad?
    The computation is wasted, and often it was meant to be used: the function returns
    or tests a different variable than the one it computed.

Example:
    def average(xs):
        avg = sum(xs) / len(xs)
        return sum(xs) // len(xs)

Use instead:
    def average(xs):
        avg = sum(xs) / len(xs)
        return avg
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import enclosing_function

CODE = "CJ203"
NAME = "unused-variable"
NODE_TYPES = ("function_definition",)
# A real finding, but not why code fails: on the LLM solutions of evalplus_samples it fires as
# often on passing ones (5 of 512) as on failing ones (3 of 471), so as a tag for a failure it
# stays under the default threshold of the tags consumers use; `codejudge analyze` still lists it.
CONFIDENCE = 0.3
_DYNAMIC = {"locals", "vars", "eval", "exec"}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    body = node.child_by_field_name("body")
    if ctx.inside(body, "global_statement") or ctx.inside(body, "nonlocal_statement"):
        return
    assigned: dict[str, Any] = {}
    reads: set[str] = set()
    for n in ctx.inside(body, "identifier"):
        name = n.text.decode()
        if name in _DYNAMIC:
            return
        parent = n.parent
        if (
            parent.type == "assignment"
            and parent.child_by_field_name("left") == n
            and _same(enclosing_function(n), node)
            and parent.parent is not None
            and parent.parent.type == "expression_statement"
            and parent.child_by_field_name("right") is not None
        ):
            assigned.setdefault(name, n)
        else:
            reads.add(name)
    for name, first in assigned.items():
        if name not in reads and not name.startswith("_"):
            yield first, f"local variable `{name}` is assigned but never used"


def _same(a: Any, b: Any) -> bool:
    """A nested function's locals belong to its own check (reported once, by the inner definition);
    reads inside it still count for the outer function (closures)."""
    return a is not None and (a.start_byte, a.end_byte) == (b.start_byte, b.end_byte)
