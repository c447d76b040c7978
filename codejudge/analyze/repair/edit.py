"""The unit of repair: a small source edit, and the failure facts that steer edit generation.

An ``Edit`` replaces one or more byte ranges of the source (a Yes/No rendering fix
rewrites every ``True``/``False`` of a function at once, but most edits touch one
token). ``cost`` ranks repairs: the smallest repair that makes the tests pass names
the mistake, so a one-token operator flip (cost 1) beats moving a statement (cost 2)
or deleting one (cost 3).

>>> e = Edit(((6, 7, "<="),), "flip `<` to `<=`", 1, "conditional_error", 1)
>>> e.apply(b"a = b < c")
'a = b <= c'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Change = tuple[int, int, str]  # start byte, end byte, replacement
_TOKEN = re.compile(r"\w+|[^\w\s]+")


@dataclass(frozen=True)
class Edit:
    changes: tuple[Change, ...]
    description: str
    cost: int
    category: str
    line: int = 0  # 1-based line of the first change
    tokens: int | None = None  # the edit's size when it is not its token count (a shift by one is one)
    hinted: bool = (
        False  # built from the failing tests' values (a guard, a rendering, an import): tried first
    )
    categories: tuple[str, ...] = ()  # every category the edit touches, when more than ``category``
    pair: bool = False  # two family edits together (``search.pair_candidates``)
    # the edit gives an operation that does nothing as written (``i * 1``, ``x ** 1``, ``n + 0``) an
    # effect: nobody writes those on purpose, so the operator is the slip and this edit wins a tie
    decisive: bool = False

    def size(self, data: bytes) -> int:
        """Tokens replaced, removed or added: ranks repairs of one cost (``*`` -> ``+`` is smaller
        than wrapping ``i * 1`` in ``(i * 1) + 1``)."""
        if self.tokens is not None:
            return self.tokens
        n = 0
        for start, end, new in self.changes:
            old = _TOKEN.findall(data[start:end].decode("utf-8", "replace"))
            add = _TOKEN.findall(new)
            common = sum(1 for a, b in zip(old, add) if a == b)
            n += max(len(old), len(add)) - common
        return n

    def apply(self, data: bytes) -> str:
        out = data
        for start, end, new in sorted(self.changes, reverse=True):
            out = out[:start] + new.encode() + out[end:]
        return out.decode("utf-8", "replace")


@dataclass
class Hints:
    """What the failing run showed, for edits that need it (all optional).

    ``expected``/``actual``: decoded values of failing tests; ``exceptions``: their
    ``"Type: message"`` texts; ``lines``: source lines the failures point at;
    ``edge_inputs``: decoded argument lists of failing tests whose inputs are at the
    edge of their domain (empty, zero, None), for guard insertion.
    """

    expected: list[Any] = field(default_factory=list)
    actual: list[Any] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    edge_inputs: list[tuple[list[Any], Any]] = field(default_factory=list)  # (args, expected)


def one(node: Any, new: str, description: str, cost: int, category: str) -> Edit:
    """An edit replacing one tree-sitter node's text."""
    return Edit(
        ((node.start_byte, node.end_byte, new),), description, cost, category, node.start_point[0] + 1
    )


def at(
    start: int,
    end: int,
    line: int,
    new: str,
    description: str,
    cost: int,
    category: str,
    hinted: bool = False,
) -> Edit:
    return Edit(((start, end, new),), description, cost, category, line, hinted=hinted)


def line_start(data: bytes, byte: int) -> int:
    return data.rfind(b"\n", 0, byte) + 1


def indent_of(data: bytes, node: Any) -> str:
    start = line_start(data, node.start_byte)
    return data[start : node.start_byte].decode("utf-8", "replace")


def statement_span(data: bytes, stmt: Any) -> tuple[int, int]:
    """Byte range of a whole statement with its line: from the line start through its newline."""
    start = line_start(data, stmt.start_byte)
    end = data.find(b"\n", stmt.end_byte)
    return start, (len(data) if end < 0 else end + 1)


def own_line(data: bytes, stmt: Any) -> bool:
    """The statement starts its line (not ``if c: x += 1`` on one line)."""
    return not data[line_start(data, stmt.start_byte) : stmt.start_byte].strip()


def param_names(ctx: Any, fn: Any) -> list[str]:
    """A function's parameter names: ``xs``, ``xs: list[int]``, ``xs=None``, ``xs: int = 0`` -> ``xs``
    (``*args``/``**kw`` and ``self`` left out)."""
    out = []
    for p in fn.child_by_field_name("parameters").named_children:
        first = (
            p
            if p.type == "identifier"
            else (p.child_by_field_name("name") or (p.named_children[0] if p.named_children else None))
        )
        if first is not None and first.type == "identifier" and ctx.text(first) != "self":
            out.append(ctx.text(first))
    return out
