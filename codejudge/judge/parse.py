"""Strict parsing of LLM judge output. A failure is reported, never guessed.

>>> parse_pairwise("A is wrong on empty input.\\n[[B]]")
('B', None)
>>> parse_pairwise("Both fine")
(None, 'no verdict marker [[A]], [[B]] or [[tie]] found')
>>> parse_rating("Rating: [[4]]", (1, 5))
(4, None)
"""

from __future__ import annotations

import re
from typing import cast

from codejudge.types import Winner

_VERDICT = re.compile(r"\[\[(A|B|tie)\]\]", re.IGNORECASE)
_RATING = re.compile(r"\[\[(\d+(?:\.\d+)?)\]\]")


def parse_pairwise(text: str) -> tuple[Winner | None, str | None]:
    """Return (winner, error). Exactly one distinct verdict marker must appear."""
    found: set[Winner] = {
        cast(Winner, m.group(1).upper()) if m.group(1).lower() != "tie" else "tie"
        for m in _VERDICT.finditer(text)
    }
    if not found:
        return None, "no verdict marker [[A]], [[B]] or [[tie]] found"
    if len(found) > 1:
        return None, f"conflicting verdict markers: {', '.join(sorted(found))}"
    return found.pop(), None


def parse_rating(text: str, scale: tuple[int, int]) -> tuple[float | None, str | None]:
    """Return (rating, error). The last ``[[N]]`` counts; it must lie within ``scale``."""
    matches = _RATING.findall(text)
    if not matches:
        return None, "no rating marker [[N]] found"
    value = float(matches[-1])
    lo, hi = scale
    if not lo <= value <= hi:
        return None, f"rating {matches[-1]} outside the scale {lo}-{hi}"
    return (int(value) if value.is_integer() else value), None
