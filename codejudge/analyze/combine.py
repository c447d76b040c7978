"""Multi-label mistake tags with a confidence, from every kind of evidence.

Each finding already carries the confidence of its own kind of evidence (a static rule, a
dynamic output pattern, a repair, a reference difference). ``combine`` turns the findings of
one solution into tags, one per category, with:

* the evidence agreeing: independent kinds of evidence for one category add up (noisy-OR,
  ``1 - prod(1 - c)`` over the strongest finding of each kind), so a repair confirmed by the
  reference is surer than either, while two output shapes that read the same numbers are not;
* an explanation outranking a shape: when a repair or a reference difference explains the
  failure, a category that only an output shape suggests (an inverted bool, a wrong number)
  is halved, since one wrong condition, formula or bound produces all of those shapes;
* ties broken: when several categories' repairs are equally small and a reference differs
  in a single place, the categories the reference does not name are halved;
* disagreement reported: when the cheapest repair and the reference name different
  categories, ``disagreement`` says so and both are lowered, the repair's category more when
  the reference differs in a single place (it localizes the mistake; the repair is then another
  fix the tests cannot tell apart).

Consumers (the judge's rationale, the review bot, data synthesis) keep only tags at or above
a threshold (``DEFAULT_MIN_CONFIDENCE``; ``codejudge analyze --min-confidence``).

>>> from codejudge.types import Finding
>>> tags, _ = combine([Finding("CJ193", "conditional_error", "m", source="repair", confidence=0.9),
...                    Finding("CJ391", "math_logic_error", "m", source="dynamic", confidence=0.35)])
>>> [(t.category, round(t.confidence, 2)) for t in tags]
[('conditional_error', 0.9), ('math_logic_error', 0.17)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from codejudge.types import Finding

DEFAULT_MIN_CONFIDENCE = 0.5
SHAPE_SETTLES_TIES = True  # see _shape_settles_tie; measured in docs/analyzer.md
_EXPLAINS = ("repair", "reference")  # evidence that explains a failure rather than describing it
_NOT_MISTAKES = ("syntax", "security")


@dataclass
class Tag:
    """One category for one solution: its confidence and the evidence behind it."""

    category: str
    confidence: float
    evidence: list[str] = field(default_factory=list)  # "CJ193 (repair, 0.90)"

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "confidence": round(self.confidence, 3), "evidence": self.evidence}


def _noisy_or(values: list[float]) -> float:
    p = 1.0
    for v in values:
        p *= 1.0 - max(0.0, min(1.0, v))
    return 1.0 - p


def combine(findings: list[Finding]) -> tuple[list[Tag], dict[str, Any] | None]:
    """Tags sorted by confidence, and the disagreement between repair and reference (or None)."""
    by_cat: dict[str, list[Finding]] = {}
    for f in findings:
        if f.category not in _NOT_MISTAKES:
            by_cat.setdefault(f.category, []).append(f)
    explained = {
        f.category for f in findings if f.source in _EXPLAINS and f.confidence >= DEFAULT_MIN_CONFIDENCE
    }
    best = {
        src: max((f for f in findings if f.source == src), key=lambda f: f.confidence, default=None)
        for src in _EXPLAINS
    }
    disagreement = None
    if (
        best["repair"]
        and best["reference"]
        and best["repair"].category != best["reference"].category
        and min(best["repair"].confidence, best["reference"].confidence) >= DEFAULT_MIN_CONFIDENCE
    ):
        disagreement = {"repair": best["repair"].category, "reference": best["reference"].category}
    ref = best["reference"]
    pinpointed = ref.category if ref is not None and ref.confidence >= 0.8 else None  # one difference
    shaped = _shape_settles_tie(findings) if SHAPE_SETTLES_TIES else None
    tags = []
    for cat, fs in by_cat.items():
        # independent kinds of evidence add up; two findings of one kind (CJ391 and CJ395 both read
        # wrong numbers) count once, at the stronger
        per_source: dict[str, float] = {}
        for f in fs:
            per_source[f.source] = max(per_source.get(f.source, 0.0), f.confidence)
        conf = _noisy_or(list(per_source.values()))
        if explained and cat not in explained and not any(f.source == "static" for f in fs):
            conf *= 0.5
        elif (
            pinpointed
            and cat != pinpointed
            and not any(f.source in ("static", "reference") or f.confidence > 0.6 for f in fs)
        ):
            conf *= 0.5  # a repair tied with other categories, while the reference points at one of them
        if (
            shaped
            and cat != shaped
            and any(f.source == "repair" for f in fs)
            and not any(f.source in ("static", "reference") for f in fs)
        ):
            conf *= 0.8  # two equally small repairs; the failing outputs look like the other's mistake
        if disagreement and cat in disagreement.values():
            # one difference from a correct solution localizes the mistake; a repair elsewhere is
            # another fix the tests cannot tell apart
            conf *= 0.5 if pinpointed and cat == disagreement["repair"] else 0.8
        tags.append(Tag(cat, conf, [f"{f.code} ({f.source}, {f.confidence:.2f})" for f in fs]))
    return sorted(tags, key=lambda t: (-t.confidence, t.category)), disagreement


def _shape_settles_tie(findings: list[Finding]) -> str | None:
    """The one category of two tied cheapest repairs that an output shape of the failing tests also
    suggests (an inverted bool for the condition, a result one off for the index), or None."""
    reps = [
        f for f in findings if f.source == "repair" and f.evidence.get("from", "edit family") == "edit family"
    ]
    if not reps:
        return None
    top = max(f.confidence for f in reps)
    tied = {f.category for f in reps if f.confidence == top}
    if len(tied) != 2 or top >= 0.9:
        return None
    shapes = {f.category for f in findings if f.source == "dynamic"} & tied
    return shapes.pop() if len(shapes) == 1 else None


def confident(findings: list[Finding], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Finding]:
    """The findings whose category's combined confidence reaches ``min_confidence`` (syntax and
    security findings are not mistake tags and always stay)."""
    tags, _ = combine(findings)
    keep = {t.category for t in tags if t.confidence >= min_confidence}
    return [f for f in findings if f.category in _NOT_MISTAKES or f.category in keep]


def categories(findings: list[Finding], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[str]:
    """The categories tagged at or above ``min_confidence``, surest first."""
    tags, _ = combine(findings)
    return [t.category for t in tags if t.confidence >= min_confidence]
