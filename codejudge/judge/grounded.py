"""The grounded judge: a verdict from evidence, naming the evidence that decided.

Evidence, strongest first:

1. tests run in the sandbox (correctness): more tests passed wins;
2. measured cost on the same inputs (efficiency criteria, both correct);
3. static findings: code that does not parse loses; fewer security findings
   wins for security criteria;
4. an optional LLM that sees the instruction, both responses and the evidence,
   parsed strictly (a parse failure is reported, never turned into a verdict).

>>> from codejudge.sandbox import get_executor                 # doctest: +SKIP
>>> judge = GroundedJudge(get_executor("bwrap"))               # doctest: +SKIP
>>> v = judge.pairwise("Add.", "def add(a, b): return a + b", "def add(a, b): return a - b",
...                    tests="assert add(2, 2) == 4", entry_point="add")   # doctest: +SKIP
>>> v.winner, v.decided_by                                     # doctest: +SKIP
('A', 'tests')
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from codejudge.extract.detect import detect_language
from codejudge.ground.derive import GroundConfig, ground
from codejudge.ground.derived import RANKED, SOURCES, Grounding, decide, disagreement_rationale
from codejudge.ground.mine import NO_VALUE, mine
from codejudge.ground.stdio_timing import REPS as STDIO_REPS
from codejudge.ground.stdio_timing import compare_stdio, measure_stdio_pair
from codejudge.ground.timing import (
    MEMORY_MEASURE,
    ROUNDS,
    SAMPLES,
    about_memory,
    compare_memory,
    compare_timing,
    measure_pair,
)
from codejudge.ground.values import short
from codejudge.judge import evidence as evid
from codejudge.judge.cost import compare_cost, measure_cost
from codejudge.judge.inputs import parse_tests
from codejudge.judge.llm import LLM
from codejudge.judge.parse import parse_pairwise, parse_rating
from codejudge.judge.prompts import pairwise_messages, single_messages
from codejudge.judge.rubrics import criterion_kind, rubric_for
from codejudge.sandbox.base import Executor
from codejudge.types import Evidence, TestCase, Verdict, Winner
from codejudge.values import encode

_FLIP: dict[Winner | None, Winner | None] = {"A": "B", "B": "A", "tie": "tie", None: None}


@dataclass
class PairItem:
    """One pairwise question (the arguments of ``GroundedJudge.pairwise``)."""

    instruction: str
    response_a: str
    response_b: str
    tests: Any = None
    reference: str | None = None
    criterion: str | None = None
    entry_point: str | None = None
    language: str = "python"  # or "auto": told from the answers (codejudge.extract.detect)


@dataclass
class SingleItem:
    """One single-answer question (the arguments of ``GroundedJudge.single``)."""

    instruction: str
    response: str
    tests: Any = None
    reference: str | None = None
    criterion: str | None = None
    entry_point: str | None = None
    language: str = "python"
    scale: tuple[int, int] | None = None


@dataclass
class _Pending:
    """A pair whose evidence is gathered; the verdict may still need the LLM."""

    item: PairItem
    ev: list[Evidence]
    verdict: Verdict | None  # decided by evidence, or None -> LLM
    notes: list[str] = field(default_factory=list)
    grounding: Grounding | None = None  # derived tests (no tests given, or given tests tied)
    idx: tuple[int, int] = (0, 1)  # positions of A and B in grounding.codes


class GroundedJudge:
    """Judge responses by evidence first, LLM last.

    ``executor`` runs tests (None: no execution, e.g. an LLM-only judge);
    ``llm`` breaks ties the evidence leaves (None: ties stay ties);
    ``swap`` asks the LLM in both orders and reports position consistency;
    ``workers`` pairs are prepared in parallel (sandbox runs are mostly waiting);
    ``equality="python"`` compares outputs as evalplus does (``2 == 2.0``);
    ``fail_fast`` stops each response's tests at its first failure (fast on big
    test sets; partial credit then only counts tests before the first failure);
    ``use_tests=False`` ignores tests; ``grounded=False`` gathers no evidence at
    all and leaves every decision to the LLM (the baseline a grounded judge is
    compared with). ``derive`` names the sources the grounding stage
    (``codejudge.ground``) may use when the caller gives no tests, or the given
    tests do not separate the responses: ``statement``, ``reference``,
    ``differential``, ``property``, ``llm`` (``()`` turns it off).
    """

    def __init__(
        self,
        executor: Executor | None,
        llm: LLM | None = None,
        swap: bool = False,
        use_tests: bool = True,
        cost_ratio: float = 1.25,
        grounded: bool = True,
        workers: int = 2,
        equality: str = "strict",
        fail_fast: bool = False,
        derive: tuple[str, ...] | list[str] = SOURCES,
        ground_config: GroundConfig | None = None,
    ) -> None:
        self.executor, self.llm, self.swap, self.grounded = executor, llm, swap, grounded
        self.use_tests, self.cost_ratio, self.workers = use_tests, cost_ratio, max(1, workers)
        self.equality, self.fail_fast = equality, fail_fast
        self.derive = tuple(s for s in SOURCES if s in derive)
        self.ground_config = ground_config or GroundConfig()
        # Evidence and reference-computed tests, memoized per distinct input. Futures
        # so that two threads asking for the same code wait for one sandbox run.
        self._memo: dict[tuple[Any, ...], Future[Any]] = {}
        self._memo_lock = threading.Lock()

    # ----------------------------------------------------------------- pairwise
    def pairwise(
        self,
        instruction: str,
        response_a: str,
        response_b: str,
        tests: Any = None,
        reference: str | None = None,
        criterion: str | None = None,
        entry_point: str | None = None,
        language: str = "python",
    ) -> Verdict:
        """Which response is better: ``winner`` "A", "B" or "tie"."""
        item = PairItem(
            instruction, response_a, response_b, tests, reference, criterion, entry_point, language
        )
        return self.pairwise_many([item])[0]

    def pairwise_many(self, items: list[PairItem]) -> list[Verdict]:
        """Judge many pairs; the LLM (if needed) is called once, batched."""
        pending = self._map(self._prepare_pair, items)
        need = [p for p in pending if p.verdict is None and self.llm is not None]
        if need:
            self._ask_llm_pairs(need)
        out = []
        for p in pending:
            v = p.verdict or self._undecided(p)
            if self.grounded:
                v.evidence.setdefault("A", evid.summary(p.ev[0]))
                v.evidence.setdefault("B", evid.summary(p.ev[1]))
            if p.grounding is not None:
                v.evidence["derived"] = p.grounding.evidence({p.idx[0]: "A", p.idx[1]: "B"})
            if p.notes:
                v.evidence["notes"] = p.notes
            out.append(v)
        return out

    def _prepare_pair(self, it: PairItem) -> _Pending:
        it, said = _resolve_language(it, [it.response_a, it.response_b])
        if not self.grounded:
            return _Pending(it, [Evidence("A"), Evidence("B")], None, said)
        tests, notes = self._tests(it.tests, it.reference, it.entry_point, it.language)
        notes = said + notes
        kind = criterion_kind(it.criterion)
        ev = [
            self._gather(r, tests, it.entry_point, it.language, kind == "efficiency")
            for r in (it.response_a, it.response_b)
        ]
        pending = _Pending(it, ev, None, notes)
        if any(e.not_run for e in ev):
            # Code codejudge could not run is said so, never dressed up as an ordinary tie (an LLM may still judge).
            if self.llm is None:
                pending.verdict = _not_run_verdict(ev)
            return pending
        ev = pending.ev = self._diagnose_by_reference(it, ev)
        rules: list[Callable[[int, int], Verdict | None]] = [
            lambda x, y: _decide_by_tests(ev[x], ev[y], kind, self.cost_ratio)
        ]
        if self._derives() and not tests:
            rules.append(lambda x, y: self._decide_no_code(it, ev, x, y))
        if self._derives():
            rules.append(lambda x, y: self._decide_by_grounding(pending, kind, x, y))
        rules.append(lambda x, y: _decide_static(ev[x], ev[y], kind))
        for rule in rules:
            first = rule(0, 1)
            if first is not None:
                # Evidence rules are symmetric by construction; checking the swapped
                # order costs nothing (evidence is cached) and proves it per pair.
                second = rule(1, 0)
                first.evidence["position_consistent"] = (
                    second is not None and _FLIP[second.winner] == first.winner
                )
                pending.verdict = first
                break
        return pending

    def _decide_no_code(self, it: PairItem, ev: list[Evidence], x: int, y: int) -> Verdict | None:
        """No tests given and one answer holds no code: it passes nothing, so the other wins when it passes
        at least one derived test (the reference's outputs, an example of the instruction, an LLM-written test)."""
        if bool(ev[x].no_code) == bool(ev[y].no_code):
            return None
        w, lose = (x, y) if ev[y].no_code else (y, x)
        response = (it.response_a, it.response_b)[w]
        g = self._ground_single(
            SingleItem(
                it.instruction, response, None, it.reference, it.criterion, it.entry_point, it.language
            )
        )
        if g is None:
            return None
        winner: Winner = "B" if w == y else "A"
        loser = "AB"[lose == y]
        for source in RANKED:
            tests = [t for t in g.by_source(source) if 0 in t.passed]
            passed = sum(bool(t.passed[0]) for t in tests)
            if passed:
                what = {
                    "reference": "tests from the reference solution",
                    "statement": "examples of the instruction",
                    "llm": "LLM-written tests",
                }.get(source, f"{source} tests")
                return Verdict(
                    winner=winner,
                    confidence=0.8,
                    decided_by=source,
                    rationale=f"{loser} holds no code ({ev[lose].no_code}), so it passes nothing; "
                    f"{winner} passes {passed}/{len(tests)} {what}.",
                )
        return None

    def _derives(self) -> bool:
        return bool(self.derive) and self.executor is not None and self.use_tests

    def pair_grounding(self, item: PairItem) -> tuple[Grounding, tuple[int, int]] | None:
        """The derived tests of a pair and the positions of A and B in them (None: identical codes).

        Memoized with the judge's own runs, so asking after ``pairwise_many`` costs nothing.
        """
        return self._grounding(item, criterion_kind(item.criterion) == "efficiency")

    def _grounding(self, it: PairItem, efficiency: bool) -> tuple[Grounding, tuple[int, int]] | None:
        """The grounding of the pair (memoized on the unordered pair of codes, so B-vs-A is free)."""
        found = [
            evid.code_for_judge(r, it.language, it.entry_point)[0] for r in (it.response_a, it.response_b)
        ]
        if found[0] is None or found[1] is None or found[0] == found[1]:
            return None
        codes = [found[0], found[1]]
        ref = evid.code_for_judge(it.reference, it.language, it.entry_point)[0] if it.reference else None
        key = (
            "ground",
            it.instruction,
            tuple(sorted(codes)),
            ref,
            it.language,
            efficiency,
            self.derive,
            self.llm is not None,
            tuple(sorted((it.response_a, it.response_b))),  # their example calls seed inputs
        )
        executor, sources = self.executor, self.derive
        assert executor is not None
        cfg = GroundConfig(**{**self.ground_config.__dict__, "sources": sources})
        llm = self.llm if "llm" in sources else None
        g = self._memoized(
            key,
            lambda: ground(
                executor,
                it.instruction,
                sorted(codes),
                ref,
                it.language,
                llm=llm,
                efficiency=efficiency,
                config=cfg,
                shown=sorted((it.response_a, it.response_b)),
            ),
        )
        return g, (g.codes.index(codes[0]), g.codes.index(codes[1]))

    def _decide_by_grounding(self, p: _Pending, kind: str, x: int, y: int) -> Verdict | None:
        """Derived tests decide (or, for efficiency, cost on the size ladder) for (A=x, B=y)."""
        if p.grounding is None:
            got = self._grounding(p.item, kind == "efficiency")
            if got is None:
                return None
            p.grounding, p.idx = got
        g = p.grounding
        ia, ib = p.idx[x], p.idx[y]
        labels = {ia: "A", ib: "B"}
        got_decision = decide(g, ia, ib, labels=labels)
        if got_decision is not None:
            w, source, why = got_decision
            winner: Winner = "A" if w == ia else "B"
            conf = {"reference": 0.9, "statement": 0.9, "property": 0.75, "llm": 0.6}[source]
            return Verdict(winner=winner, confidence=conf, decided_by=source, rationale=why)
        if kind == "efficiency" and not g.disagreements(ia, ib) and ia != ib and g.cost_programs:
            styles = {getattr(g.cost_programs.get(i), "style", None) for i in (ia, ib)}
            if styles == {"stdio"}:
                return self._ladder_stdio(p, g, ia, ib)
            return self._ladder_timing(p, g, ia, ib)
        if kind == "efficiency" and not g.disagreements(ia, ib) and g.cost_inputs:
            ca, cb = self._ladder_cost(g, ia), self._ladder_cost(g, ib)
            cheaper, why = compare_cost(ca, cb, self.cost_ratio)
            if cheaper in ("A", "B"):
                return Verdict(
                    winner=cheaper,
                    confidence=0.7,
                    decided_by="cost",
                    rationale=f"No derived test separates them; on generated inputs of growing size, {why}.",
                )
        return None

    def _ladder_timing(self, p: _Pending, g: Grounding, ia: int, ib: int) -> Verdict | None:
        """Program answers: CPU time per call on the ladder, measured in the grounding's own order
        (so both orders of a pair get one measurement and the same decision)."""
        lo, hi = sorted((ia, ib))
        if lo not in g.cost_programs or hi not in g.cost_programs:
            return None
        sides = [
            (g.codes[i], g.cost_programs[i], {f"ladder{k}": a for k, a in enumerate(g.cost_inputs[i])})
            for i in (lo, hi)
        ]
        executor = self.executor
        assert executor is not None
        key = ("ladder-timing", g.codes[lo], g.codes[hi], tuple(repr(a) for a in g.cost_inputs[lo]))
        tl, th = self._memoized(key, lambda: measure_pair(executor, sides, job_id="ladder-timing"))
        sizes = {f"ladder{k}": n for k, n in enumerate(g.cost_sizes)}
        labels = {ia: "A", ib: "B"}
        pair = (labels[lo], labels[hi])
        by_time = compare_timing(tl, th, sizes, pair)
        by_memory = compare_memory(tl, th, sizes, pair)
        memory_first = about_memory(p.item.criterion, p.item.instruction)
        # Time decides unless the question is about memory; the other measure decides only where
        # the first leaves a tie (both are measured in the same jobs).
        ranked = [("memory", by_memory), ("time", by_time)]
        if not memory_first:
            ranked.reverse()
        decided = next(((what, w, why) for what, (w, why) in ranked if w is not None), None)
        if decided is None:
            note = f"efficiency not decided by measured CPU time: {by_time[1]}; nor by memory: {by_memory[1]}"
            if not any(n.startswith("efficiency not decided") for n in p.notes):
                p.notes.append(note)  # once per pair: the swapped order asks again
            return None
        what, w, why = decided
        winner: Winner = "A" if w == "A" else "B"
        if what == "time":
            how = (
                f"CPU time per call measured in the sandbox after warm-up, compile and start-up "
                f"excluded, best of {SAMPLES} samples, {ROUNDS} interleaved rounds"
            )
        else:
            how = (
                f"memory per call measured in the sandbox: {MEMORY_MEASURE[g.cost_programs[lo].language]}; "
                f"least of 3 calls, {ROUNDS} interleaved rounds"
                + ("; the question is about memory" if memory_first else "; CPU time did not separate them")
            )
        return Verdict(
            winner=winner,
            confidence=0.65,
            decided_by="cost",
            rationale=f"No derived test separates them; on generated inputs of growing size, {why} ({how}).",
        )

    def _ladder_stdio(self, p: _Pending, g: Grounding, ia: int, ib: int) -> Verdict | None:
        """Whole programs reading stdin: CPU time of whole runs on grown samples, each program's
        run on the sample itself subtracted (its start-up), in the grounding's own order."""
        lo, hi = sorted((ia, ib))
        if not g.cost_stdin:
            if not any(n.startswith("efficiency not decided") for n in p.notes):
                p.notes.append("efficiency not decided: no sample input could be grown into a size ladder")
            return None
        inputs = {f"s{k}": text for k, (text, _, _) in enumerate(g.cost_stdin)}
        base_of = {f"s{k}": f"s{b}" for k, (_, _, b) in enumerate(g.cost_stdin) if b != k}
        sizes = {f"s{k}": n for k, (_, n, _) in enumerate(g.cost_stdin)}
        sides = [(g.codes[i], g.cost_programs[i].language) for i in (lo, hi)]
        executor = self.executor
        assert executor is not None
        key = ("stdio-timing", g.codes[lo], g.codes[hi], tuple(inputs.values()))
        tl, th = self._memoized(key, lambda: measure_stdio_pair(executor, sides, inputs))
        labels = {ia: "A", ib: "B"}
        w, why = compare_stdio(tl, th, base_of, sizes, (labels[lo], labels[hi]))
        if w is None:
            if not any(n.startswith("efficiency not decided") for n in p.notes):
                p.notes.append(f"efficiency not decided by measured CPU time: {why}")
            return None
        return Verdict(
            winner="A" if w == "A" else "B",
            confidence=0.65,
            decided_by="cost",
            rationale=(
                f"No derived test separates them; on the statement's samples grown to larger inputs, {why} "
                f"(CPU time of whole runs counted by the kernel, compile excluded, start-up subtracted, "
                f"least of {STDIO_REPS} runs, {ROUNDS} interleaved rounds)."
            ),
        )

    def _ladder_cost(self, g: Grounding, i: int) -> dict[str, Any]:
        source, entry = g.cost_plans.get(i, ("", ""))
        if not source or not entry:
            return {}
        tests = [
            TestCase(id=f"ladder{k}", args=encode(a), expected=None) for k, a in enumerate(g.cost_inputs[i])
        ]
        executor = self.executor
        assert executor is not None
        key = ("ladder-cost", source, entry, tuple(repr(a) for a in g.cost_inputs[i]))
        return self._memoized(key, lambda: measure_cost(executor, source, entry, tests, job_id="ladder-cost"))

    def _ask_llm_pairs(self, need: list[_Pending]) -> None:
        assert self.llm is not None
        convs = []
        for p in need:
            it = p.item
            sa, sb = (evid.summary(p.ev[0]), evid.summary(p.ev[1])) if self.grounded else (None, None)
            if p.grounding is not None and sa is not None and sb is not None:
                sa, sb = _with_derived(sa, sb, p.grounding, p.idx)
            convs.append(
                pairwise_messages(it.instruction, it.response_a, it.response_b, sa, sb, it.criterion)
            )
            if self.swap:
                convs.append(
                    pairwise_messages(it.instruction, it.response_b, it.response_a, sb, sa, it.criterion)
                )
        texts = self.llm.generate(convs)
        step = 2 if self.swap else 1
        for i, p in enumerate(need):
            raw = texts[i * step : (i + 1) * step]
            p.verdict = _llm_pair_verdict(raw, self.llm.name)

    def _undecided(self, p: _Pending) -> Verdict:
        g = p.grounding
        if g is not None and g.disagreements(*p.idx):
            tail = " Pass --llm to let an LLM arbitrate." if self.llm is None else ""
            return Verdict(
                winner="tie",
                confidence=0.0,
                decided_by="disagreement",
                rationale=disagreement_rationale(g, p.idx[0], p.idx[1]) + tail,
                evidence={"position_consistent": True},
            )
        ca, cb = evid.pass_counts(p.ev[0]), evid.pass_counts(p.ev[1])
        no_code = [side for side, e in zip("AB", p.ev) if e.no_code]
        if len(no_code) == 2:
            why = "neither answer holds code"
        elif no_code:
            other = "B" if no_code[0] == "A" else "A"
            counts = cb if other == "B" else ca
            shown = (
                f"passes {counts[0]}/{counts[1]} tests"
                if counts is not None
                else "no derived test shows that it works"
            )
            why = f"{no_code[0]} holds no code ({p.ev['AB'.index(no_code[0])].no_code}) and {other} {shown}"
        elif ca is not None:
            why = f"both pass {ca[0]}/{ca[1]} tests" if ca == cb else "tests do not separate them"
        elif g is not None and (failing := _all_failed(g, p.idx)):
            why = failing
        elif g is not None and g.tests:
            why = f"they agree on all {len(g.tests)} derived tests and {g.inputs_run} generated inputs"
        elif g is not None:
            why = "no test could be derived (" + ("; ".join(g.notes[-2:]) or "nothing to derive from") + ")"
        else:
            why = "no tests were run"
        why += "".join(f"; {n}" for n in p.notes if n.startswith("efficiency not decided"))
        tail = "; no LLM was given to break the tie" if self.llm is None else ""
        return Verdict(
            winner="tie",
            confidence=0.0,
            decided_by="none",
            rationale=f"No evidence separates the responses: {why}{tail}.",
            evidence={"position_consistent": True},
        )

    # ------------------------------------------------------------------- single
    def single(
        self,
        instruction: str,
        response: str,
        tests: Any = None,
        reference: str | None = None,
        criterion: str | None = None,
        entry_point: str | None = None,
        language: str = "python",
        scale: tuple[int, int] | None = None,
    ) -> Verdict:
        """Rate one response: 1-5 on a preference criterion, 1-10 when a reference is given."""
        item = SingleItem(instruction, response, tests, reference, criterion, entry_point, language, scale)
        return self.single_many([item])[0]

    def single_many(self, items: list[SingleItem]) -> list[Verdict]:
        out: list[Verdict | None] = []
        asks: list[tuple[int, list[dict[str, str]], tuple[int, int], dict[str, Any]]] = []
        for it in items:
            it, said = _resolve_language(it, [it.response])
            scale = it.scale or ((1, 10) if it.reference else (1, 5))
            tests, notes = self._tests(it.tests, it.reference, it.entry_point, it.language)
            notes = said + notes
            kind = criterion_kind(it.criterion)
            if self.grounded:
                ev = self._gather(it.response, tests, it.entry_point, it.language, kind == "efficiency")
            else:
                ev = Evidence("response")
            ref_ev = None
            if kind == "efficiency" and it.reference and tests:
                ref_ev = self._gather(it.reference, tests, it.entry_point, it.language, True)
            summ = evid.summary(ev) if self.grounded else {}
            if notes:
                summ["notes"] = notes
            v = _score_by_evidence(ev, ref_ev, kind, scale)
            if ev.not_run and tests and self.executor is not None and self.llm is None:
                v = Verdict(
                    decided_by="not_run",
                    confidence=0.0,
                    evidence=summ,
                    rationale=f"The response's code did not run: {ev.not_run}.",
                )
            if (
                self.grounded
                and not tests
                and not ev.not_run
                and self._derives()
                and (v is None or v.decided_by != "tests")
            ):
                g = self._ground_single(it)
                if g is not None:
                    summ["derived"] = g.evidence({0: "response"})
                    v = _score_by_grounding(g, kind, scale) or v
            if self.grounded and not tests and ev.no_code and self._derives() and v is None:
                v = _score_no_code(it.instruction, ev.no_code, scale)
            if v is None and self.llm is not None:
                name, rubric = rubric_for(it.criterion)
                msgs = single_messages(it.instruction, it.response, name, scale, rubric, summ, it.reference)
                asks.append((len(out), msgs, scale, summ))
            elif v is None:
                v = Verdict(
                    decided_by="none",
                    evidence=summ,
                    rationale=f"No evidence bears on '{it.criterion or 'correctness'}' "
                    "and no LLM was given (pass --llm).",
                )
            if v is not None:
                v.evidence = {**summ, **v.evidence}
            out.append(v)
        if asks:
            assert self.llm is not None
            texts = self.llm.generate([a[1] for a in asks])
            for (idx, _, scale, summ), text in zip(asks, texts):
                score, err = parse_rating(text, scale)
                out[idx] = Verdict(
                    score=score,
                    confidence=0.5 if err is None else 0.0,
                    decided_by="llm" if err is None else "none",
                    llm_raw=text,
                    parse_error=err,
                    rationale=(
                        f"{self.llm.name} rated {score}"
                        if err is None
                        else f"LLM output could not be parsed: {err}"
                    ),
                    evidence=dict(summ),
                )
        return [v for v in out if v is not None]

    def _ground_single(self, it: SingleItem) -> Grounding | None:
        code = evid.code_for_judge(it.response, it.language, it.entry_point)[0]
        if code is None:
            return None
        ref = evid.code_for_judge(it.reference, it.language, it.entry_point)[0] if it.reference else None
        sources = tuple(s for s in self.derive if s in ("statement", "reference", "llm"))
        key = (
            "ground-single",
            it.instruction,
            code,
            ref,
            it.language,
            sources,
            self.llm is not None,
            it.response,
        )
        executor = self.executor
        assert executor is not None
        cfg = GroundConfig(**{**self.ground_config.__dict__, "sources": sources})
        llm = self.llm if "llm" in sources else None
        return self._memoized(
            key,
            lambda: ground(
                executor, it.instruction, [code], ref, it.language, llm=llm, config=cfg, shown=[it.response]
            ),
        )

    # ------------------------------------------------------------------ helpers
    def _tests(
        self, tests: Any, reference: str | None, entry_point: str | None, language: str
    ) -> tuple[list[TestCase], list[str]]:
        if not self.use_tests or not self.grounded or self.executor is None:
            return [], []
        parsed = parse_tests(tests)
        if reference and parsed and parsed[0].kind == "function":
            ref_code, info = evid.code_for_judge(reference, language, entry_point)
            if ref_code is None:
                why = info.get("not_run") or info.get("no_code")
                return [t for t in parsed if t.expected is not None], [f"reference not used: {why}"]
            key = ("reference", ref_code, tuple(repr(t.to_dict()) for t in parsed), entry_point, language)
            executor = self.executor
            parsed, note = self._memoized(
                key, lambda: evid.fill_expected(executor, ref_code, parsed, entry_point, language)
            )
            return parsed, [note] if note else []
        if any(t.kind == "function" and t.expected is None for t in parsed):
            return [t for t in parsed if t.expected is not None], [
                "tests without output and no reference: skipped"
            ]
        return parsed, []

    def _gather(
        self, response: str, tests: list[TestCase], entry_point: str | None, language: str, with_cost: bool
    ) -> Evidence:
        code, info = evid.code_for_judge(response, language, entry_point)
        if code is None and "no_code" in info:
            return evid.no_code_evidence(info["no_code"], tests, info)
        if code is None:
            return Evidence(candidate_id="no-code", not_run=info["not_run"], extraction=info)
        key = ("evidence", code, tuple(repr(t.to_dict()) for t in tests), entry_point, language, with_cost)
        ev = self._memoized(
            key,
            lambda: evid.gather(
                self.executor,
                code,
                tests,
                entry_point,
                language,
                with_cost,
                equality=self.equality,
                fail_fast=self.fail_fast,
            ),
        )
        return dataclasses.replace(ev, extraction=info)  # the memoized evidence is shared: copy

    def _diagnose_by_reference(self, it: PairItem, ev: list[Evidence]) -> list[Evidence]:
        """Mistake tags for a failing response from the few places where it differs from a correct
        one: the user's reference, else the other response when it passes every test."""
        if it.language != "python":
            return ev
        codes = [
            evid.code_for_judge(r, it.language, it.entry_point)[0] for r in (it.response_a, it.response_b)
        ]
        passed = [c is not None and c[1] > 0 and c[0] == c[1] for c in map(evid.pass_counts, ev)]
        out = list(ev)
        for i in (0, 1):
            result = ev[i].exec_result
            failing = result is not None and not result.passed
            ref = (
                evid.code_for_judge(it.reference, it.language, it.entry_point)[0]
                if it.reference
                else (codes[1 - i] if passed[1 - i] else None)
            )
            code = codes[i]
            if failing and ref and code:
                out[i] = evid.with_reference(ev[i], code, ref, it.entry_point)
        return out

    def _memoized(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        with self._memo_lock:
            fut = self._memo.get(key)
            mine = fut is None
            if mine:
                if len(self._memo) > 4096:  # bounded: a long run sees each code only a few times
                    self._memo.clear()
                fut = self._memo[key] = Future()
        assert fut is not None
        if mine:
            try:
                fut.set_result(compute())
            except BaseException as exc:  # noqa: BLE001 - re-raised to every waiter by the future
                fut.set_exception(exc)
                with self._memo_lock:
                    self._memo.pop(key, None)
        return fut.result()

    def _map(self, fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        if self.workers == 1 or len(items) <= 1 or self.executor is None:
            return [fn(it) for it in items]
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(fn, items))


# ---------------------------------------------------------------------- rules
def _not_run_verdict(ev: list[Evidence]) -> Verdict:
    """A pair whose code (one side or both) never ran: a tie that says so, with each reason."""
    why = "; ".join(f"{side}: {e.not_run}" for side, e in zip("AB", ev) if e.not_run)
    return Verdict(
        winner="tie",
        confidence=0.0,
        decided_by="not_run",
        rationale=f"Not judged: the code did not run ({why}).",
        evidence={"position_consistent": True},
    )


def _decide_by_tests(a: Evidence, b: Evidence, kind: str, cost_ratio: float) -> Verdict | None:
    """Given tests decide (A=a, B=b); for efficiency, then cost on the tests' inputs."""
    ca, cb = evid.pass_counts(a), evid.pass_counts(b)
    if ca is not None and cb is not None and ca[1] and cb[1]:
        fa, fb = ca[0] / ca[1], cb[0] / cb[1]
        if fa != fb:
            w: Winner = "A" if fa > fb else "B"
            return Verdict(
                winner=w,
                confidence=round(min(0.99, 0.5 + abs(fa - fb) / 2), 3),
                decided_by="tests",
                rationale=f"A passes {ca[0]}/{ca[1]} tests, B passes {cb[0]}/{cb[1]}; {w} is more correct.",
            )
        if kind == "efficiency" and fa == 1.0:
            cheaper, why = compare_cost(a.cost, b.cost, cost_ratio)
            if cheaper in ("A", "B"):
                return Verdict(
                    winner=cheaper,
                    confidence=0.8,
                    decided_by="cost",
                    rationale=f"Both pass all {ca[1]} tests; {why}.",
                )
    return None


def _decide_static(a: Evidence, b: Evidence, kind: str) -> Verdict | None:
    """Code that does not parse loses; for security criteria, fewer security findings win."""
    sa, sb = evid.syntax_error(a), evid.syntax_error(b)
    if (sa is None) != (sb is None):
        w: Winner = "A" if sa is None else "B"
        bad = sb if sa is None else sa
        assert bad is not None
        return Verdict(
            winner=w,
            confidence=0.9,
            decided_by="static",
            rationale=f"{_FLIP[w]} does not parse ({bad.message}); {w} does.",
        )
    if kind == "security":
        na = sum(f.category == "security" for f in a.findings)
        nb = sum(f.category == "security" for f in b.findings)
        if na != nb:
            w = "A" if na < nb else "B"
            return Verdict(
                winner=w,
                confidence=0.7,
                decided_by="static",
                rationale=f"Security findings: A has {na}, B has {nb}; {w} is safer.",
            )
    return None


_Item = TypeVar("_Item", PairItem, SingleItem)


def _resolve_language(it: _Item, responses: list[str]) -> tuple[_Item, list[str]]:
    """``language="auto"`` (a row that names none) -> the language the answers are in, and a note
    saying how it was told (``codejudge.extract.detect``)."""
    if (it.language or "auto").strip().lower() != "auto":
        return it, []
    lang, why = detect_language(it.instruction, responses)
    return dataclasses.replace(it, language=lang), [f"language: {lang} ({why}; the row names none)"]


def _all_failed(g: Grounding, idx: tuple[int, int]) -> str:
    """Why both answers fail every derived test they ran (a build failure, mostly), else ''; "they
    agree on all tests" would hide that neither could be run."""
    i, j = idx
    tests = [t for t in g.tests if i in t.passed and j in t.passed]
    if not tests or any(t.passed[i] or t.passed[j] for t in tests):
        return ""
    first = tests[0]
    return (
        f"both fail every derived test ({len(tests)}); on {first.input}: A {first.shown.get(i, 'failed')}, "
        f"B {first.shown.get(j, 'failed')}"
    )


def _with_derived(
    sa: dict[str, Any], sb: dict[str, Any], g: Grounding, idx: tuple[int, int]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Add the derived tests to the facts the LLM sees (statement results, disagreements)."""
    ia, ib = idx
    sa, sb = dict(sa), dict(sb)
    for facts, i in ((sa, ia), (sb, ib)):
        st = [t for t in g.by_source("statement") if i in t.passed]
        if st:
            facts["instruction examples"] = f"{sum(t.passed[i] for t in st)}/{len(st)} passed"
            bad = [f"{t.input}: {t.shown[i]}, expected {short(t.expected)}" for t in st if not t.passed[i]][
                :3
            ]
            if bad:
                facts["failed examples"] = bad
    dis = g.disagreements(ia, ib)[:3]
    if dis:
        sa["differs from B on"] = [f"{t.input}: {t.shown.get(ia, '')}" for t in dis]
        sb["differs from A on"] = [f"{t.input}: {t.shown.get(ib, '')}" for t in dis]
    return sa, sb


def _score_by_evidence(
    ev: Evidence, ref: Evidence | None, kind: str, scale: tuple[int, int]
) -> Verdict | None:
    lo, hi = scale
    counts = evid.pass_counts(ev)
    if counts is not None and counts[1] and (kind == "correctness" or counts[0] < counts[1]):
        # Failing tests cap every criterion: wrong code is not efficient or readable.
        frac = counts[0] / counts[1]
        score = round(lo + (hi - lo) * frac) if kind == "correctness" else lo
        no_code = f" (it holds no code: {ev.no_code})" if ev.no_code else ""
        return Verdict(
            score=score,
            confidence=0.9,
            decided_by="tests",
            rationale=f"Passes {counts[0]}/{counts[1]} tests{no_code}.",
        )
    if kind == "efficiency" and ev.cost and ref is not None and ref.cost:
        ratio = ev.cost["steps"] / max(1, ref.cost["steps"])
        # Steps relative to the reference solution on the same inputs.
        frac = (
            1.0
            if ratio <= 1.25
            else 0.75
            if ratio <= 2
            else 0.5
            if ratio <= 5
            else 0.25
            if ratio <= 20
            else 0.0
        )
        return Verdict(
            score=round(lo + (hi - lo) * frac),
            confidence=0.7,
            decided_by="cost",
            rationale=f"{ev.cost['steps']} bytecode steps, {ratio:.2f}x the reference's {ref.cost['steps']}.",
        )
    if kind == "security" and ev.findings is not None:
        n = sum(f.category == "security" for f in ev.findings)
        return Verdict(
            score=max(lo, hi - 2 * n),
            confidence=0.6,
            decided_by="static",
            rationale=f"{n} security finding(s).",
        )
    if kind == "correctness" and counts is None and evid.syntax_error(ev) is not None:
        return Verdict(score=lo, confidence=0.9, decided_by="static", rationale="The code does not parse.")
    return None


def _score_no_code(instruction: str, reason: str, scale: tuple[int, int]) -> Verdict | None:
    """No tests given and no code in the answer: the lowest score when the instruction shows examples
    (it passes none of them); None otherwise (nothing to measure it against)."""
    examples = [e for e in mine(instruction).examples if e.expected is not NO_VALUE or e.stdout is not None]
    if not examples:
        return None
    return Verdict(
        score=scale[0],
        confidence=0.8,
        decided_by="statement",
        rationale=f"The response holds no code ({reason}): it passes none of the instruction's "
        f"{len(examples)} example(s).",
    )


def _score_by_grounding(g: Grounding, kind: str, scale: tuple[int, int]) -> Verdict | None:
    """Single-answer score from derived tests (reference, then statement, then LLM-written)."""
    lo, hi = scale
    for source in ("reference", "statement", "llm"):
        tests = [t for t in g.by_source(source) if 0 in t.passed]
        if not tests:
            continue
        passed = sum(t.weight for t in tests if t.passed[0])
        total = sum(t.weight for t in tests)
        frac = passed / total if total else 0.0
        if kind != "correctness" and frac == 1.0:
            continue  # correct: says nothing about readability, efficiency...
        score = round(lo + (hi - lo) * frac) if kind == "correctness" else lo
        return Verdict(
            score=score,
            confidence=0.8 if source != "llm" else 0.5,
            decided_by=source,
            rationale=f"Passes {passed:g}/{total:g} tests derived from the "
            f"{ {'reference': 'reference solution', 'statement': 'instruction', 'llm': 'LLM'}[source] }.",
        )
    return None


def _llm_pair_verdict(raw: list[str], model: str) -> Verdict:
    """Combine one or two (swapped) LLM answers, JudgeBench-style."""
    w1, e1 = parse_pairwise(raw[0])
    evidence: dict[str, Any] = {}
    if len(raw) == 1:
        if e1:
            return Verdict(
                decided_by="none",
                llm_raw=raw[0],
                parse_error=e1,
                rationale=f"LLM output could not be parsed: {e1}.",
            )
        return Verdict(
            winner=w1,
            confidence=0.6,
            decided_by="llm",
            llm_raw=raw[0],
            rationale=f"{model} prefers {w1} (asked in one order only).",
        )
    w2, e2 = parse_pairwise(raw[1])
    w2 = _FLIP[w2]  # the second answer saw B as "A"
    joined = f"{raw[0]}\n\n--- swapped order ---\n\n{raw[1]}"
    errors = "; ".join(f"{o} order: {e}" for o, e in (("original", e1), ("swapped", e2)) if e)
    if e1 or e2:
        return Verdict(
            decided_by="none",
            llm_raw=joined,
            parse_error=errors,
            rationale=f"LLM output could not be parsed: {errors}.",
        )
    evidence["position_consistent"] = w1 == w2
    evidence["llm_orders"] = [w1, w2]
    if w1 == w2:
        return Verdict(
            winner=w1,
            confidence=0.7,
            decided_by="llm",
            llm_raw=joined,
            evidence=evidence,
            rationale=f"{model} prefers {w1} in both orders.",
        )
    # One order says tie: take the decided one. Contradiction: tie.
    winner = w1 if w2 == "tie" else w2 if w1 == "tie" else "tie"
    return Verdict(
        winner=winner,
        confidence=0.3,
        decided_by="llm",
        llm_raw=joined,
        evidence=evidence,
        rationale=f"{model} is position-inconsistent ({w1} then {w2}); combined: {winner}.",
    )
