"""Pick the solution out of a chat answer and say how it was picked.

Blocks come from fences and from code runs in the prose. Each is parsed with the
answer's language; then:

1. blocks tagged with another language, and untagged text that does not parse as
   this language, are left out (prose never reaches a compiler);
2. the solution is the block that defines the entry point (the last such block
   that parses best: answers often show a first attempt, then the fix); without
   an entry point, the largest block that defines something (or the last block that
   defines the same function again);
3. blocks defining helpers the solution calls but does not define are added
   before it; blocks that only call the solution (usage examples) are not;
4. optional fix-ups (``strip_main``, ``add_imports``, ``java_class``) are applied
   and reported.

>>> ext = extract("Use this:\\n\\ndef inc(x):\\n    return x + 1\\n\\nprint(inc(2))  # 3\\n", "python", "inc",
...               strip_main=True)
>>> ext.code, ext.stripped
('def inc(x):\\n    return x + 1\\n', ['example usage: print(inc(2))'])
>>> extract("I cannot help with that.", "python", "inc").failure
'no python code found in the answer (it is prose only)'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from codejudge.extract import fixups, syntax
from codejudge.extract.markdown import code_runs, split_fences
from codejudge.languages import canonical_language, language_or_none

# Fence tags that carry no language, and near relatives whose code is accepted.
_NEUTRAL_TAGS = {"", "code", "text", "plaintext", "plain", "txt", "none", "source", "snippet"}
_RELATIVES = {"cpp": {"c", "h"}}
# Above this share of unparseable bytes a block is not code of the language (tree-sitter
# parses past small errors, so real code with one mistake stays well under it).
_MAX_ERROR = 0.25


@dataclass
class Block:
    """One candidate block of the answer and what the extractor made of it."""

    index: int
    source: str  # "fenced" | "unfenced" (a code run found in the prose) | "bare" (the answer is only code)
    tag: str  # the fence's language tag, "" when none
    start_line: int
    code: str
    error_ratio: float
    defines: list[str] = field(default_factory=list)
    role: str = "unused"  # solution | helper | example | other-language | not-code | unused
    why: str = ""


@dataclass
class Extraction:
    """The result: ``code`` to run ("" when none) and the reasons behind it."""

    code: str
    language: str
    entry_point: str | None
    blocks: list[Block] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    entry_point_found: bool = False
    failure: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and bool(self.code.strip())

    @property
    def used(self) -> list[int]:
        return [b.index for b in self.blocks if b.role in ("solution", "helper")]

    @property
    def from_prose(self) -> bool:
        """Whether any used block was found in unfenced text (its edges were guessed, then parsed)."""
        return any(b.source == "unfenced" for b in self.blocks if b.role in ("solution", "helper"))

    def summary(self) -> dict[str, Any]:
        """Short facts for a verdict's evidence."""
        out: dict[str, Any] = {}
        if self.failure:
            out["failure"] = self.failure
            return out
        used = [b for b in self.blocks if b.role in ("solution", "helper")]
        out["blocks"] = [
            f"{b.role}: {b.source} block {b.index}" + (f" ({b.why})" if b.why else "") for b in used
        ]
        skipped = [f"{b.role}: block {b.index}" for b in self.blocks if b.role not in ("solution", "helper")]
        if skipped:
            out["skipped"] = skipped
        if self.entry_point and not self.entry_point_found:
            out["entry_point"] = f"{self.entry_point} is not defined in the code"
        if self.stripped:
            out["stripped"] = self.stripped
        if self.added:
            out["added"] = self.added
        return out

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def extract(
    markdown: str,
    language: str = "python",
    entry_point: str | None = None,
    *,
    strip_main: bool = False,
    add_imports: bool = False,
    java_class: str | None = None,
) -> Extraction:
    """The solution code in a chat answer, with the blocks used and every edit made (see module doc).

    ``language`` accepts any alias (``"JavaScript"``, ``"c++"``...). ``strip_main``
    removes the answer's own ``main`` and demo statements (only when the code
    defines ``entry_point``: a stdin/stdout program's main is the program); ``add_imports`` adds the
    standard imports it obviously needs; ``java_class`` (e.g. "Solution") puts a
    Java entry point in that class. All three are off by default: callers that must
    keep the answer byte-for-byte (evalplus-style evaluation) get it unchanged.
    """
    lang = canonical_language(language)
    blocks = _blocks(markdown, lang, entry_point)
    ext = Extraction("", lang, entry_point, blocks)
    usable = [b for b in blocks if b.role == "unused"]
    if not usable:
        ext.failure = _nothing_found(blocks, lang)
        return ext
    solution = _choose(usable, entry_point)
    if solution is None:
        ext.failure = (
            f"no {lang} code that defines anything was found "
            f"({len(usable)} block(s) with only statements, e.g. usage examples)"
        )
        for b in usable:
            b.role, b.why = "example", "defines nothing"
        return ext
    ext.entry_point_found = bool(entry_point) and (
        entry_point in solution.defines or _defines_by_text(solution.code, entry_point or "")
    )
    solution.role = "solution"
    solution.why = (
        f"defines {entry_point}"
        if ext.entry_point_found
        else f"largest {lang} block defining {', '.join(solution.defines[:3])}"
        if solution.defines
        else f"largest {lang} block"
    )
    helpers = _helpers(solution, usable)
    for b in usable:
        if b.role == "unused" and (entry_point in _calls(b) if entry_point else False):
            b.role, b.why = "example", f"uses {entry_point} without defining it"
    parts = sorted([solution, *helpers], key=lambda b: b.index)
    code = "\n".join(b.code.rstrip("\n") + "\n" for b in parts)
    if strip_main and ext.entry_point_found:
        # Only around a function the tests call: without one, main (or the top-level code) IS the program.
        code, ext.stripped = fixups.strip_main(code, lang, entry_point)
    if java_class and lang == "java":
        code, notes = fixups.java_solution_class(code, entry_point, java_class)
        ext.added += notes
    if add_imports:
        code, added = fixups.add_imports(code, lang)
        ext.added += added
    ext.code = code
    return ext


