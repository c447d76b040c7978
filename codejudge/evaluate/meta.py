"""Judge meta-evaluation metrics: pure functions over decisions and labels.

A *decision* is what a judge said about one pair in one presentation order:
"A", "B", "tie", or None (no verdict: an error or unparseable output).
Labels are "A", "B" or "tie" in the same order.

>>> accuracy(["A", "tie", None, "B"], ["A", "A", "A", "A"])
0.5
>>> combine_orders("A", "A")   # second order swapped back: both prefer the same response
'A'
>>> position_consistency([("A", "A"), ("A", "B")])
0.5
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

Decision = str | None
CLASSES = ("win", "tie", "lose")  # from the point of view of response A


def flip(d: Decision) -> Decision:
    """The same decision seen with A and B swapped."""
    return {"A": "B", "B": "A"}.get(d, d) if d is not None else None


def score(decision: Decision, label: str) -> float:
    """1 for the right pick, 0.5 for a tie or no decision, 0 for the wrong pick.

    With a tie label, a tie scores 1 and any pick scores 0.
    """
    if label == "tie":
        return 1.0 if decision == "tie" else 0.0
    if decision is None or decision == "tie":
        return 0.5
    return 1.0 if decision == label else 0.0


def accuracy(decisions: Sequence[Decision], labels: Sequence[str]) -> float:
    """Mean ``score``; ties and errors count 0.5."""
    _same_length(decisions, labels)
    return sum(score(d, y) for d, y in zip(decisions, labels)) / len(labels) if labels else float("nan")


def random_orders(n: int, seed: int = 0) -> list[bool]:
    """Seeded coin per pair: True = present the pair as given, False = swapped."""
    rng = random.Random(seed)
    return [rng.random() < 0.5 for _ in range(n)]


def random_order_accuracy(
    both: Sequence[tuple[Decision, Decision]], labels: Sequence[str], seed: int = 0
) -> float:
    """Accuracy when each pair is shown in one seeded random order.

    ``both[i] = (decision as given, decision when swapped, mapped back to the
    given order)``; the coin picks which one counts.
    """
    orders = random_orders(len(both), seed)
    return accuracy([d1 if keep else d2 for (d1, d2), keep in zip(both, orders)], labels)


def combine_orders(d1: Decision, d2: Decision) -> Decision:
    """JudgeBench's rule for two orders (``d2`` already mapped back to the given order).

    Agreement stands; a pick against a tie (or a missing decision) keeps the pick;
    contradicting picks become a tie.
    """
    if d1 == d2:
        return d1
    picks = [d for d in (d1, d2) if d in ("A", "B")]
    if len(picks) == 1:
        return picks[0]
    return "tie" if picks else (d1 or d2)


def both_order_accuracy(both: Sequence[tuple[Decision, Decision]], labels: Sequence[str]) -> float:
    """Share of pairs whose combined decision equals the label (ties and errors score 0)."""
    _same_length(both, labels)
    return (
        sum(combine_orders(d1, d2) == y for (d1, d2), y in zip(both, labels)) / len(labels)
        if labels
        else float("nan")
    )


def position_consistency(both: Sequence[tuple[Decision, Decision]]) -> float:
    """Share of pairs decided the same way in both orders (a missing decision is inconsistent)."""
    if not both:
        return float("nan")
    return sum(d1 is not None and d1 == d2 for d1, d2 in both) / len(both)


def position_preference(raw: Sequence[Decision]) -> dict[str, float]:
    """Rates of picking the first position, the second, a tie, or nothing, over raw decisions.

    ``raw`` are decisions as the judge saw them (not mapped back), e.g. both
    orders of every pair. An unbiased judge on balanced data picks first and
    second equally often.
    """
    n = len(raw) or 1
    return {
        "first": sum(d == "A" for d in raw) / n,
        "second": sum(d == "B" for d in raw) / n,
        "tie": sum(d == "tie" for d in raw) / n,
        "none": sum(d is None for d in raw) / n,
    }


def _cls(d: Decision) -> str:
    return {"A": "win", "B": "lose"}.get(d or "tie", "tie")


def cohen_kappa(decisions: Sequence[Decision], labels: Sequence[str]) -> float:
    """Cohen's kappa over win/tie/lose (no decision counts as tie).

    >>> cohen_kappa(["A", "B", "A", "B"], ["A", "B", "A", "B"])
    1.0
    """
    _same_length(decisions, labels)
    n = len(labels)
    if not n:
        return float("nan")
    p = [_cls(d) for d in decisions]
    y = [_cls(v) for v in labels]
    observed = sum(a == b for a, b in zip(p, y)) / n
    expected = sum((p.count(c) / n) * (y.count(c) / n) for c in CLASSES)
    return 1.0 if expected == 1.0 else (observed - expected) / (1.0 - expected)


def macro_f1(decisions: Sequence[Decision], labels: Sequence[str]) -> float:
    """Mean F1 over the win/tie/lose classes present in labels or predictions."""
    _same_length(decisions, labels)
    p = [_cls(d) for d in decisions]
    y = [_cls(v) for v in labels]
    scores = []
    for c in CLASSES:
        tp = sum(a == c and b == c for a, b in zip(p, y))
        fp = sum(a == c and b != c for a, b in zip(p, y))
        fn = sum(a != c and b == c for a, b in zip(p, y))
        if tp + fp + fn == 0:
            continue  # class absent everywhere: not part of the average
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else float("nan")


def bootstrap_ci(
    values: Sequence[float],
    stat: Callable[[Sequence[float]], float] | None = None,
    n_boot: int = 1000,
    alpha: float = 0.05,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``stat`` (default: mean) over per-item values.

    >>> bootstrap_ci([1.0] * 10)
    (1.0, 1.0)
    """
    if not values:
        return float("nan"), float("nan")
    stat = stat or (lambda v: sum(v) / len(v))
    rng = random.Random(seed)
    n = len(values)
    stats = sorted(stat([values[rng.randrange(n)] for _ in range(n)]) for _ in range(n_boot))
    lo = stats[int((alpha / 2) * (n_boot - 1))]
    hi = stats[int((1 - alpha / 2) * (n_boot - 1))]
    return lo, hi


