"""Language names as users write them, mapped to codejudge's six canonical names.

One place for the mapping, low in the layering (it imports nothing of codejudge
but ``errors``), so the sandbox, the loaders, the extractor and the judge all
agree on what ``"JavaScript"``, ``"node"`` or ``"c++"`` means.

>>> canonical_language("JavaScript"), canonical_language("c++"), canonical_language("golang")
('js', 'cpp', 'go')
>>> canonical_language("cobol")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
codejudge.errors.UnknownNameError: Unknown language 'cobol'. Available: python, js, cpp, java, go, rust, ...
>>> language_or_none("cobol") is None
True
"""

from __future__ import annotations

from codejudge.errors import UnknownNameError

# The canonical names (HumanEvalPack's file names use the same ones).
LANGUAGES: tuple[str, ...] = ("python", "js", "cpp", "java", "go", "rust")

# Every spelling we accept, lower case, without surrounding blanks. Markdown
# fence tags go through the same table (``python3``, ``c++``, ``rs``...).
ALIASES: dict[str, str] = {
    **dict.fromkeys(("python", "py", "python3", "py3", "python2", "cpython", "ipython", "pycon"), "python"),
    **dict.fromkeys(
        ("js", "javascript", "node", "nodejs", "node.js", "ecmascript", "es6", "mjs", "cjs", "jsx"), "js"
    ),
    **dict.fromkeys(
        (
            "cpp",
            "c++",
            "cxx",
            "cc",
            "hpp",
            "h++",
            "cplusplus",
            "c++11",
            "c++14",
            "c++17",
            "c++20",
            "g++",
            "gcc++",
        ),
        "cpp",
    ),
    **dict.fromkeys(("java", "jdk", "java8", "java11", "java17"), "java"),
    **dict.fromkeys(("go", "golang"), "go"),
    **dict.fromkeys(("rust", "rs", "rustc", "rustlang"), "rust"),
}

# File suffix -> canonical language.
SUFFIXES: dict[str, str] = {
    ".py": "python",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".cpp": "cpp",
    ".cc": "cpp",
    ".cxx": "cpp",
    ".hpp": "cpp",
    ".java": "java",
    ".go": "go",
    ".rs": "rust",
}

# Canonical language -> module of its tree-sitter grammar wheel (all are dependencies).
GRAMMARS: dict[str, str] = {
    "python": "tree_sitter_python",
    "js": "tree_sitter_javascript",
    "cpp": "tree_sitter_cpp",
    "java": "tree_sitter_java",
    "go": "tree_sitter_go",
    "rust": "tree_sitter_rust",
}


def _key(name: str) -> str:
    return name.strip().lower()


def language_or_none(name: str | None) -> str | None:
    """The canonical name for ``name``, or None when it is not a language codejudge knows.

    >>> language_or_none("Python3"), language_or_none("RS"), language_or_none("")
    ('python', 'rust', None)
    """
    if not name:
        return None
    return ALIASES.get(_key(name))


def canonical_language(name: str) -> str:
    """The canonical name for ``name``; raises ``UnknownNameError`` (a ``ConfigError``) if unknown.

    >>> canonical_language(" CPP ")
    'cpp'
    """
    lang = language_or_none(name)
    if lang is None:
        raise UnknownNameError(
            "language",
            str(name),
            ALIASES,
            listed=[*LANGUAGES, "(or an alias: javascript, node, c++, golang, rs, ...)"],
        )
    return lang


def is_language(name: str | None) -> bool:
    """Whether ``name`` is a spelling of one of the six languages."""
    return language_or_none(name) is not None