def extract_code(markdown: str, language: str = "python", entry_point: str | None = None) -> str:
    """Just the code (unchanged, no fix-ups); "" when the answer holds no code.

    >>> extract_code("Sure!\\n```python\\ndef f(x):\\n    return x\\n```\\nDone.")
    'def f(x):\\n    return x\\n'
    """
    return extract(markdown, language, entry_point).code


def code_blocks(markdown: str) -> list[tuple[str, str]]:
    """All fenced blocks as ``(language_tag, body)``, in order.

    >>> code_blocks("```py\\nx = 1\\n```\\ntext\\n```\\ny\\n```")
    [('py', 'x = 1\\n'), ('', 'y\\n')]
    """
    return [(s.tag, s.text) for s in split_fences(markdown) if s.kind == "fenced"]


# ------------------------------------------------------------------ helpers


def _blocks(markdown: str, lang: str, entry_point: str | None) -> list[Block]:
    out: list[Block] = []
    segments = split_fences(markdown)
    has_own_fence = any(s.kind == "fenced" and _tag_fits(s.tag, lang) for s in segments)
    for seg in segments:
        if seg.kind == "fenced":
            fits = _tag_fits(seg.tag, lang)
            if not fits and seg.tag not in _NEUTRAL_TAGS:
                out.append(
                    _block(
                        len(out),
                        "fenced",
                        seg.tag,
                        seg.start_line,
                        seg.text,
                        lang,
                        role="other-language",
                        why=f"tagged {seg.tag}",
                    )
                )
                continue
            o = syntax.outline(seg.text, lang)
            if (
                o.error_ratio <= (0.02 if not fits else _MAX_ERROR)
                or (fits and o.defs)
                or (fits and entry_point and _defines_by_text(seg.text, entry_point))
                or (o.error_ratio <= _MAX_ERROR and any(d.depth == 0 for d in o.defs))
            ):
                out.append(_block(len(out), "fenced", seg.tag, seg.start_line, seg.text, lang, outline=o))
                continue
            # Prose or output inside the fence (or untagged text that is not this language): keep its code runs.
            runs = code_runs(seg.text, lang)
            if not runs:
                out.append(
                    _block(
                        len(out),
                        "fenced",
                        seg.tag,
                        seg.start_line,
                        seg.text,
                        lang,
                        outline=o,
                        role="not-code",
                        why=f"does not parse as {lang}",
                    )
                )
            for r in runs:
                out.append(
                    _block(len(out), "fenced", seg.tag, seg.start_line + r.start_line - 1, r.text, lang)
                )
        else:
            for r in code_runs(seg.text, lang):
                # "bare": the whole answer is this code, no prose anywhere (its edges were not guessed).
                source = "bare" if len(segments) == 1 and _same_text(r.text, seg.text) else "unfenced"
                b = _block(len(out), source, "", seg.start_line + r.start_line - 1, r.text, lang)
                if (b.error_ratio > _MAX_ERROR and not _starts_definition(b.code, entry_point)) or (
                    has_own_fence and not b.defines
                ):
                    b.role, b.why = (
                        "not-code",
                        ("does not parse" if b.error_ratio > _MAX_ERROR else "a code-like line in the prose"),
                    )
                out.append(b)
    return out


