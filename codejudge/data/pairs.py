"""Labelled judge pairs and the TRL rows made from them.

A ``JudgePair`` holds a better and a worse response to one instruction with
the evidence the judge would see for each. Rows use the exact prompt the judge
sends (``codejudge.judge.prompts.pairwise_messages``), so a model trained on
them reads at serve time what it read in training:

- SFT (TRL conversational language modelling): ``{"messages": [system, user, assistant]}``
- DPO (TRL conversational preference): ``{"prompt": [system, user], "chosen": [assistant], "rejected": [assistant]}``
- held-out meta-eval: ``{"prompt": [system, user], "label": "A" | "B"}``

>>> p = JudgePair("t/0", "Add 3.", "def f(x): return x + 3", "def f(x): return x - 3",
...               {"tests": "5/5 passed"}, {"tests": "0/5 passed"})
>>> row = sft_row(p, better_first=False)
>>> row["label"], row["messages"][-1]["content"].splitlines()[-1]
('B', '[[B]]')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from codejudge.judge.prompts import pairwise_messages


@dataclass
class JudgePair:
    """One instruction, a better and a worse response, and the evidence for each."""

    id: str
    instruction: str
    better: str
    worse: str
    evidence_better: dict[str, Any] = field(default_factory=dict)
    evidence_worse: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    difficulty: str = "easy"  # "easy" -> SFT, "hard" -> DPO
    group: str = ""  # problem id: held-out splits never share a group with training
    criterion: str | None = None  # e.g. a CodeUltraFeedback preference ("readability")
    # Per-response rationales (e.g. CodeUltraFeedback annotations) replace the evidence template.
    rationale_better: str | None = None
    rationale_worse: str | None = None
    # Annotator ratings (CodeUltraFeedback), kept so a pair can be traced back and re-thresholded.
    score_better: float | None = None
    score_worse: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> JudgePair:
        return cls(**d)


def oriented(pair: JudgePair, better_first: bool) -> tuple[list[dict[str, str]], str]:
    """The judge prompt with the better response in position A (or B), and the right label."""
    if better_first:
        msgs = pairwise_messages(
            pair.instruction,
            pair.better,
            pair.worse,
            pair.evidence_better,
            pair.evidence_worse,
            pair.criterion,
        )
        return msgs, "A"
    msgs = pairwise_messages(
        pair.instruction, pair.worse, pair.better, pair.evidence_worse, pair.evidence_better, pair.criterion
    )
    return msgs, "B"


def _cite(name: str, ev: dict[str, Any]) -> str:
    # Test results decide, so the judgment cites them: the pass count. Failure details and mistake tags
    # stay in the prompt; copying them verbatim adds length and copy errors without adding a decision.
    # Tags are cited only when no tests ran, since then they are the evidence.
    if not ev:
        return f"Response {name}: no execution evidence."
    tests = ev.get("tests", "not run")
    tags = ev.get("mistake_tags") or ev.get("security")
    if tests == "not run" and tags:
        return f"Response {name}: tests not run; {tags[0] if isinstance(tags, (list, tuple)) else tags}."
    return f"Response {name}: tests {tests}."


def judgment(ev_a: dict[str, Any], ev_b: dict[str, Any], winner: str) -> str:
    """A short step-by-step judgment citing the evidence of both responses, ending in ``[[winner]]``.

    >>> print(judgment({"tests": "5/5 passed"}, {"tests": "1/5 passed"}, "A"))
    Response A: tests 5/5 passed.
    Response B: tests 1/5 passed.
    A passes more tests than B, so A is better.
    [[A]]
    """
    loser = "B" if winner == "A" else "A"
    steps = [
        _cite("A", ev_a),
        _cite("B", ev_b),
        f"{winner} passes more tests than {loser}, so {winner} is better.",
        f"[[{winner}]]",
    ]
    return "\n".join(steps)


def rationale_judgment(rat_a: str, rat_b: str, winner: str, criterion: str | None) -> str:
    """A judgment built from per-response rationales (annotations), ending in ``[[winner]]``."""
    on = f" on {criterion}" if criterion else ""
    return "\n".join(
        [
            f"Response A: {rat_a.strip()}",
            f"Response B: {rat_b.strip()}",
            f"Overall, {winner} is better{on}.",
            f"[[{winner}]]",
        ]
    )


def _texts(pair: JudgePair, better_first: bool) -> tuple[str, str, str]:
    """(label, correct judgment, wrong judgment) for this orientation."""
    label = "A" if better_first else "B"
    wrong = "B" if better_first else "A"
    if pair.rationale_better is not None and pair.rationale_worse is not None:
        ra, rb = (
            (pair.rationale_better, pair.rationale_worse)
            if better_first
            else (pair.rationale_worse, pair.rationale_better)
        )
        return (
            label,
            rationale_judgment(ra, rb, label, pair.criterion),
            rationale_judgment(ra, rb, wrong, pair.criterion),
        )
    ev_a, ev_b = (
        (pair.evidence_better, pair.evidence_worse)
        if better_first
        else (pair.evidence_worse, pair.evidence_better)
    )
    return label, judgment(ev_a, ev_b, label), judgment(ev_a, ev_b, wrong)


def _meta(pair: JudgePair, label: str) -> dict[str, Any]:
    return {
        "id": f"{pair.id}:{label}",
        "label": label,
        "source": pair.source,
        "difficulty": pair.difficulty,
        "group": pair.group or pair.id,
    }


def sft_row(pair: JudgePair, better_first: bool) -> dict[str, Any]:
    """TRL conversational SFT row: the judge prompt plus the correct judgment."""
    prompt, _ = oriented(pair, better_first)
    label, right, _ = _texts(pair, better_first)
    return {"messages": prompt + [{"role": "assistant", "content": right}], **_meta(pair, label)}


def dpo_row(pair: JudgePair, better_first: bool, rejected_text: str | None = None) -> dict[str, Any]:
    """TRL conversational preference row: the correct judgment over a wrong one.

    The default wrong judgment cites the same evidence and draws the wrong
    conclusion; RISE sampling passes a real sampled wrong judgment instead.
    """
    prompt, _ = oriented(pair, better_first)
    label, right, wrong = _texts(pair, better_first)
    return {
        "prompt": prompt,
        "chosen": [{"role": "assistant", "content": right}],
        "rejected": [{"role": "assistant", "content": rejected_text or wrong}],
        **_meta(pair, label),
    }


def heldout_row(pair: JudgePair, better_first: bool) -> dict[str, Any]:
    """A meta-evaluation row: the prompt and the label only."""
    prompt, label = oriented(pair, better_first)
    return {"prompt": prompt, **_meta(pair, label)}


def orientations(pair: JudgePair, swap: bool) -> list[bool]:
    """Both orders with swap augmentation; else one order chosen from a stable hash (balanced overall)."""
    if swap:
        return [True, False]
    return [sum(pair.id.encode()) % 2 == 0]
