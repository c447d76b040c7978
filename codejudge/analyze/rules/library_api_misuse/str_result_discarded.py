"""str-result-discarded (CJ602)

What it does:
    Flags a call to a string method that returns a new string (``replace``, ``strip``,
    ``lower``, ``upper``, ...) or to ``sorted``/``reversed`` used as a bare statement.

Why is this bad?
    Strings are immutable and ``sorted`` returns a copy: the call changes nothing, and the
    code goes on with the unmodified value.

Example:
    s.replace(" ", "")
    return s

Use instead:
    s = s.replace(" ", "")
    return s
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.analyze.rules._util import call_name

CODE = "CJ602"
NAME = "str-result-discarded"
NODE_TYPES = ("expression_statement",)
_PURE = {
    ".replace",
    ".strip",
    ".lstrip",
    ".rstrip",
    ".lower",
    ".upper",
    ".capitalize",
    ".title",
    ".swapcase",
    ".casefold",
    ".removeprefix",
    ".removesuffix",
    ".zfill",
    ".center",
    ".ljust",
    ".rjust",
    ".expandtabs",
    "sorted",
    "reversed",
}


def check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]:
    if node.named_child_count != 1:
        return
    call = node.named_children[0]
    if call.type == "call" and call_name(call) in _PURE:
        name = call_name(call).lstrip(".")
        yield call, f"`{name}()` returns a new value that is discarded here; assign it"