def _block(
    index: int,
    source: str,
    tag: str,
    line: int,
    code: str,
    lang: str,
    *,
    outline: syntax.Outline | None = None,
    role: str = "unused",
    why: str = "",
) -> Block:
    if role == "other-language":
        return Block(index, source, tag, line, code, 1.0, [], role, why)
    o = outline or syntax.outline(code, lang)
    b = Block(index, source, tag, line, code, o.error_ratio, [d.name for d in o.defs], role, why)
    b._names_used = o.names_used  # type: ignore[attr-defined]
    return b


def _starts_definition(code: str, entry_point: str | None) -> bool:
    """Whether ``code`` opens with a definition (of ``entry_point`` when given): code, even if broken."""
    if entry_point:
        return _defines_by_text(code, entry_point)
    return re.match(r"\s*(async\s+)?(def|class|fn|func|function)\s+\w+", code) is not None


def _same_text(a: str, b: str) -> bool:
    return [ln.strip() for ln in a.splitlines() if ln.strip()] == [
        ln.strip() for ln in b.splitlines() if ln.strip()
    ]


def _tag_fits(tag: str, lang: str) -> bool:
    return language_or_none(tag) == lang or tag in _RELATIVES.get(lang, set())


def _calls(b: Block) -> set[str]:
    return getattr(b, "_names_used", set()) - set(b.defines)


def _choose(usable: list[Block], entry_point: str | None) -> Block | None:
    if entry_point:
        defining = [b for b in usable if entry_point in b.defines]
        if defining:
            best = min(b.error_ratio for b in defining)
            return [b for b in defining if b.error_ratio <= best + 0.02][-1]
    # No entry point (or no block defines it): the largest block that defines something
    # other than main, parsing best first.
    with_defs = [b for b in usable if set(b.defines) - {"main"}]
    if not with_defs:
        with_defs = [b for b in usable if b.defines]
    if not with_defs and entry_point:
        # A definition the parser could not read (real code with a real syntax error).
        with_defs = [b for b in usable if _defines_by_text(b.code, entry_point)]
    if not with_defs and not entry_point:
        with_defs = usable  # a script (stdin/stdout programs define nothing)
    if not with_defs:
        return None
    pick = min(with_defs, key=lambda b: (b.error_ratio > 0.05, -len(b.code), b.index))
    # a later block defining the same function is the answer's final version ("a naive approach
    # ... the optimized approach is:"), as with a named entry point above
    names = set(pick.defines) - {"main"}
    later = [
        b
        for b in with_defs
        if b.index > pick.index and names & set(b.defines) and b.error_ratio <= pick.error_ratio + 0.02
    ]
    return later[-1] if later else pick


def _defines_by_text(code: str, name: str) -> bool:
    """Whether ``code`` reads as defining ``name`` (def/function/fn/func or a typed C-style signature)."""
    n = re.escape(name)
    keyword = rf"\b(def|class|function|fn|func|const|let|var)\s+{n}\b"
    typed = rf"\w[\w<>\[\],\s*&:]*\s+{n}\s*\([^)]*\)\s*(->[^{{]*)?\{{"
    return re.search(keyword, code) is not None or re.search(typed, code) is not None


def _helpers(solution: Block, usable: list[Block]) -> list[Block]:
    """Blocks defining names the solution uses but lacks (transitively), never examples or mains."""
    need = _calls(solution)
    have = set(solution.defines)
    chosen: list[Block] = []
    changed = True
    while changed:
        changed = False
        for b in usable:
            if b is solution or b.role != "unused" or b.error_ratio > 0.05:
                continue
            gives = (set(b.defines) - {"main"}) & (need - have)
            if gives and not (set(b.defines) & have):
                b.role, b.why = "helper", f"defines {', '.join(sorted(gives))}"
                chosen.append(b)
                have |= set(b.defines)
                need |= _calls(b)
                changed = True
    return chosen


def _nothing_found(blocks: list[Block], lang: str) -> str:
    other = sorted({b.tag for b in blocks if b.role == "other-language"})
    if other:
        return f"no {lang} code found: the answer's code is tagged {', '.join(other)}"
    if blocks:
        return f"no {lang} code found: {len(blocks)} block(s) do not parse as {lang}"
    return f"no {lang} code found in the answer (it is prose only)"
