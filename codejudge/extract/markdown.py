"""Split a chat answer into fenced blocks and the code runs hidden in its prose.

Two steps. ``split_fences`` finds fenced blocks (closed or not, indented inside
list items or not). ``code_runs`` finds code in text without fences: each line
is classed as code, prose, comment or blank by cheap, language-aware clues
(brackets still open, Python indentation under a ``def``, an open docstring or
block comment, markdown bullets and headings, English sentences), maximal runs
of code lines are kept, and tree-sitter then trims lines at a run's edges that
do not parse. The clues only propose; the parse decides.

>>> [(s.kind, s.tag) for s in split_fences("Hi\\n```py\\nx = 1\\n```\\nBye")]
[('text', ''), ('fenced', 'py'), ('text', '')]
>>> [r.text for r in code_runs("Here is the code:\\n\\ndef f(x):\\n    return x + 1\\n\\nIt adds one.", "python")]
['def f(x):\\n    return x + 1\\n']
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from codejudge.extract import syntax

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")


@dataclass
class Segment:
    """A piece of the answer: ``kind`` "fenced" (``tag`` = first word of the info string) or "text"."""

    kind: str
    tag: str
    text: str
    start_line: int  # 1-based line of the first body line
    closed: bool = True


def split_fences(markdown: str) -> list[Segment]:
    """The answer as alternating text and fenced segments, in order (empty text segments dropped)."""
    lines = markdown.splitlines()
    out: list[Segment] = []
    prose: list[str] = []
    prose_start = 1
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            prose.append(lines[i])
            i += 1
            continue
        if prose:
            out.append(Segment("text", "", "\n".join(prose) + "\n", prose_start))
            prose = []
        fence, indent = m.group("fence"), len(m.group("indent").expandtabs())
        tag = (m.group("info").strip().split() or [""])[0].lower().strip("{}.")
        body: list[str] = []
        j = i + 1
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        while j < len(lines) and not close.match(lines[j]):
            body.append(lines[j])
            j += 1
        text = "\n".join(body) + ("\n" if body else "")
        if indent:  # a fence inside a list item: its body carries the item's indentation
            text = textwrap.dedent(text)
        out.append(Segment("fenced", tag, text, i + 2, closed=j < len(lines)))
        i = j + 1
        prose_start = i + 1
    if prose:
        out.append(Segment("text", "", "\n".join(prose) + "\n", prose_start))
    return [s for s in out if s.kind == "fenced" or s.text.strip()]


# ----------------------------------------------------------------- line clues
_BULLET = re.compile(r"^([-*+•]|\d{1,2}[.)])\s+\S")
_HEADING = re.compile(r"^#{1,6}\s+\S")
_CPP_DIRECTIVE = re.compile(
    r"^#\s*(include|define|undef|if|ifdef|ifndef|elif|else|endif|pragma|error|line)\b"
)
_LABEL = re.compile(
    r"^\**[A-Z][A-Za-z' ]{0,40}\**:\**(\s|$)"
)  # "Explanation:", "**Output:** 3", "Time complexity: O(n)"
_WORD = re.compile(r"[A-Za-z][a-z']+")
_SYMBOLS = set("{}[]();=<>+-*/%&|^!~:.,\"'")

_KEYWORDS: dict[str, frozenset[str]] = {
    "python": frozenset(
        "def class import from return if elif else for while try except finally with async await "
        "yield raise pass break continue lambda assert global nonlocal del print".split()
    ),
    "js": frozenset(
        "function const let var return if else for while do switch case break continue class "
        "import export try catch finally throw new async await module require console".split()
    ),
    "cpp": frozenset(
        "int long short unsigned signed bool char float double void auto const static return if "
        "else for while do switch case break continue class struct template typename using "
        "namespace string vector map set pair std unordered_map unordered_set".split()
    ),
    "java": frozenset(
        "public private protected static final class interface import package return if else "
        "for while do switch case break continue new try catch finally throw throws int long "
        "boolean char double float void String List Map Set var".split()
    ),
    "go": frozenset(
        "package import func return if else for switch case break continue var const type "
        "struct map range go defer select default".split()
    ),
    "rust": frozenset(
        "fn let mut use pub impl struct enum trait mod return if else for while loop match "
        "break continue const static where unsafe extern crate".split()
    ),
}


def _strip_strings(line: str) -> str:
    """The line without string/char literals and line comments (rough, for bracket counting)."""
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(?:\\.|[^'\\])'", "''", line)
    line = re.sub(r"//.*$", "", line)
    return line


def _looks_like_prose(s: str, language: str) -> bool:
    """Whether a stripped line reads as English or markdown rather than code."""
    if _BULLET.match(s) and not s.startswith(("--", "++", "*/")) and not re.match(r"^\*\w", s):
        return True
    if s.startswith("|") and s.endswith("|"):
        return True
    if s.startswith(">") and not s.startswith(">>>"):
        return True
    if s.startswith(">>>") or s.startswith("$ "):
        return True  # an interactive session or a shell line: an example, never the solution
    if s.startswith("#"):
        if language == "python":
            return False  # a comment (a markdown heading reads the same and is harmless)
        return not (language == "cpp" and _CPP_DIRECTIVE.match(s)) and not (
            language == "rust" and s.startswith("#[")
        )
    first = re.match(r"[A-Za-z_]\w*", s)
    keyword_start = first is not None and first.group(0) in _KEYWORDS[language]
    words = _WORD.findall(s)
    symbols = sum(ch in _SYMBOLS for ch in s)
    if (
        _LABEL.match(s)
        and not (language == "python" and s.rstrip().endswith(":") and keyword_start)
        and not s.rstrip().endswith((",", "{", ";"))
    ):
        return True
    if "`" in s or "**" in s:
        return True  # inline code and bold are markdown
    ends_sentence = re.search(r"[A-Za-z0-9)`'\"][.!?]$", s) is not None and not s.endswith("...")
    if keyword_start:
        # "return a + b", "for i in range(n):" are code; "for each number we check it." is not.
        return ends_sentence and len(words) >= 5 and symbols <= 2 and not s.endswith(";")
    if ends_sentence and len(words) >= 2 and not re.search(r"[;{}=]", s):
        return True
    if len(words) >= 4 and symbols <= max(1, len(words) // 4) and not s.endswith((";", "{", "}", ",", ")")):
        return True
    if s.endswith(":") and language != "python" and len(words) >= 1 and symbols <= 2:
        return True
    if s.endswith(":") and language == "python" and not keyword_start and not re.search(r"[(\[{=]", s):
        return True  # "Example usage:", "Output:"
    return False


_HEADER = re.compile(
    r"^\s*(async\s+)?(def|class|fn|func|function|pub|impl|struct|enum|trait|public|private|"
    r"protected|static|template|package|import|from|use|#\s*include|using)\b"
)


@dataclass
class Run:
    """A run of lines that look like code, with its 1-based first line."""

    text: str
    start_line: int
    error_ratio: float = 0.0


def classify_lines(text: str, language: str) -> list[str]:
    """One of "code", "prose", "comment", "blank" per line (the clue pass of ``code_runs``)."""
    kinds: list[str] = []
    depth = 0  # open (, [, { carried from earlier code lines
    in_block_comment = False
    in_docstring: str | None = None
    py_block_indent: int | None = None  # indentation of the last Python block header in the run
    last = "blank"
    for raw in text.splitlines():
        s = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if in_docstring:
            kinds.append("code")
            if s.count(in_docstring) % 2 == 1:
                in_docstring = None
            continue
        if in_block_comment:
            kinds.append("comment")
            in_block_comment = "*/" not in s
            continue
        if not s:
            kinds.append("blank")
            continue
        if depth > 0 and last in ("code", "comment", "blank"):
            kind = "code"
        elif (
            language == "python"
            and py_block_indent is not None
            and indent > py_block_indent
            and last in ("code", "comment", "blank")
        ):
            kind = "code"
        elif (
            s.startswith(("//", "/*"))
            and language != "python"
            or (s.startswith("#") and language == "python")
        ):
            kind = "comment"
        elif _looks_like_prose(s, language):
            kind = "prose"
        else:
            kind = "code"
        if kind == "code" and language != "python" and s.startswith("/*") and "*/" not in s:
            in_block_comment = True
        if kind == "comment" and s.startswith("/*") and "*/" not in s:
            in_block_comment = True
        if kind == "code":
            bare = _strip_strings(s) if language != "python" else re.sub(r"#.*$", "", _strip_strings(s))
            depth = max(0, depth + sum(bare.count(c) for c in "([{") - sum(bare.count(c) for c in ")]}"))
            if language == "python":
                for q in ('"""', "'''"):
                    if s.count(q) % 2 == 1:
                        in_docstring = q
                        break
                if bare.rstrip().endswith(":") and (
                    py_block_indent is None or indent <= py_block_indent or indent == 0
                ):
                    py_block_indent = indent
                elif (
                    py_block_indent is not None
                    and indent <= py_block_indent
                    and not s.startswith(("else", "elif", "except", "finally", ")", "]", "}"))
                ):
                    py_block_indent = indent if bare.rstrip().endswith(":") else None
        elif kind == "prose":
            depth, py_block_indent = 0, None
        kinds.append(kind)
        if kind != "blank":
            last = kind
    return kinds


