"""What tree-sitter tells the extractor about a piece of code, in each of the six languages.

Only facts the extractor needs: how much of the text does not parse, which
top-level items it defines (functions, classes, methods inside classes or
impls), whether it has a ``main``, which names it uses.

>>> o = outline("def f(x):\\n    return g(x)\\n", "python")
>>> [d.name for d in o.defs], o.error_ratio, "g" in o.names_used
(['f'], 0.0, True)
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from codejudge.languages import GRAMMARS

# Node types that define a name, per language. Containers (classes, impls,
# namespaces) are walked into so a Java method or a Rust impl method is found.
_DEF_TYPES: dict[str, set[str]] = {
    "python": {"function_definition", "class_definition", "assignment"},
    "js": {
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "variable_declarator",
        "method_definition",
    },
    "cpp": {"function_definition", "class_specifier", "struct_specifier"},
    "java": {
        "method_declaration",
        "class_declaration",
        "interface_declaration",
        "record_declaration",
        "enum_declaration",
        "constructor_declaration",
    },
    "go": {"function_declaration", "method_declaration", "type_spec"},
    "rust": {"function_item", "struct_item", "enum_item", "trait_item", "mod_item", "impl_item"},
}
_CONTAINERS = {
    "class_definition",
    "decorated_definition",
    "block",
    "class_declaration",
    "class_body",
    "class_specifier",
    "struct_specifier",
    "field_declaration_list",
    "namespace_definition",
    "declaration_list",
    "template_declaration",
    "impl_item",
    "export_statement",
    "lexical_declaration",
    "variable_declaration",
    "type_declaration",
    "mod_item",
    "interface_declaration",
    "interface_body",
    "linkage_specification",
    "expression_statement",
    "assignment",
}
_IDENTIFIERS = {
    "identifier",
    "type_identifier",
    "field_identifier",
    "property_identifier",
    "namespace_identifier",
    "shorthand_property_identifier",
}


@functools.cache
def parser_for(language: str) -> Any:
    """A cached ``tree_sitter.Parser`` for a canonical language name."""
    import tree_sitter

    grammar = importlib.import_module(GRAMMARS[language])
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


@dataclass
class Definition:
    """A named item: ``kind`` is the node type, ``top`` the top-level node holding it."""

    name: str
    kind: str
    start: int  # byte offsets of ``top`` in the parsed text
    end: int
    depth: int  # 0 for top-level items, 1+ inside classes/impls/namespaces


@dataclass
class Outline:
    """Facts about one piece of code in one language."""

    language: str
    error_ratio: float  # share of non-blank bytes inside ERROR nodes (+ a charge per MISSING node)
    defs: list[Definition] = field(default_factory=list)
    names_used: set[str] = field(default_factory=set)
    top_types: list[str] = field(default_factory=list)

    def defines(self, name: str | None) -> bool:
        return bool(name) and any(d.name == name for d in self.defs)

    @property
    def has_main(self) -> bool:
        return any(d.name == "main" and d.kind in _FUNCTION_KINDS for d in self.defs)


_FUNCTION_KINDS = {"function_definition", "function_declaration", "method_declaration", "function_item"}


def parse(code: str, language: str) -> Any:
    return parser_for(language).parse(code.encode("utf-8"))


def text(node: Any) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


def _walk(node: Any) -> Iterator[Any]:
    cursor = node.walk()
    while True:
        yield cursor.node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def _cpp_name(declarator: Any) -> str | None:
    """The identifier a C++ declarator names, through pointers, references and qualifiers."""
    node = declarator
    for _ in range(8):
        if node is None:
            return None
        if node.type in ("identifier", "field_identifier", "operator_name", "destructor_name"):
            return text(node)
        if node.type == "qualified_identifier":
            node = node.child_by_field_name("name")
            continue
        node = node.child_by_field_name("declarator")
    return None


def _def_name(node: Any, language: str) -> str | None:
    if language == "cpp" and node.type == "function_definition":
        return _cpp_name(node.child_by_field_name("declarator"))
    if node.type == "impl_item":
        return None  # a container, named by its type; its functions are the definitions
    if node.type == "assignment":  # Python ``f = lambda ...`` or a module constant
        left = node.child_by_field_name("left")
        return text(left) if left is not None and left.type == "identifier" else None
    name = node.child_by_field_name("name")
    if name is not None:
        return text(name)
    return None


def definitions(root: Any, language: str) -> list[Definition]:
    """Named items at top level and inside containers (class bodies, impls, namespaces)."""
    kinds = _DEF_TYPES[language]
    out: list[Definition] = []

    def visit(node: Any, top: Any, depth: int) -> None:
        for child in node.named_children:
            t = top or child
            if child.type in kinds:
                name = _def_name(child, language)
                if name and not (
                    child.type == "variable_declarator" and not _js_binds_function_or_value(child)
                ):
                    out.append(Definition(name, child.type, t.start_byte, t.end_byte, depth))
            if child.type in _CONTAINERS or child.type in kinds and child.type not in _FUNCTION_BODY_OWNERS:
                visit(child, t, depth + (child.type in kinds))

    visit(root, None, 0)
    return out


# Definitions whose bodies hold locals, not definitions worth reporting.
_FUNCTION_BODY_OWNERS = {
    "function_definition",
    "function_declaration",
    "method_declaration",
    "function_item",
    "generator_function_declaration",
    "method_definition",
    "variable_declarator",
    "constructor_declaration",
}


def _js_binds_function_or_value(node: Any) -> bool:
    return node.child_by_field_name("value") is not None


def error_ratio(root: Any, data: bytes) -> float:
    """Share of the non-blank bytes that sit in ERROR nodes; each MISSING node counts 8 bytes."""
    solid = sum(1 for b in data if b not in b" \t\r\n")
    if not solid:
        return 1.0
    if not root.has_error:
        return 0.0
    bad = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if not node.has_error and not node.is_missing:
            continue
        if node.type == "ERROR":
            bad += sum(1 for b in data[node.start_byte : node.end_byte] if b not in b" \t\r\n")
            continue
        if node.is_missing:
            bad += 8
            continue
        stack.extend(node.children)
    return min(1.0, bad / solid)


def outline(code: str, language: str) -> Outline:
    """Parse ``code`` and summarize it (see ``Outline``)."""
    data = code.encode("utf-8")
    tree = parser_for(language).parse(data)
    root = tree.root_node
    used = {text(n) for n in _walk(root) if n.type in _IDENTIFIERS}
    return Outline(
        language,
        round(error_ratio(root, data), 4),
        definitions(root, language),
        used,
        [c.type for c in root.named_children],
    )
