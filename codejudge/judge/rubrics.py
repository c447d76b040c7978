"""Coding-preference criteria: which evidence bears on each, and its rubric text.

Preference names and rubrics live in ``taxonomies/preferences.yaml`` (loaded with
``codejudge.analyze.taxonomy.load("preferences")``). The judge only needs to know
which *kind* of evidence a criterion calls for.

>>> criterion_kind(None), criterion_kind("efficiency"), criterion_kind("Security")
('correctness', 'efficiency', 'security')
>>> criterion_kind("readability")
'other'
"""

from __future__ import annotations

import functools
import logging
from typing import Any

log = logging.getLogger(__name__)

_KIND_WORDS = {
    "correctness": ("correct", "functional", "pass"),
    "efficiency": (
        "efficien",
        "performance",
        "speed",
        "complexity",
        "fast",
        *("memory usage", "memory use", "memory footprint", "memory consumption", "less memory"),
    ),
    "security": ("secur", "safe"),
}


def criterion_kind(criterion: str | None) -> str:
    """ "correctness" | "efficiency" | "security" | "other" for a criterion name or text."""
    if not criterion:
        return "correctness"
    entry = _lookup(criterion)
    text = " ".join(str(entry.get(k, "")) for k in ("id", "name", "kind", "evidence")) if entry else criterion
    text = text.lower()
    for kind, words in _KIND_WORDS.items():
        if any(w in text for w in words):
            return kind
    return "other"


def rubric_for(criterion: str | None) -> tuple[str, str | None]:
    """(criterion text for the prompt, rubric text or None) for a preference name."""
    if not criterion:
        return "Functional correctness: does the code do what the instruction asks?", None
    entry = _lookup(criterion)
    if not entry:
        return criterion, None
    title = str(entry.get("name") or entry.get("id") or criterion)
    desc = entry.get("description")
    rubric = entry.get("rubric")
    if isinstance(rubric, dict):
        rubric = "\n".join(f"{k}: {v}" for k, v in sorted(rubric.items(), key=lambda kv: str(kv[0])))
    elif isinstance(rubric, list):
        rubric = "\n".join(str(r) for r in rubric)
    return (f"{title}: {desc}" if desc else title), (str(rubric) if rubric else None)


def _lookup(criterion: str) -> dict[str, Any] | None:
    """The preference named ``criterion``, or the one whose id contains it ("efficiency")."""
    key = criterion.strip().lower()
    prefs = _preferences()
    if key in prefs:
        return prefs[key]
    return next((e for k, e in prefs.items() if key and key in k), None)


@functools.lru_cache(maxsize=1)
def _preferences() -> dict[str, dict[str, Any]]:
    """Preference entries by lower-cased id and name; empty when the taxonomy is absent."""
    try:
        from codejudge.analyze.taxonomy import load
    except ImportError:
        return {}
    try:
        data = load("preferences")
    except Exception as exc:  # noqa: BLE001 - rubrics are optional; criteria still work by name
        log.warning("preferences taxonomy unreadable (%s); criteria are used by name only", exc)
        return {}
    items: Any = data.get("preferences", data) if isinstance(data, dict) else data
    if isinstance(items, dict):
        items = [
            {"id": k, **v} if isinstance(v, dict) else {"id": k, "description": v} for k, v in items.items()
        ]
    out: dict[str, dict[str, Any]] = {}
    for entry in items or []:
        if isinstance(entry, dict):
            for key in (entry.get("id"), entry.get("name")):
                if key:
                    out[str(key).lower()] = entry
    return out
