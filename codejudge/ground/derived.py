"""Derived tests and the decision they support.

A ``DerivedTest`` is one input the grounding stage kept, with the source that
says what the right answer is:

=============  ==========================================================  ====
source         what makes it a test                                        rank
=============  ==========================================================  ====
reference      the reference solution's output on the input                1
statement      an example written in the instruction                       2
property       a response breaks a property on a valid input: raises,      3
               times out, returns the wrong type, is non-deterministic,
               contradicts a claim the instruction states (``stated.py``)
llm            a test an LLM wrote (``--llm``), weighted by agreement      4
differential   the responses disagree and nothing above says who is right  -
=============  ==========================================================  ====

``decide`` compares two responses source by source in that order; the first
source that separates them decides. ``differential`` tests never decide: when
they are all that separates the responses, the verdict says so.

>>> t = DerivedTest("s1", "statement", "f(1)", "line 3", expected=2, passed={0: True, 1: False})
>>> g = Grounding(codes=["a", "b"], tests=[t])
>>> decide(g, 0, 1)[:2]
(0, 'statement')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from codejudge.ground.mine import NO_VALUE
from codejudge.ground.values import short
from codejudge.types import TestSource

SOURCES: tuple[TestSource, ...] = ("statement", "reference", "differential", "property", "llm")
RANKED: tuple[TestSource, ...] = (
    "reference",
    "statement",
    "property",
    "llm",
)  # arbitration order; differential never decides


@dataclass
class DerivedTest:
    """One kept test: input, source, expected value (if any source gives one) and each response's result."""

    id: str
    source: str
    input: str  # how the input reads: "f([1, 2], 3)" or the first line of a stdin sample
    origin: str  # where it came from: "line 4: >>> f(1)", "mutation of example 2", ...
    expected: Any = NO_VALUE
    passed: dict[int, bool] = field(default_factory=dict)  # response index -> passed
    shown: dict[int, str] = field(default_factory=dict)  # response index -> "returned 3" / "raised ..."
    prop: str = ""  # the property broken (source "property")
    edge: bool = False  # an input outside what the examples showed (empty list, zero, ...)
    weight: float = 1.0  # LLM tests: agreement weight
    weak: bool = False  # property tests that may only mean the input was invalid (see decide)
    clause: str = ""  # statement tests read from a clause of the prose (``ground/clauses.py``): its rule

    @property
    def separating(self) -> bool:
        return len(set(self.passed.values())) > 1 or self.source == "differential"

    def to_dict(self, labels: dict[int, str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "input": self.input,
            "origin": self.origin,
        }
        if self.expected is not NO_VALUE:
            out["expected"] = short(self.expected, 120)
        if self.prop:
            out["property"] = self.prop
        if self.edge:
            out["edge"] = True
        if self.source == "llm":
            out["weight"] = round(self.weight, 3)
        for i, label in labels.items():
            if i in self.shown or i in self.passed:
                verdict = (
                    "" if self.source == "differential" else ("passed" if self.passed.get(i) else "failed")
                )
                out[label] = ": ".join(x for x in (verdict, self.shown.get(i, "")) if x)
        return out


@dataclass
class Grounding:
    """Everything the grounding stage found for a set of responses (indexed like ``codes``)."""

    codes: list[str]
    tests: list[DerivedTest] = field(default_factory=list)
    plans: dict[int, str] = field(default_factory=dict)  # index -> "add() (function)" or why not runnable
    notes: list[str] = field(default_factory=list)  # derivation failures and fallbacks, in words
    inputs_run: int = 0  # generated inputs run on every response
    cost_inputs: dict[int, list[list[Any]]] = field(
        default_factory=dict
    )  # index -> size ladder (its arg order)
    cost_plans: dict[int, tuple[str, str]] = field(
        default_factory=dict
    )  # index -> (source to measure, entry)
    cost_programs: dict[int, Any] = field(default_factory=dict)  # index -> Plan: timed program jobs
    cost_sizes: list[int] = field(default_factory=list)  # each ladder input's size (cost_inputs order)
    # stdin programs' ladder: (stdin text, size, index of its sample's entry: the start-up base)
    cost_stdin: list[tuple[str, int, int]] = field(default_factory=list)
    seconds: float = 0.0

    def by_source(self, source: str) -> list[DerivedTest]:
        return [t for t in self.tests if t.source == source]

    def disagreements(self, i: int, j: int) -> list[DerivedTest]:
        return [t for t in self.by_source("differential") if i in t.shown and j in t.shown]

    def evidence(self, labels: dict[int, str], limit: int = 25) -> dict[str, Any]:
        """JSON facts for the verdict: every statement test, every separating input (capped)."""
        shown = [t for t in self.tests if t.source == "statement" or t.separating]
        shown.sort(key=lambda t: (not t.separating, RANKED.index(t.source) if t.source in RANKED else 9))
        out: dict[str, Any] = {
            "entry": {labels[i]: p for i, p in self.plans.items() if i in labels},
            "counts": {s: len(self.by_source(s)) for s in SOURCES if self.by_source(s)},
            "generated_inputs": self.inputs_run,
            "seconds": round(self.seconds, 2),
            "tests": [t.to_dict(labels) for t in shown[:limit]],
        }
        if len(shown) > limit:
            out["tests_not_shown"] = len(shown) - limit
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def _score(tests: list[DerivedTest], i: int) -> tuple[float, float]:
    total = sum(t.weight for t in tests if i in t.passed)
    return sum(t.weight for t in tests if t.passed.get(i)), total


def _fraction(tests: list[DerivedTest], i: int) -> float:
    passed, total = _score(tests, i)
    return passed / total if total else 0.0


def _weak(t: DerivedTest) -> bool:
    return t.edge or t.weak


def _violations(tests: list[DerivedTest], i: int, weak: bool) -> int:
    return sum(1 for t in tests if _weak(t) == weak and t.passed.get(i) is False)


def decide(
    g: Grounding,
    i: int,
    j: int,
    sources: tuple[TestSource, ...] = RANKED,
    llm_margin: float = 0.1,
    labels: dict[int, str] | None = None,
) -> tuple[int, TestSource, str] | None:
    """``(winner index, source, rationale)`` from the first source that separates responses ``i``
    and ``j`` (named by ``labels`` in the rationale, "A"/"B" by default); None when none does."""
    names = labels or {i: "A", j: "B"}
    for source in sources:
        tests = [t for t in g.by_source(source) if i in t.passed and j in t.passed]
        if not tests:
            continue
        if source == "property":
            # Strong first: a crash or a wrong type on an ordinary input. Weak (a timeout, or anything
            # on an edge input the examples never showed) decides only when the responses agree on
            # every ordinary input: a wrong answer elsewhere would make the weak evidence moot.
            for weak in (False, True):
                vi, vj = _violations(tests, i, weak), _violations(tests, j, weak)
                if weak and any(not t.edge for t in g.disagreements(i, j)):
                    break
                if vi != vj:
                    w = i if vi < vj else j
                    return w, source, _property_rationale(tests, i, j, w, weak, names)
            continue
        if source == "statement":
            # The written examples first; a clause of the prose only where they do not separate.
            shown = [t for t in tests if not t.clause]
            tests = (
                shown
                if shown and _fraction(shown, i) != _fraction(shown, j)
                else [t for t in tests if t.clause] or shown
            )
        pi, ti = _score(tests, i)
        pj, tj = _score(tests, j)
        fi, fj = pi / ti if ti else 0.0, pj / tj if tj else 0.0
        margin = llm_margin if source == "llm" else 0.0
        if abs(fi - fj) > margin:
            w = i if fi > fj else j
            what = "clause" if source == "statement" and all(t.clause for t in tests) else source
            return w, source, _pass_rationale(what, tests, i, j, w, (pi, ti), (pj, tj), names)
    return None


_WHAT = {
    "reference": "the reference solution's outputs",
    "statement": "the examples in the instruction",
    "clause": "a clause of the instruction",
    "llm": "LLM-written tests",
}


def _pass_rationale(
    source: str,
    tests: list[DerivedTest],
    i: int,
    j: int,
    w: int,
    si: tuple[float, float],
    sj: tuple[float, float],
    names: dict[int, str],
) -> str:
    def fmt(s: tuple[float, float]) -> str:
        return f"{s[0]:g}/{s[1]:g}" if source != "llm" else f"{s[0]:.2f}/{s[1]:.2f} (weighted)"

    loser = j if w == i else i
    example = next((t for t in tests if t.passed.get(w) and not t.passed.get(loser)), None)
    tail = ""
    if example is not None:
        exp = f", expected {short(example.expected)}" if example.expected is not NO_VALUE else ""
        tail = f" On {example.input}: {names[loser]} {example.shown.get(loser, 'failed')}{exp}."
    return (
        f"Decided by {_WHAT[source]}: {names[i]} passes {fmt(si)}, {names[j]} passes {fmt(sj)}; "
        f"{names[w]} is more correct.{tail}"
    )


def _property_rationale(
    tests: list[DerivedTest], i: int, j: int, w: int, weak: bool, names: dict[int, str]
) -> str:
    loser = j if w == i else i
    bad = [t for t in tests if _weak(t) == weak and t.passed.get(loser) is False]
    t = bad[0]
    kind = (
        "inputs (edge cases, timeouts, overflows, or inputs from the types alone; the responses agree "
        "on every ordinary input)"
        if weak
        else "valid inputs"
    )
    return (
        f"Decided by a property: {names[loser]} breaks it on {len(bad)} {kind} where {names[w]} does not "
        f"({t.prop}: on {t.input} {names[loser]} {t.shown.get(loser, '')}, {names[w]} {t.shown.get(w, '')})."
    )


def disagreement_rationale(g: Grounding, i: int, j: int, labels: dict[int, str] | None = None) -> str:
    """Why the verdict is a tie although the responses differ."""
    names = labels or {i: "A", j: "B"}
    d = g.disagreements(i, j)
    t = d[0]
    return (
        f"The responses disagree on {len(d)} generated input(s), e.g. {t.input}: {names[i]} "
        f"{t.shown.get(i, '')}, {names[j]} {t.shown.get(j, '')}; nothing arbitrates (no reference, no "
        f"example in the instruction covers it, no property is broken), so the judge does not guess."
    )
