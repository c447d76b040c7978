"""Calls the responses themselves show: input seeds where the instruction shows none.

Chat answers usually end with example usage (``print(is_valid("192.168.1.1"))``,
``console.log(countVowels("Hello"))``, a Rust ``main`` calling ``mean(&vec![1.0])``).
When the instruction shows no example and gives no types, those calls are the
only evidence of what an input looks like, so the grounding stage reads them
as *seeds* for generated inputs: the arguments only, never the output an answer
claims (an answer's claim about its own code is not independent of it).

Soundness: a response can add inputs this way, never expected values. Every
input built from a shown call is marked ``edge`` (the instruction does not vouch
for it), and a crash, a wrong type or a flaky output on it never decides: it is
shown as a ``differential`` test (``codejudge.ground.derive``), because the input
may simply be invalid (a length argument mutated apart from its list). Only a
reference, a property the instruction states (``codejudge.ground.stated``) or an
LLM can arbitrate there; a response cannot make the other lose by the inputs
its example usage picks. Values are read with ``ast.literal_eval``
after ``codejudge.ground.literals.to_python`` rewrites other languages'
spellings: nothing is evaluated.

>>> text = "Usage:\\n```python\\nprint(is_valid('192.168.1.1'))  # True\\n```"
>>> shown_calls([text], {"is_valid"}, "python")
[(['192.168.1.1'], 0)]
>>> shown_calls(["println!(\\"{:?}\\", mean(&vec![1.5, 2.0]));"], {"mean"}, "rust")
[([[1.5, 2.0]], 0)]
"""

from __future__ import annotations

import ast
import re
from typing import Any

from codejudge.ground.literals import to_python
from codejudge.ground.values import closing, split_top

MAX_SHOWN = 8  # seeds kept per response: example usage, not a test suite
_DEFINES = re.compile(r"(?:\bdef|\bfunction|\bfn|\bfunc|\bnew)\s*$")
_REF = re.compile(r"^&\s*(?:mut\s+)?")  # Rust borrows: &vec![..], &mut x


def _args(inner: str, language: str) -> list[Any] | None:
    """The call's arguments as Python values, or None when any is not a plain literal."""
    text = inner if language == "python" else to_python(inner, language)
    parts = [_REF.sub("", p.strip()) for p in split_top(text, ",") if p.strip()]
    if not parts:
        return None
    out: list[Any] = []
    for p in parts:
        if re.match(r"^[A-Za-z_]\w*\s*=(?!=)", p):  # a keyword argument: the seed's positions are unclear
            return None
        try:
            out.append(ast.literal_eval(p))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
    return out


def shown_calls(texts: list[str], names: set[str], language: str = "python") -> list[tuple[list[Any], int]]:
    """``(args, response index)`` for each call of one of ``names`` with only literal arguments in
    the responses' ``texts`` (code blocks and prose alike); definitions are skipped (their
    parameters are not literals), duplicates kept once, at most ``MAX_SHOWN`` per response."""
    out: list[tuple[list[Any], int]] = []
    seen: set[str] = set()
    if not names:
        return out
    call = re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in sorted(names)) + r")\s*\(")
    for idx, text in enumerate(texts):
        kept = 0
        for m in call.finditer(text or ""):
            if kept >= MAX_SHOWN:
                break
            if _DEFINES.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            open_at = m.end() - 1
            end = closing(text, open_at)  # just past the bracket that closes the call's "("
            if end < 0 or text[end - 1] != ")" or text.count("\n", open_at, end) > 20:
                continue  # unbalanced, or not a call written on a few lines
            args = _args(text[open_at + 1 : end - 1], language)
            if args is None:
                continue
            key = repr(args)
            if key in seen:
                continue
            seen.add(key)
            out.append((args, idx))
            kept += 1
    return out


__all__ = ["MAX_SHOWN", "shown_calls"]
