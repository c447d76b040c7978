"""tree-sitter parsing per language, and the per-file context rules read.

One pass over the tree groups nodes by type, so every rule only visits the node
types it asked for and a file is walked once however many rules run.

>>> ctx = parse("x = [1]\\nx.sort()\\n")
>>> [n.type for n in ctx.nodes["call"]]
['call']
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import Any

from codejudge.errors import UnknownNameError
from codejudge.languages import canonical_language
from codejudge.types import Location

# language name -> module of the tree-sitter grammar wheel
GRAMMARS: dict[str, str] = {
    "python": "tree_sitter_python",
    "javascript": "tree_sitter_javascript",
}

# File suffix -> language, for walking directories.
SUFFIXES: dict[str, str] = {".py": "python", ".js": "javascript", ".mjs": "javascript"}


@functools.cache
def get_parser(language: str) -> Any:
    """A cached ``tree_sitter.Parser`` for ``language``."""
    if language not in GRAMMARS:
        raise UnknownNameError("language", language, GRAMMARS)
    from codejudge.extract.syntax import parser_for  # one parser cache for the analyzer and the extractor

    return parser_for(canonical_language(language))


@dataclass
class Context:
    """A parsed file: source, tree and its nodes grouped by type."""

    source: str
    path: str
    language: str
    data: bytes
    tree: Any
    nodes: dict[str, list[Any]] = field(default_factory=dict)

    def inside(self, node: Any, node_type: str) -> list[Any]:
        """Nodes of ``node_type`` within ``node`` (itself excluded), in document order.

        Faster than walking the subtree: the per-type lists are already in pre-order,
        so their start bytes are sorted and a bisect finds the range.
        """
        nodes = self.nodes.get(node_type)
        if not nodes:
            return []
        starts = self._starts.get(node_type)
        if starts is None:
            starts = self._starts[node_type] = [n.start_byte for n in nodes]
        lo = bisect.bisect_left(starts, node.start_byte)
        hi = bisect.bisect_left(starts, node.end_byte, lo)
        return [n for n in nodes[lo:hi] if n.end_byte <= node.end_byte and n != node]

    def text(self, node: Any) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def location(self, node: Any) -> Location:
        (r0, c0), (r1, c1) = node.start_point, node.end_point
        return Location(self.path, r0 + 1, self._col(r0, c0) + 1, r1 + 1, self._col(r1, c1) + 1)

    def _col(self, row: int, byte_col: int) -> int:
        """tree-sitter columns are UTF-8 bytes; Finding columns are code points."""
        if self._ascii:
            return byte_col
        line = self._lines[row] if row < len(self._lines) else b""
        return len(line[:byte_col].decode("utf-8", "replace"))

    def __post_init__(self) -> None:
        self._ascii = len(self.data) == len(self.source)
        self._starts: dict[str, list[int]] = {}
        self._lines = self.data.split(b"\n") if not self._ascii else []


def parse(source: str, path: str = "<string>", language: str = "python") -> Context:
    """Parse ``source`` and group every node by its type in one cursor walk."""
    data = source.encode("utf-8")
    tree = get_parser(language).parse(data)
    ctx = Context(source, path, language, data, tree)
    nodes = ctx.nodes
    cursor = tree.walk()
    while True:
        node = cursor.node
        nodes.setdefault(node.type, []).append(node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return ctx


# Python-2 statements tree-sitter-python still accepts but CPython 3 rejects.
_PY2_ONLY = ("print_statement", "exec_statement")


def first_syntax_error(ctx: Context) -> Any | None:
    """The first ERROR or MISSING node (or Python-2-only statement), else None."""
    bad = [
        n for t in ("ERROR", *(_PY2_ONLY if ctx.language == "python" else ())) for n in ctx.nodes.get(t, ())
    ]
    if ctx.tree.root_node.has_error:
        bad += [n for ns in ctx.nodes.values() for n in ns if n.is_missing]
        if not bad:  # has_error without an ERROR node: find it by descending
            node = ctx.tree.root_node
            while True:
                kids = [c for c in node.children if c.has_error]
                if not kids:
                    break
                node = kids[0]
            bad.append(node)
    return min(bad, key=lambda n: n.start_byte) if bad else None
