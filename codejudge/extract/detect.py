"""Which language a pair is in, when the row does not say (CodeUltraFeedback rows never do).

Evidence, strongest first; the first that names one language wins:

1. the answers' fence tags (```` ```cpp ````, ```` ```javascript ````): the language most of
   the tagged blocks are in (an answer that shows a JavaScript aside before its Python
   solution is outvoted by the Python blocks);
2. the instruction names exactly one language ("Write a Rust function", "in C++");
3. the untagged code itself: the language whose parser reads the answers' code with the
   fewest syntax errors while finding a definition in it (tree-sitter, as extraction does),
   a language's own markers (``#include``, ``func``/``package``, ``fn``/``let mut``,
   ``public class``, ``function``/``=>``) breaking near ties;
4. otherwise Python.

The reason is returned with the language, so a verdict can say why its code ran as it did.

>>> detect_language("Sum a list.", ["```rust\\nfn s(v: &[i32]) -> i32 { v.iter().sum() }\\n```"])
('rust', "the answers' code blocks are tagged rust")
>>> detect_language("Write a Go function Sum(xs []int) int.", ["Here it is."])[0]
'go'
>>> detect_language("Add two numbers.", ["function add(a, b) {\\n  return a + b;\\n}"])[0]
'js'
"""

from __future__ import annotations

import re
from collections import Counter

from codejudge.extract.answer import code_blocks, extract
from codejudge.languages import LANGUAGES, language_or_none

# The instruction names a language: word-bounded, with "Go" only where it cannot be the verb.
_NAMED: dict[str, re.Pattern[str]] = {
    "python": re.compile(r"\bpython\s*3?\b", re.IGNORECASE),
    "js": re.compile(r"\b(?:javascript|node\.?js|ecmascript)\b|\bJS\b", re.IGNORECASE),
    "java": re.compile(r"\bjava\b(?!\s*script)", re.IGNORECASE),
    "cpp": re.compile(r"\bc\+\+|\bcpp\b", re.IGNORECASE),
    "go": re.compile(
        r"(?i:\bgolang\b)|\bGo\b(?=\s+(?:function|program|code|func|method|snippet|solution|implementation))|"
        r"\b(?:in|using|with)\s+Go\b(?!\s+(?:to|back|through|over|ahead|on)\b)"
    ),
    "rust": re.compile(r"\brust\b", re.IGNORECASE),
}

# Markers only one of the six writes (a near tie between parsers is settled by them).
_MARKERS: dict[str, re.Pattern[str]] = {
    "python": re.compile(r"^\s*def \w+\(.*\)\s*(?:->.*)?:\s*$|^\s*import \w+$|\bself\.", re.MULTILINE),
    "js": re.compile(r"\bfunction\s+\w+\s*\(|=>|\b(?:const|let|var)\s+\w+\s*=|console\.log|module\.exports"),
    "cpp": re.compile(r"#include\s*<|\bstd::|using namespace std|\bvector<|cout\s*<<"),
    "java": re.compile(
        r"\bpublic\s+(?:static\s+)?(?:class|int|void|String|boolean|long|double)\b|System\.out\."
    ),
    "go": re.compile(r"^\s*func\s+\w+\(|^\s*package\s+\w+|:=|\bfmt\.", re.MULTILINE),
    "rust": re.compile(r"\bfn\s+\w+\s*[<(]|\blet\s+mut\b|\bprintln!|&\[|\bVec<|\bimpl\b"),
}


def _tagged(responses: list[str]) -> Counter[str]:
    tags: Counter[str] = Counter()
    for r in responses:
        for tag, body in code_blocks(r or ""):
            lang = language_or_none(tag.split()[0] if tag.strip() else "")
            if lang and body.strip():
                tags[lang] += 1
    return tags


def _named(instruction: str) -> list[str]:
    return [lang for lang, pat in _NAMED.items() if pat.search(instruction or "")]


def _read_as(responses: list[str], lang: str) -> tuple[int, float, int] | None:
    """How well ``lang`` reads the answers: (answers it extracts a definition from, mean error
    ratio of the blocks used, marker count); None when it reads none of them."""
    found, errors = 0, []
    for r in responses:
        if not (r or "").strip():
            continue
        ext = extract(r, lang)
        used = [b for b in ext.blocks if b.role == "solution"]
        if ext.ok and used and used[0].defines:
            found += 1
            errors.append(used[0].error_ratio)
    if not found:
        return None
    markers = sum(len(_MARKERS[lang].findall(r or "")) for r in responses)
    return found, sum(errors) / len(errors), markers


def detect_language(instruction: str, responses: list[str]) -> tuple[str, str]:
    """``(canonical language, why)`` for a row that names none (see the module doc)."""
    tags = _tagged(responses)
    if tags:
        (top, n), *rest = tags.most_common()
        if not rest or rest[0][1] < n:
            return top, f"the answers' code blocks are tagged {top}"
    named = _named(instruction)
    if len(named) == 1:
        return named[0], f"the instruction names {named[0]}"
    scored = {lang: s for lang in LANGUAGES if (s := _read_as(responses, lang)) is not None}
    if scored:
        best_found = max(s[0] for s in scored.values())
        fits = {lang: s for lang, s in scored.items() if s[0] == best_found}
        least = min(s[1] for s in fits.values())
        near = {lang: s for lang, s in fits.items() if s[1] <= least + 0.02}
        lang = max(near, key=lambda k: (near[k][2], k == "python"))
        if near[lang][2] > 0 or len(near) == 1:
            return lang, f"the answers' code reads as {lang}"
    return (
        "python",
        "no language named, no tagged code block and no other language reads the code: Python assumed",
    )


__all__ = ["detect_language"]
