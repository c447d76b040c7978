"""Judge prompt templates, shared by the judge, the data synthesis and training.

One place defines what a judge sees, so a model trained on ``codejudge data``
output reads exactly the prompts ``codejudge judge`` sends it.

>>> msgs = pairwise_messages("Add two ints.", "def f(a,b): return a+b", "def f(a,b): return a-b")
>>> msgs[0]["role"], "[[A]]" in msgs[0]["content"]
('system', True)
"""

from __future__ import annotations

from typing import Any

PAIRWISE_SYSTEM = (
    "You are a careful code reviewer. Compare two responses to a coding instruction. "
    "Use the execution evidence when it is given: code that fails tests is worse than code "
    "that passes them. Reason step by step, briefly, citing the evidence. End with exactly one "
    "verdict on its own line: [[A]] if Response A is better, [[B]] if Response B is better, "
    "[[tie]] if they are equally good."
)

SINGLE_SYSTEM = (
    "You are a careful code reviewer. Rate the response to a coding instruction on the given "
    "criterion. Use the execution evidence when it is given. Reason briefly, then end with the "
    "rating on its own line in the form: Rating: [[N]]"
)


# Evidence keys rendered first, in this order (the rest follow alphabetically).
HEADLINE = ("tests", "no_code", "not_run")


def render_evidence(evidence: dict[str, Any] | None) -> str:
    """Evidence as short plain lines: the test count first, then the details (failing inputs, mistake tags).

    The headline fact leads so it sits right under its header whatever details follow (judgments
    cite it first; a small judge otherwise has to find it past a varying number of detail lines).

    >>> render_evidence({"tests": "0/5 passed", "failures": "test 0: failed", "mistake_tags": ["CJ401 x"]})
    '- tests: 0/5 passed\\n- failures: test 0: failed\\n- mistake_tags: CJ401 x'
    """
    if not evidence:
        return ""
    lines = []
    for key in sorted(
        evidence, key=lambda k: (k not in HEADLINE, HEADLINE.index(k) if k in HEADLINE else 0, k)
    ):
        value = evidence[key]
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value) or "none"
        lines.append(f"- {key}: {value}")
    return "\n".join(lines)


def pairwise_messages(
    instruction: str,
    response_a: str,
    response_b: str,
    evidence_a: dict[str, Any] | None = None,
    evidence_b: dict[str, Any] | None = None,
    criterion: str | None = None,
) -> list[dict[str, str]]:
    """Chat messages for a pairwise judgment (TRL conversational format)."""
    parts = [f"## Instruction\n{instruction.strip()}"]
    if criterion:
        parts.append(f"## Criterion\n{criterion.strip()}")
    parts.append(f"## Response A\n{response_a.strip()}")
    ev_a = render_evidence(evidence_a)
    if ev_a:
        parts.append(f"## Evidence for A\n{ev_a}")
    parts.append(f"## Response B\n{response_b.strip()}")
    ev_b = render_evidence(evidence_b)
    if ev_b:
        parts.append(f"## Evidence for B\n{ev_b}")
    return [
        {"role": "system", "content": PAIRWISE_SYSTEM},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def single_messages(
    instruction: str,
    response: str,
    criterion: str,
    scale: tuple[int, int] = (1, 5),
    rubric: str | None = None,
    evidence: dict[str, Any] | None = None,
    reference: str | None = None,
) -> list[dict[str, str]]:
    """Chat messages for a single-answer rating on ``scale``."""
    lo, hi = scale
    parts = [f"## Instruction\n{instruction.strip()}", f"## Criterion ({lo}-{hi})\n{criterion.strip()}"]
    if rubric:
        parts.append(f"## Rubric\n{rubric.strip()}")
    if reference:
        parts.append(f"## Reference solution\n{reference.strip()}")
    parts.append(f"## Response\n{response.strip()}")
    ev = render_evidence(evidence)
    if ev:
        parts.append(f"## Evidence\n{ev}")
    return [
        {"role": "system", "content": SINGLE_SYSTEM},
        {"role": "user", "content": "\n\n".join(parts)},
    ]
