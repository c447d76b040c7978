"""Pull the code out of a model's markdown answer.

Judges see responses like "Here is the fix:\\n```python\\n...\\n```\\nIt works
because...". Only the code goes to the sandbox.

>>> extract_code("Sure!\\n```python\\ndef f(x):\\n    return x\\n```\\nDone.")
'def f(x):\\n    return x\\n'
>>> extract_code("def f(x):\\n    return x\\n")
'def f(x):\\n    return x\\n'
"""

from __future__ import annotations

import re

# A fenced block: ``` or ~~~ (3+), optional info string, body, matching close.
_FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.DOTALL | re.MULTILINE,
)

# Info strings that name each language (lower case, first word of the info string).
_ALIASES: dict[str, set[str]] = {
    "python": {"python", "py", "python3", "py3"},
    "js": {"javascript", "js", "node", "nodejs"},
    "java": {"java"},
    "go": {"go", "golang"},
    "cpp": {"cpp", "c++", "cc", "cxx"},
    "rust": {"rust", "rs"},
}


def code_blocks(markdown: str) -> list[tuple[str, str]]:
    """All fenced blocks as ``(language_tag, body)``, in order.

    >>> code_blocks("```py\\nx = 1\\n```\\ntext\\n```\\ny\\n```")
    [('py', 'x = 1\\n'), ('', 'y\\n')]
    """
    return [
        ((m.group("info").strip().split() or [""])[0].lower(), m.group("body"))
        for m in _FENCE.finditer(markdown)
    ]


def extract_code(markdown: str, language: str = "python", entry_point: str | None = None) -> str:
    """The code in ``markdown``: the best fenced block, or the text itself if none.

    Choice among several blocks: blocks tagged with another language are dropped;
    a block that defines ``entry_point`` wins; otherwise blocks tagged with the
    language win over untagged ones, then the longest. Text without fences is
    returned as is (models often answer with bare code).
    """
    blocks = code_blocks(markdown)
    if not blocks:
        return markdown
    own = _ALIASES.get(language, {language})
    usable = [(tag, body) for tag, body in blocks if not tag or tag in own]
    if not usable:  # every block tagged with something else: still better than prose
        usable = blocks
    if entry_point:
        defining = [b for b in usable if _defines(b[1], entry_point)]
        if defining:
            usable = defining
    return max(usable, key=lambda b: (b[0] in own, len(b[1])))[1]


def _defines(code: str, name: str) -> bool:
    """Whether ``code`` plausibly defines ``name`` (function, class or JS/Rust/Go binding)."""
    n = re.escape(name)
    keyword = rf"\b(def|class|function|fn|func|const|let|var)\s+{n}\b"
    typed = rf"\w[\w<>\[\],\s*&:]*\s+{n}\s*\([^)]*\)\s*(->[^{{]*)?\{{"  # C++/Java/Rust style
    return re.search(keyword, code) is not None or re.search(typed, code) is not None