def code_runs(text: str, language: str, *, trim: bool = True) -> list[Run]:
    """Maximal runs of code lines in ``text``, each trimmed at its edges until it parses (see module doc)."""
    lines = text.splitlines()
    kinds = classify_lines(text, language)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if kinds[i] != "code":
            i += 1
            continue
        start = i
        while start > 0 and kinds[start - 1] == "comment":  # a comment just above belongs to the code
            start -= 1
        end = i
        j = i
        while j < len(lines) and kinds[j] in ("code", "comment", "blank"):
            if kinds[j] == "code":
                end = j
            j += 1
        runs.append((start, end))
        i = j
    out = []
    for start, end in runs:
        run = _trimmed(lines, start, end, language) if trim else Run(_join(lines[start : end + 1]), start + 1)
        if run is not None:
            out.append(run)
    return out


def _join(lines: list[str]) -> str:
    body = "\n".join(lines).rstrip() + "\n"
    return textwrap.dedent(body)


def _trimmed(lines: list[str], start: int, end: int, language: str) -> Run | None:
    """Drop edge lines holding parse errors (prose the clues let through); None if nothing parses."""
    for _ in range(12):
        if start > end:
            return None
        body = _join(lines[start : end + 1])
        tree = syntax.parse(body, language)
        ratio = syntax.error_ratio(tree.root_node, body.encode("utf-8"))
        if ratio == 0.0:
            return Run(body, start + 1, 0.0)
        first, last = _error_lines(tree.root_node)
        span = end - start
        # A definition header is never trimmed: "def f(x)" without its colon is code with a real error.
        if first is not None and first <= min(1, span) and _HEADER.match(lines[start + first]):
            return Run(body, start + 1, round(ratio, 4))  # the error is in a definition: real code
        if first is not None and first <= min(1, span):
            start += 1
            while start <= end and not lines[start].strip():
                start += 1
        elif last is not None and last >= span - 1 and span > 0 and not _HEADER.match(lines[end]):
            end -= 1
            while end >= start and not lines[end].strip():
                end -= 1
        else:
            return Run(body, start + 1, round(ratio, 4))  # an error inside: real code with a real error
    body = _join(lines[start : end + 1]) if start <= end else ""
    return Run(body, start + 1, 1.0) if body.strip() else None


def _error_lines(root: object) -> tuple[int | None, int | None]:
    """First and last line (0-based, relative to the run) of ERROR/MISSING nodes."""
    rows: list[int] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if not node.has_error and not node.is_missing:  # type: ignore[attr-defined]
            continue
        if node.type == "ERROR" or node.is_missing:  # type: ignore[attr-defined]
            rows += [node.start_point[0], node.end_point[0]]  # type: ignore[attr-defined]
            continue
        stack.extend(node.children)  # type: ignore[attr-defined]
    return (min(rows), max(rows)) if rows else (None, None)
