"""A likely reason behind a failure (``taxonomies/reasons.yaml``), read from the evidence.

Heuristic, and marked so: the reasons are about why a model went wrong, which the code and
its test results only suggest. The rules, first match wins:

1. edge_case_oversight: every failing input is at the edge of its domain (empty, zero,
   negative, one element, None) while an ordinary input passes, or the repair that fixed it
   added the missing case;
2. incorrect_trained_knowledge: the mistake is a library call (a repair swapped or imported
   one, a built-in rejected how it was called, a stdlib name was used without its import);
3. misleading_function_signature: the arguments were used in each other's roles (a repair
   swapped them) or the result has the wrong type for the tests;
4. positional_sensitivity: the mistake is a position (index off by one, first/last, order);
5. io_demonstration_impact: the solution passes every example shown in the prompt and fails
   other, ordinary inputs;
6. misleading_specification (the question misunderstood): it fails the prompt's own examples
   or most tests, with no small repair.

>>> reason_for([], None).id
'misleading_specification'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from codejudge.types import ExecResult, Finding, TestCase, TestStatus
from codejudge.values import NotPlainData, decode

_FAILED = (TestStatus.FAILED, TestStatus.ERROR, TestStatus.TIMEOUT, TestStatus.MEMORY)
_NAME_ERROR = re.compile(r"NameError: name '(\w+)' is not defined")
_STDLIB_NAMES = {
    "prod",
    "gcd",
    "sqrt",
    "reduce",
    "Counter",
    "defaultdict",
    "deque",
    "floor",
    "ceil",
    "factorial",
    "comb",
    "isqrt",
    "permutations",
    "combinations",
    "heapq",
    "bisect",
    "re",
    "math",
    "lcm",
    "log",
}


@dataclass
class Reason:
    id: str
    confidence: float
    why: str
    heuristic: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "confidence": self.confidence, "why": self.why, "heuristic": self.heuristic}


def _args(t: TestCase) -> list[Any]:
    try:
        v = decode(t.args) if t.args is not None else []
    except (NotPlainData, RecursionError, TypeError, ValueError):
        return []
    return v if isinstance(v, list) else [v]


def _edge(args: list[Any]) -> bool:
    for v in args:
        if v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and v <= 0):
            return True
        if isinstance(v, (str, list, tuple, dict, set)) and len(v) <= 1:
            return True
    return False


def _shown(prompt: str, args: list[Any]) -> bool:
    """The input appears in the prompt (as Python or JSON text): one of its examples."""
    if not prompt or not args:
        return False
    for text in (", ".join(repr(a) for a in args), ", ".join(json.dumps(a) for a in args)):
        if len(text) >= 3 and (text in prompt or text.replace("'", '"') in prompt):
            return True
    return False


def reason_for(
    findings: list[Finding],
    result: ExecResult | None,
    tests: list[TestCase] | None = None,
    prompt: str = "",
    min_confidence: float = 0.5,
) -> Reason:
    """The likeliest reason for the failure in ``result``, given the tags in ``findings``."""
    tags = sorted(
        (f for f in findings if f.confidence >= min_confidence and f.category not in ("syntax", "security")),
        key=lambda f: -f.confidence,
    )
    top = tags[0] if tags else None
    edit = str(top.evidence.get("edit", "")) if top is not None else ""
    by_id = {t.id: t for t in tests or []}
    failing = [r for r in (result.tests if result else []) if r.status in _FAILED]
    passing = [r for r in (result.tests if result else []) if r.passed]
    fail_args = [_args(by_id[r.id]) for r in failing if r.id in by_id]
    pass_args = [_args(by_id[r.id]) for r in passing if r.id in by_id]
    if "missing case" in edit or (
        fail_args and all(_edge(a) for a in fail_args) and any(not _edge(a) for a in pass_args)
    ):
        return Reason(
            "edge_case_oversight",
            0.7,
            "fails only on edge inputs (empty, zero, negative, one element)"
            if "missing case" not in edit
            else f"repaired by adding the missing case: {edit}",
        )
    names = {m.group(1) for r in failing for m in [_NAME_ERROR.search(r.exception or "")] if m}
    if (
        (top is not None and top.category == "library_api_misuse")
        or names & _STDLIB_NAMES
        or any(r.exc_in_library for r in failing)
    ):
        return Reason("incorrect_trained_knowledge", 0.6, "the mistake is in how a library call was recalled")
    if "swap the arguments" in edit or (
        top is not None and top.code in ("CJ493", "CJ494", "CJ491") and "return `" in edit
    ):
        return Reason(
            "misleading_function_signature", 0.5, "arguments or the result type do not match the contract"
        )
    if top is not None and top.category in ("index_off", "operation_misorder"):
        return Reason(
            "positional_sensitivity", 0.6, f"the mistake is a position or an order ({top.category})"
        )
    shown = [
        r for r in (result.tests if result else []) if r.id in by_id and _shown(prompt, _args(by_id[r.id]))
    ]
    if shown and all(r.passed for r in shown) and failing:
        return Reason(
            "io_demonstration_impact", 0.5, "passes every example shown in the prompt, fails other inputs"
        )
    return Reason(
        "misleading_specification",
        0.4,
        "fails the prompt's own examples" if shown else "wrong on ordinary inputs with no small repair",
    )
