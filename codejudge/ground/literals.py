"""Examples written in another language's syntax, rewritten as Python literals for the miner.

HumanEvalPack-style instructions in JavaScript, C++, Java, Go and Rust show their
examples as ``>>> f({1, 2})`` (C++ initializer lists), ``f(Arrays.asList(1, 2)) == 3``
(Java), ``F([]int{1, 2})`` (Go), ``f(vec![1, 2])`` (Rust), with ``true``/``null``/
``nil``. ``to_python`` rewrites only those spellings of *values*, outside string
literals and without changing the line structure, so ``codejudge.ground.mine`` (which
parses with ``ast.literal_eval`` only) reads them as it reads Python's. Nothing is
evaluated; what still does not parse is reported by the miner as unparseable.

>>> to_python('>>> f({1, 2}, "a{b}")\\ntrue', "cpp")
'>>> f([1, 2], "a{b}")\\nTrue'
>>> to_python("g(Arrays.asList(1L, 2L)).equals(Optional.of(3))", "java")
'g([1, 2]) == ((3))'
>>> to_python('F([]int{1, 2}, map[string]int{"a": 1}) == nil', "go")
'F([1, 2], {"a": 1}) == None'
>>> to_python('f(vec![String::from("x")], Some(2i32))', "rust")
'f([("x")], (2))'
"""

from __future__ import annotations

import re
from typing import Any

_WORDS = {
    "true": "True",
    "false": "False",
    "null": "None",
    "nil": "None",
    "undefined": "None",
    "nullptr": "None",
    "NULL": "None",
}


def _strings(text: str) -> list[tuple[int, int]]:
    """Spans of string literals ("..." and '...' of at most a few chars: C/Java/Go/Rust chars)."""
    spans, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if j < n and text[j] == c:
                if c != "'" or j - i <= 200:
                    spans.append((i, j + 1))
                    i = j + 1
                    continue
        i += 1
    return spans


def _outside(text: str) -> list[bool]:
    mask = [True] * len(text)
    for a, b in _strings(text):
        for k in range(a, b):
            mask[k] = False
    return mask