def report(
    both: Sequence[tuple[Decision, Decision]],
    labels: Sequence[str],
    subsets: Sequence[str] | None = None,
    seed: int = 0,
    n_boot: int = 1000,
) -> dict[str, Any]:
    """Every metric, overall and per subset, with bootstrap CIs for the accuracies.

    ``both[i]`` holds pair i's decisions in the given order and in the swapped
    order mapped back to the given order.
    """

    def block(idx: list[int]) -> dict[str, Any]:
        b = [both[i] for i in idx]
        y = [labels[i] for i in idx]
        orders = random_orders(len(both), seed)
        picked = [b_[0] if orders[i] else b_[1] for i, b_ in zip(idx, b)]
        # Kappa and F1 need labels in the order the judge saw them, else every
        # RewardBench label would be "A" and chance agreement would be trivial.
        shown = [d if orders[i] else flip(d) for i, d in zip(idx, picked)]
        shown_y = [v if orders[i] else (flip(v) or v) for i, v in zip(idx, y)]
        per_item = [score(d, v) for d, v in zip(picked, y)]
        combined = [float(combine_orders(d1, d2) == v) for (d1, d2), v in zip(b, y)]
        raw = [d1 for d1, _ in b] + [flip(d2) for _, d2 in b]
        return {
            "n": len(idx),
            "accuracy": accuracy(picked, y),
            "accuracy_ci": bootstrap_ci(per_item, n_boot=n_boot, seed=seed),
            "both_order_accuracy": both_order_accuracy(b, y),
            "both_order_accuracy_ci": bootstrap_ci(combined, n_boot=n_boot, seed=seed),
            "position_consistency": position_consistency(b),
            "position_preference": position_preference(raw),
            "cohen_kappa": cohen_kappa(shown, shown_y),
            "macro_f1": macro_f1(shown, shown_y),
        }

    out = {"overall": block(list(range(len(labels))))}
    if subsets is not None:
        groups: dict[str, list[int]] = {}
        for i, s in enumerate(subsets):
            groups.setdefault(s or "-", []).append(i)
        out["subsets"] = {s: block(idx) for s, idx in sorted(groups.items())}
    return out


def _same_length(a: Sequence[Any], b: Sequence[Any]) -> None:
    if len(a) != len(b):
        raise ValueError(f"{len(a)} decisions for {len(b)} labels")