def _match(text: str, open_at: int, mask: list[bool]) -> int:
    """Index of the bracket closing the one at ``open_at`` (outside strings), or -1."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[text[open_at]]]
    for k in range(open_at + 1, len(text)):
        if not mask[k]:
            continue
        c = text[k]
        if c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if not stack or c != stack[-1]:
                return -1
            stack.pop()
            if not stack:
                return k
    return -1


def _wrap_calls(text: str, head: re.Pattern[str], new_open: str, new_close: str) -> str:
    """Replace ``HEAD(...)`` (the pattern ends at the opening bracket) by ``new_open ... new_close``."""
    for _ in range(200):
        mask = _outside(text)
        m = next((m for m in head.finditer(text) if mask[m.start()]), None)
        if m is None:
            return text
        open_at = m.end() - 1
        close = _match(text, open_at, mask)
        if close < 0:
            return text[: m.start()] + new_open + text[m.end() :]  # unbalanced: the miner will skip it
        text = text[: m.start()] + new_open + text[open_at + 1 : close] + new_close + text[close + 1 :]
    return text


def _sub_outside(pattern: str, repl, text: str) -> str:
    mask = _outside(text)
    return re.sub(
        pattern,
        lambda m: (repl(m) if callable(repl) else m.expand(repl)) if mask[m.start()] else m.group(0),
        text,
    )


def _mended_quotes(line: str) -> str:
    """A line whose ``'`` and ``"`` counts are both odd holds a string opened with one and closed
    with the other (``'three one five"``, a statement's typo): each such pair becomes ``"..."``.
    Balanced lines (``"it's"``) are left as they are."""
    if line.count("'") % 2 == 0 or line.count('"') % 2 == 0 or "\\" in line:
        return line
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c in "'\"":
            j = next((k for k in range(i + 1, len(line)) if line[k] in "'\""), -1)
            if j < 0:
                out.append(line[i:])
                break
            inner = line[i + 1 : j]
            out.append(f'"{inner}"' if line[j] != c else line[i : j + 1])
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def to_python(text: str, language: str) -> str:
    """``text`` with ``language``'s value spellings replaced by Python's (same lines)."""
    if language in ("python", "py"):
        return text
    text = "\n".join(_mended_quotes(line) for line in text.split("\n"))
    # `f(15)   // returns "db1111db"`: C-family line comments read as Python's (the miner's `# returns`)
    text = _sub_outside(r"//", "#", text)
    if language == "java":
        text = _wrap_calls(
            text,
            re.compile(r"new\s+(?:ArrayList|LinkedList|HashSet)\s*<[^<>()]*(?:<[^<>()]*>)?[^<>()]*>\s*\("),
            "(",
            ")",
        )
        text = _wrap_calls(
            text,
            re.compile(r"\b(?:Arrays\.asList|List\.of|Collections\.singletonList|Set\.of)\s*\("),
            "[",
            "]",
        )
        text = _wrap_calls(text, re.compile(r"new\s+\w+\s*\[\s*\]\s*\{"), "[", "]")
        # an empty map (`filter_integers([1, "abc", Map.of(), List.of()])`); filled ones stay unread
        text = _sub_outside(
            r"\b(?:Map\.of\(\s*\)|Collections\.emptyMap\(\s*\)|new\s+(?:Hash|Tree|LinkedHash)Map\s*<[^<>()]*>\s*\(\s*\))",
            "{}",
            text,
        )
        text = _wrap_calls(text, re.compile(r"\bOptional\.(?:of|ofNullable)\s*\("), "(", ")")
        text = _sub_outside(r"\bOptional\.empty(?:\(\))?", "None", text)
        text = _sub_outside(r"\bOptional\[([^\]\n]*)\]", lambda m: _optional(m.group(1)), text)
        text = _sub_outside(r"\s*\.equals\(", " == (", text)
        text = _sub_outside(r"\b(\d+)[lL]\b", r"\1", text)
        text = _sub_outside(r"\b(\d+\.\d*|\.\d+|\d+)[fFdD]\b", r"\1", text)
    elif language == "go":
        text = _wrap_calls(text, re.compile(r"\[\d*\](?:\[\])*[\w.{}]+\{"), "[", "]")
        text = _wrap_calls(text, re.compile(r"\bmap\[[\w\[\]]+\][\w\[\]{}]+?\{"), "{", "}")
    elif language == "rust":
        text = _wrap_calls(text, re.compile(r"\bvec!\s*\["), "[", "]")
        text = _wrap_calls(text, re.compile(r"\b(?:String::from|Some|Box::new)\s*\("), "(", ")")
        # a string literal then .to_string(): the match starts at the literal's own quote
        text = re.sub(r"(\"(?:[^\"\\\n]|\\.)*\")\s*\.\s*(?:to_string|to_owned|into)\(\)", r"\1", text)
        text = _sub_outside(r"\b(\d+(?:\.\d+)?)_?(?:[iu](?:8|16|32|64|128|size)|f32|f64)\b", r"\1", text)
    elif language == "js":  # strict equality reads as the miner's `==`
        text = _sub_outside(r"===", "==", text)
    elif language == "cpp":
        mask = _outside(text)
        text = "".join(
            ("[" if c == "{" else "]" if c == "}" else c) if mask[k] else c for k, c in enumerate(text)
        )
        text = _sub_outside(r"\b(\d+)(?:[uU]?[lL]{1,2}|[uU])\b", r"\1", text)
        text = _sub_outside(r"\b(\d+\.\d*)[fF]\b", r"\1", text)
    return _sub_outside(r"\b(" + "|".join(_WORDS) + r")\b", lambda m: _WORDS[m.group(1)], text)


def _optional(inner: str) -> str:
    """Java prints ``Optional[ccc]`` for a present value: a number stays one, anything else is text."""
    inner = inner.strip()
    if re.fullmatch(r"-?\d+(?:\.\d+)?|true|false|\[.*\]|\".*\"", inner):
        return inner
    return repr(inner)


def pairs_as_map(value: Any) -> Any:
    """A C++ map written as its pairs (``{{"a", 1}, {"b", 2}}``, read where the signature returns a
    map): ``[["a", 1], ["b", 2]]`` -> ``{"a": 1, "b": 2}`` (``[]`` -> ``{}``); anything else
    unchanged, as is a list whose keys repeat or do not hash.

    >>> pairs_as_map([["a", 1], ["b", 2]]), pairs_as_map([]), pairs_as_map([["a", 1], ["a", 2]])
    ({'a': 1, 'b': 2}, {}, [['a', 1], ['a', 2]])
    """
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 for p in value):
        return value
    try:
        out = {k: v for k, v in value}
    except TypeError:
        return value
    return out if len(out) == len(value) else value


__all__ = ["pairs_as_map", "to_python"]
