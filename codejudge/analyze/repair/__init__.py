"""Diagnosis by minimal repair: the category of the smallest edit that makes a failing solution pass.

Output shapes alone cannot tell a flipped comparison from a wrong operator or an off-by-one
bound: all of them turn a result wrong. An edit that makes the failing tests pass (and keeps
the passing ones passing) can: if flipping ``<=`` back to ``<`` repairs the code, the mistake
was a conditional one, the edit's line locates it and the edit itself is the evidence
(``evidence["repair"]``, a unified diff).

Each category has a family of edits (``repair/families/``). For one failing solution the
candidates (cheapest first, at most ``RepairBudget.max_edits``) run in the sandbox in ONE job
on a few failing tests (the screen); the few that pass them run in a second job on a wider
sample of the tests (the confirmation). Both jobs are ordinary sandbox jobs: variants are
built and run inside the sandbox, the verdicts are decided outside it. ``diagnose_many`` plans
the jobs of many solutions at once, so a batch runner can run them in parallel, diagnoses the
likeliest repairs first when a time budget is set, and caches outcomes by content.

>>> from codejudge.sandbox import get_executor                                 # doctest: +SKIP
>>> out = diagnose(src, tests, result, get_executor("bwrap"), call="f")        # doctest: +SKIP
>>> [(f.code, f.evidence["edit"]) for f in out.findings]                       # doctest: +SKIP
[('CJ193', '`<=` -> `<`')]
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codejudge.analyze.repair.edit import Edit, Hints
from codejudge.analyze.repair.families import FAMILIES
from codejudge.analyze.repair.job import passing_variants, variants_job
from codejudge.analyze.repair.search import Candidate, candidates, pair_candidates, transplant_candidates
from codejudge.analyze.repair.switch import Predicate, critical, predicates, switch_variants
from codejudge.analyze.repair.transplant import SINGLE_COST
from codejudge.sandbox.base import Job, Limits
from codejudge.types import ExecResult, Finding, Location, TestCase, TestStatus
from codejudge.values import NotPlainData, decode

REPAIR_CODES = {category: code for category, (code, _) in FAMILIES.items()}
VERSION = "repair-v4"  # cache folder; the key also hashes this package's source
# How often the cheapest repair named the right category where measured (docs/analyzer.md):
# alone, tied with another category, and for a costlier repair of another category.
CONFIDENCE = {"unique": 0.9, "tie": 0.6, "crowd": 0.45, "costlier": 0.3}
# A transplant from a reference names its category by the kind of the nodes it changes: less
# certain than a family's one-token edit, less for two hunks, and under the consumers' threshold
# for one that replaces more than a slip (by cost: repair.transplant).
TRANSPLANT_CONFIDENCE = {4: 0.7, 5: 0.55, 6: 0.45}
# Two family edits that repair together only after nothing smaller did: each names a mistake,
# neither alone is enough (two slips, or one slip and the neighbour a second test needed). One
# category named by both edits, or two categories by two edits; under the threshold when several
# different pairs repair (the tests then say little about which is meant).
PAIR_CONFIDENCE = {"one": 0.6, "two": 0.5, "crowd": 0.4}
# Predicate switching (``repair.switch``), after nothing repaired: one predicate whose flip of one
# evaluation makes every failing probe pass ("one"), several of one category ("agree": the run
# could have been set right at several decisions, the location is vaguer), or critical predicates of
# both categories (neither is told). All under the consumers' threshold: a critical decision locates
# where a failing run went wrong, not why (the wrong value may be computed before it); on the
# independent mutants the families leave unrepaired a critical plain condition was a conditional
# mutant 8 times in 16 and one computed by arithmetic a math mutant 4 times in 10 (docs/analyzer.md,
# fifth round). Its negative result is the stronger evidence: ``dynamic.CJ396_NO_CRITICAL_DECISION``.
SWITCH_CODES = {"conditional_error": "CJ197", "math_logic_error": "CJ397"}
SWITCH_CONFIDENCE = {"one": 0.4, "agree": 0.35, "mixed": 0.3}
_FAILED = (
    TestStatus.FAILED,
    TestStatus.ERROR,
    TestStatus.TIMEOUT,
    TestStatus.MEMORY,
    TestStatus.OUTPUT_LIMIT,
)
PROBE_FLOOR_S = 0.03  # per-test time limits of repair candidates (see plan)
VALIDATION_FLOOR_S = 0.1
_MAX_ARGS_CHARS = 20_000  # inputs larger than this are left out of repair jobs (every variant gets a copy)


@dataclass
class RepairBudget:
    """What one solution's diagnosis may spend (fields are ``codejudge eval`` flags)."""

    max_edits: int = (
        60  # candidate repairs screened, cheapest first (97-99% of mutant repairs rank in the first 60)
    )
    seconds: float = 3.0  # wall clock of each sandbox job (cheapest candidates run first)
    probes: int = 3  # failing tests every candidate runs first
    validation: int = 16  # tests a repair must also pass (the failing ones first, then base, then plus)
    confirm: int = 8  # candidates confirmed, cheapest first, when the two-job path is taken
    one_job_s: float = 0.5  # estimated in-sandbox time under which screening and confirmation share one job
    transplants: int = 40  # reference hunks transplanted (alone, then in pairs) when a reference is given
    pairs: int = 48  # two-edit repairs tried when no single edit or transplant repairs (0: none)
    seeds: int = 3  # single edits that got some failing tests passing, each paired with the others
    switches: int = 96  # predicate-switching runs (one evaluation of one condition flipped) when nothing repairs (0: none)


@dataclass
class RepairRequest:
    """One failing solution: its source, the tests (with expected outputs) and the failing run.

    ``call`` is the function the tests call (the entry point, or an adapter's wrapper given in
    ``adapter``); ``boxed``: expected outputs are wrapped in a one-element list (see
    ``codejudge.evaluate.adapters.box_none_expected``)."""

    key: str
    source: str
    tests: list[TestCase]
    result: ExecResult
    call: str
    adapter: str = ""
    equality: str = "python"
    boxed: bool = False
    path: str = "<string>"
    reference: str = ""  # a correct solution, for transplants (``repair.transplant``)
    entry_point: str = ""  # the function to align with the reference's


@dataclass
class RepairOutcome:
    findings: list[Finding] = field(default_factory=list)
    status: str = "no repair"  # repaired | no repair | skipped: <why>
    tried: int = 0
    survivors: int = 0
    seconds: float = 0.0  # sandbox time of the jobs
    original: dict[str, int] | None = None  # the unedited solution on the validation tests: passed, total
    # predicate switching, when it ran (two failing probes or more): decisions of the code, how many
    # were critical for every probe (``repair.switch``); None when it did not run
    switched: dict[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "status": self.status,
            "tried": self.tried,
            "survivors": self.survivors,
            "seconds": round(self.seconds, 3),
            "original": self.original,
            "switched": self.switched,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RepairOutcome:
        fs = []
        for f in d.get("findings", []):
            loc = Location(**f["location"]) if f.get("location") else None
            fs.append(Finding(**{**f, "location": loc}))
        return cls(
            fs,
            d.get("status", ""),
            d.get("tried", 0),
            d.get("survivors", 0),
            d.get("seconds", 0.0),
            d.get("original"),
            d.get("switched"),
        )


RunJobs = Callable[[list[Job]], Iterable[ExecResult]]


@dataclass
class _Plan:
    request: RepairRequest
    cands: list[Candidate]
    probes: list[TestCase]
    validation: list[TestCase]
    timeouts: dict[str, float]
    one_job: bool = True  # screening and confirmation in one job (cheap tests)
    survivors: list[int] = field(default_factory=list)
    outcome: RepairOutcome | None = None
    progress: dict[int, int] = field(default_factory=dict)  # candidate -> failing probes it passes
    pairs: list[Candidate] = field(default_factory=list)
    repaired: list[Candidate] = field(default_factory=list)
    original: dict[str, int] | None = None
    switches: list[tuple[int, Predicate, int, tuple[tuple[int, int, str], ...]]] = field(default_factory=list)
    switched: list[Finding] = field(default_factory=list)
    switch_summary: dict[str, int] | None = None
    spent: float = 0.0  # sandbox time of its jobs
    cache_key: str = ""


def _value(tagged: Any, boxed: bool) -> Any:
    try:
        v = decode(tagged)
    except (NotPlainData, RecursionError, TypeError, ValueError):
        return None
    return v[0] if boxed and isinstance(v, list) and len(v) == 1 else v


def _edge(args: list[Any]) -> bool:
    return any(
        a is None
        or (isinstance(a, (int, float)) and not isinstance(a, bool) and a == 0)
        or (isinstance(a, (str, list, tuple, dict, set)) and len(a) == 0)
        for a in args
    )


def hints_for(req: RepairRequest) -> Hints:
    by_id = {t.id: t for t in req.tests}
    h = Hints()
    for r in req.result.tests:
        if r.status not in _FAILED:
            continue
        h.expected.append(_value(r.expected, req.boxed))
        h.actual.append(_value(r.actual, req.boxed) if r.actual is not None else None)
        if r.exception:
            h.exceptions.append(r.exception)
        if r.exc_line:
            h.lines.add(r.exc_line)
        t = by_id.get(r.id)
        if t is not None and t.args is not None:
            args = _value(t.args, False)
            if isinstance(args, list) and _edge(args):
                h.edge_inputs.append((args, h.expected[-1]))
    return h


def _size(t: TestCase) -> int:
    return len(json.dumps(t.args)) if t.args is not None else 0


def plan(req: RepairRequest, budget: RepairBudget) -> _Plan:
    """Candidates and tests for one request; ``outcome`` is already set when there is nothing to run."""
    p = _Plan(req, [], [], [], {})
    failing = [r for r in req.result.tests if r.status in _FAILED]
    usable = {
        t.id: t
        for t in req.tests
        if t.kind == "function" and t.expected is not None and _size(t) <= _MAX_ARGS_CHARS
    }
    if not failing:
        p.outcome = RepairOutcome(status="skipped: no failing test")
        return p
    if all(r.status is TestStatus.TIMEOUT for r in failing):
        # Too slow, not wrong: one edit rarely fixes an algorithm's cost, and every candidate
        # would spend the whole time limit finding that out.
        p.outcome = RepairOutcome(status="skipped: only timeouts (efficiency)")
        return p
    fail_tests = sorted(
        (usable[r.id] for r in failing if r.id in usable and r.status is not TestStatus.TIMEOUT), key=_size
    )
    if not fail_tests:
        p.outcome = RepairOutcome(
            status="skipped: no usable failing test (script tests, or inputs too large)"
        )
        return p
    p.cands = candidates(req.source, hints_for(req), budget.max_edits)
    if req.reference:
        p.cands += transplant_candidates(
            req.source, req.reference, req.entry_point or None, budget.transplants, (c.code for c in p.cands)
        )
    if not p.cands:
        p.outcome = RepairOutcome(status="skipped: no candidate edit")
        return p
    p.probes = fail_tests[: budget.probes]
    durations = {r.id: r.duration_s for r in req.result.tests if r.status is not TestStatus.SKIPPED}
    seen = max(durations.values(), default=0.0)
    # A candidate that loops costs its time limit (once: the dispatcher then drops it), and real
    # code has loops whose flipped condition never ends, so limits are tight: 20x what the
    # original took on the test (or on the slowest test it ran), at least PROBE_FLOOR_S.
    for t in p.probes:
        p.timeouts[t.id] = min(t.timeout_s or 3.0, max(PROBE_FLOOR_S, 20 * durations.get(t.id, 0.0)))
    probe_ids = {t.id for t in p.probes}
    rest = sorted(
        (t for t in usable.values() if t.id not in probe_ids and t.id not in {x.id for x in fail_tests}),
        key=lambda t: (t.group != "base", _size(t)),
    )
    p.validation = [t for t in fail_tests if t.id not in probe_ids][:10]
    p.validation += rest[: max(0, budget.validation - len(p.validation))]
    for t in p.validation:
        p.timeouts[t.id] = min(t.timeout_s or 3.0, max(VALIDATION_FLOOR_S, 20 * durations.get(t.id, seen)))
    spent = sum(durations.get(t.id, seen) + 1e-4 for t in p.probes + p.validation)
    p.one_job = len(p.cands) * spent <= budget.one_job_s
    return p


# Variant 0 of every repair job is the solution as it is: its results on the validation tests
# say how much of the task it gets right (a near miss, or a different program), for free.
def _screen_job(p: _Plan) -> Job:
    r = p.request
    tests = p.probes + (p.validation if p.one_job else [])
    return variants_job(
        f"{r.key}::repair-screen",
        r.source,
        [(), *(c.edit.changes for c in p.cands)],
        r.call,
        tests,
        r.adapter,
        r.equality,
        max(p.timeouts.values()),
        p.timeouts,
    )


def _confirm_job(p: _Plan) -> Job:
    r = p.request
    return variants_job(
        f"{r.key}::repair-confirm",
        r.source,
        [(), *(p.cands[i].edit.changes for i in p.survivors)],
        r.call,
        p.validation,
        r.adapter,
        r.equality,
        max(p.timeouts.values()),
        p.timeouts,
    )


def _pair_job(p: _Plan) -> Job:
    """Pairs of edits on every test, then the predicate-switching variants on their one probe each."""
    r = p.request
    first = len(p.pairs) + 1
    return variants_job(
        f"{r.key}::repair-pairs",
        r.source,
        [(), *(c.edit.changes for c in p.pairs), *(edits for _, _, _, edits in p.switches)],
        r.call,
        p.probes + p.validation,
        r.adapter,
        r.equality,
        max(p.timeouts.values()),
        p.timeouts,
        own={first + i: [p.probes[probe]] for i, (probe, _, _, _) in enumerate(p.switches)},
    )


def _probe_progress(result: ExecResult, p: _Plan) -> dict[int, int]:
    """Failing probes each candidate passes (key ``i`` for ``p.cands[i]``, -1 for the original)."""
    probes = {t.id for t in p.probes}
    out: dict[int, int] = {}
    for t in result.tests:
        i, _, tid = t.id.partition(":")
        if tid in probes and i.isdigit():
            out[int(i) - 1] = out.get(int(i) - 1, 0) + t.passed
    return out


def _original(result: ExecResult, validation: list[TestCase]) -> dict[str, int]:
    ids = {f"0:{t.id}" for t in validation}
    mine = [t for t in result.tests if t.id in ids]
    return {"passed": sum(t.passed for t in mine), "total": len(mine)}


def _diff(before: str, after: str, path: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}", n=1
    )
    return "".join(lines)


def findings_for(req: RepairRequest, repaired: list[Candidate], tried: int, validated: int) -> list[Finding]:
    """One finding per category with a repair; the cheapest repairs carry the confidence."""
    if not repaired:
        return []
    best: dict[str, Candidate] = {}
    for c in sorted(repaired, key=lambda c: c.rank):
        for cat in c.edit.categories or (c.edit.category,):
            best.setdefault(cat, c)
    cheapest = min(c.rank for c in best.values())
    top = [cat for cat, c in best.items() if c.rank == cheapest]
    # a tie that one edit settles: it gives a no-op as written (`i * 1`) its effect (Edit.decisive)
    settled = {c.edit.category for c in repaired if c.rank == cheapest and c.edit.decisive} & set(top)
    if len(top) > 1 and len(settled) == 1:
        top = sorted(settled)
    # pairs: the category sets of the cheapest repairing pairs (one set: the pair names its mistakes)
    pair_sets = {frozenset(c.edit.categories) for c in repaired if c.edit.pair and c.rank == cheapest}
    out = []
    for cat, c in best.items():
        e: Edit = c.edit
        if c.rank == cheapest and e.pair:
            (only,) = pair_sets if len(pair_sets) == 1 else (frozenset(),)
            conf = PAIR_CONFIDENCE["crowd" if not only else "one" if len(only) == 1 else "two"]
        elif c.rank == cheapest and cat in top:
            conf = CONFIDENCE["unique" if len(top) == 1 else "tie" if len(top) == 2 else "crowd"]
            if e.cost >= SINGLE_COST:
                conf = min(conf, TRANSPLANT_CONFIDENCE.get(e.cost, 0.45))
        else:
            conf = CONFIDENCE["costlier"]
        out.append(
            Finding(
                REPAIR_CODES[cat],
                cat,
                (
                    f"the failing tests pass after two edits together (no single one does): {e.description}"
                    if e.pair
                    else f"the failing tests pass after one {cat.replace('_', ' ')} edit: {e.description}"
                    if e.cost < SINGLE_COST
                    else f"the failing tests pass after a {cat.replace('_', ' ')} transplant {e.description}"
                ),
                Location(req.path, e.line, 1),
                {
                    "repair": _diff(
                        req.source, c.code, "solution.py" if req.path.startswith("<") else req.path
                    ),
                    "edit": e.description,
                    "cost": e.cost,
                    "size": c.size,
                    "from": "edit pair"
                    if e.pair
                    else "reference"
                    if e.cost >= SINGLE_COST
                    else "edit family",
                    "tried": tried,
                    "validated_on": validated,
                },
                severity="warning" if conf >= 0.5 else "note",
                source="repair",
                confidence=conf,
            )
        )
    return sorted(out, key=lambda f: (-f.confidence, f.code))


# Modules of the analyzer outside this package whose code decides which candidates exist: the
# reference alignment transplants are cut from, the parser, the rules' tree helpers the families use.
_DEPENDENCIES = ("refdiff.py", "parser.py", "rules/_util.py")


def source_digest(package: Path) -> str:
    """Digest of a repair package's source (``package``: its folder) and of the analyzer modules it
    builds candidates with: a cached outcome is stale once the edit families (or the reference
    alignment) change."""
    h = hashlib.sha256()
    for f in [*sorted(package.rglob("*.py")), *(package.parent / d for d in _DEPENDENCIES)]:
        h.update(f.relative_to(package.parent).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def _code_digest() -> str:
    return source_digest(Path(__file__).parent)


def _budget_fields(budget: RepairBudget) -> str:
    # Only what changes which candidates run and on what; seconds limits change how far a
    # search got, which the outcome's status already says.
    return json.dumps(
        [
            budget.max_edits,
            budget.probes,
            budget.validation,
            budget.confirm,
            budget.one_job_s,
            budget.transplants,
            budget.pairs,
            budget.seeds,
            budget.switches,
        ]
    )


def fingerprint(budget: RepairBudget | None = None) -> str:
    """A short digest of everything besides the solution that decides a repair outcome: the cache
    version, this package's source (edit families, ranking, job layout) and the budget's search
    limits. Stores of outcomes kept outside the cache (the benchmark's ``aq-*.repair*.jsonl``)
    record it and drop the outcomes of another fingerprint, so a changed edit family is never
    scored with repairs the old families found.

    >>> fingerprint() == fingerprint(RepairBudget())
    True
    >>> len(fingerprint())
    16
    """
    h = hashlib.sha256()
    for part in (VERSION, _code_digest(), _budget_fields(budget or RepairBudget())):
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:16]


def _cache_key(req: RepairRequest, budget: RepairBudget) -> str:
    h = hashlib.sha256(_code_digest().encode())
    failing = sorted(r.id for r in req.result.tests if r.status in _FAILED)
    for part in (
        VERSION,
        req.source,
        req.call,
        req.adapter,
        req.equality,
        str(req.boxed),
        json.dumps(failing),
        _budget_fields(budget),
        req.reference,
        req.entry_point,
    ):
        h.update(part.encode("utf-8", "replace") + b"\0")
    for t in req.tests:
        h.update(json.dumps([t.id, t.args, t.expected, t.atol], sort_keys=True).encode() + b"\0")
    return h.hexdigest()


class Cache:
    """Outcomes by content hash: ``<dir>/repair-v1/<aa>/<hash>.json``."""

    def __init__(self, directory: Path | None) -> None:
        self.dir = Path(directory) / VERSION if directory else None

    def _path(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> RepairOutcome | None:
        if self.dir is None or not self._path(key).is_file():
            return None
        try:
            return RepairOutcome.from_dict(json.loads(self._path(key).read_text(encoding="utf-8")))
        except (ValueError, TypeError, KeyError):
            return None  # a torn file: compute again

    def put(self, key: str, outcome: RepairOutcome) -> None:
        if self.dir is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(outcome.to_dict()), encoding="utf-8")
        tmp.replace(path)


def priority(req: RepairRequest) -> tuple[int, int]:
    """Which failures to diagnose first when time is short (smaller first): those that pass every
    base test (a near miss on the extra inputs: about three times as often repaired on the
    hand-labelled failures), then those with an exception raised in their own code (a line to
    start from), then the rest; shorter sources first."""
    failing = [r for r in req.result.tests if r.status in _FAILED]
    if failing and all(r.group != "base" for r in failing):
        rank = 0
    elif any(r.exc_line and not r.exc_in_library for r in failing):
        rank = 1
    else:
        rank = 2
    return rank, len(req.source)


def diagnose_many(
    requests: list[RepairRequest],
    run_jobs: RunJobs,
    budget: RepairBudget | None = None,
    cache_dir: Path | None = None,
    deadline: float | None = None,
    chunk: int = 8,
) -> dict[str, RepairOutcome]:
    """Outcomes by request key. ``run_jobs`` runs a list of sandbox jobs (in parallel if it can)
    and yields their results in any order. Requests are diagnosed in ``priority`` order, ``chunk``
    at a time; a chunk that would end past ``deadline`` (a ``time.perf_counter()`` value, at the
    chunks' mean time so far) is not started, and the rest are skipped (said so in their status).
    Pairs of edits, the least often repairing step, come after every single-edit round, in what
    is left of the time: a solution whose pairs the deadline left untried keeps its single-edit
    outcome, uncached (a later run with time tries them)."""
    budget = budget or RepairBudget()
    cache = Cache(cache_dir)
    out: dict[str, RepairOutcome] = {}
    todo: list[tuple[RepairRequest, str]] = []
    for req in requests:
        key = _cache_key(req, budget)
        hit = cache.get(key)
        if hit is not None:
            out[req.key] = hit
        else:
            todo.append((req, key))
    todo.sort(key=lambda rk: priority(rk[0]))
    pairing: list[_Plan] = []
    rounds = [(i, "single") for i in range(0, len(todo), chunk)]
    started, done = time.perf_counter(), 0
    while rounds:
        i, kind = rounds.pop(0)
        now = time.perf_counter()
        # a chunk that would end past the deadline (at the chunks' mean time so far) is not started:
        # the budget is a bound on the step's cost, not a point after which it stops
        per_chunk = (now - started) / done if done else 0.0
        if deadline is not None and now + per_chunk > deadline:
            if kind == "single":
                for req, _ in todo[i:]:
                    out[req.key] = RepairOutcome(status="skipped: diagnosis time budget spent")
            break
        done += 1
        if kind == "single":
            got, later = _diagnose_chunk(todo[i : i + chunk], run_jobs, budget, cache)
            out.update(got)
            pairing += later
            if not rounds and pairing:  # every single-edit round done: the pair rounds follow
                rounds = [(j, "pairs") for j in range(0, len(pairing), chunk)]
        else:
            out.update(_pair_chunk(pairing[i : i + chunk], run_jobs, cache))
    return out


def _diagnose_chunk(
    todo: list[tuple[RepairRequest, str]], run_jobs: RunJobs, budget: RepairBudget, cache: Cache
) -> tuple[dict[str, RepairOutcome], list[_Plan]]:
    """Single edits (and transplants) of a chunk; returns the outcomes and the plans whose pairs
    are still to try (their outcome so far is in the first, uncached)."""
    out: dict[str, RepairOutcome] = {}
    plans: dict[str, _Plan] = {}
    for req, key in todo:
        p = plan(req, budget)
        if p.outcome is not None:
            out[req.key] = p.outcome
        else:
            p.cache_key = key
            plans[req.key] = p
    unreproduced: set[str] = set()
    for result in run_jobs([_screen_job(p) for p in plans.values()]) if plans else []:
        p = plans[result.job_id.rsplit("::", 1)[0]]
        p.spent += result.duration_s
        passing = passing_variants(
            result, len(p.cands) + 1, len(p.probes) + (len(p.validation) if p.one_job else 0)
        )
        if 0 in passing:
            # The unedited solution (variant 0) passes the tests it failed: the failure was not
            # reproduced (a timeout under load, nondeterminism), so every edit that changes nothing
            # would "repair" it. A solution that is not shown to fail is never repaired.
            unreproduced.add(p.request.key)
            continue
        p.progress = _probe_progress(result, p)
        ok = [i - 1 for i in passing if i > 0]
        if p.one_job:
            p.repaired = [p.cands[i] for i in ok]
            p.original = _original(result, p.validation)
        else:
            p.survivors = sorted(ok, key=lambda i: (p.cands[i].rank, i))[: budget.confirm]
    confirming = {k: p for k, p in plans.items() if p.survivors}
    for result in run_jobs([_confirm_job(p) for p in confirming.values()]) if confirming else []:
        p = confirming[result.job_id.rsplit("::", 1)[0]]
        p.spent += result.duration_s
        p.repaired = [
            p.cands[p.survivors[i - 1]]
            for i in passing_variants(result, len(p.survivors) + 1, len(p.validation))
            if i > 0
        ]
        p.original = _original(result, p.validation)
    later = []
    for key, p in plans.items():
        if key in unreproduced:  # not cached: the next run may reproduce it
            out[key] = RepairOutcome(
                status="skipped: the failure did not reproduce", tried=len(p.cands), seconds=p.spent
            )
            continue
        if not p.repaired and (budget.pairs > 0 or budget.switches > 0):
            # Nothing single repaired it: pairs of family edits, seeded by the edits that got some
            # failing tests passing, and predicate switching (one job; it also measures the
            # unedited solution on the validation tests when the two-job path left that unknown).
            family = [c for c in p.cands if c.edit.cost < SINGLE_COST]
            base = p.progress.get(-1, 0)
            seeds = sorted(
                (
                    i
                    for i, n in p.progress.items()
                    if i >= 0 and n > base and p.cands[i].edit.cost < SINGLE_COST
                ),
                key=lambda i: (-p.progress[i], p.cands[i].rank, i),
            )[: budget.seeds]
            if budget.pairs > 0:
                p.pairs = pair_candidates(p.request.source, [p.cands[i] for i in seeds], family, budget.pairs)
            p.switches = switch_variants(p.request.source, len(p.probes), budget.switches)
            if (
                not p.switches
                and budget.switches > 0
                and len(p.probes) >= 2
                and not predicates(p.request.source)
            ):
                # no branch decision at all: none can be critical (straight-line code)
                p.switch_summary = {"decisions": 0, "runs": 0, "critical": 0}
            if p.pairs or p.switches or p.original is None:
                out[key] = _outcome(p)  # what is known if the pair round never comes
                later.append(p)
                continue
        out[key] = _outcome(p)
        cache.put(p.cache_key, out[key])
    return out, later


def _pair_chunk(plans: list[_Plan], run_jobs: RunJobs, cache: Cache) -> dict[str, RepairOutcome]:
    by_key = {p.request.key: p for p in plans}
    for result in run_jobs([_pair_job(p) for p in plans]):
        p = by_key[result.job_id.rsplit("::", 1)[0]]
        p.spent += result.duration_s
        n_tests = len(p.probes) + len(p.validation)
        p.repaired = [p.pairs[i - 1] for i in passing_variants(result, len(p.pairs) + 1, n_tests) if i > 0]
        if p.original is None:
            p.original = _original(result, p.validation)
        if not p.repaired and p.switches:
            first = len(p.pairs) + 1
            passed = set()
            for t in result.tests:
                i = int(t.id.split(":", 1)[0]) - first
                if t.passed and 0 <= i < len(p.switches):
                    passed.add(i)
            found = critical(p.switches, passed, len(p.probes))
            p.switched = switch_findings(p.request, found)
            p.switch_summary = {
                "decisions": len({v[1] for v in p.switches}),
                "runs": len(p.switches),
                "critical": len(found),
            }
    out = {}
    for key, p in by_key.items():
        out[key] = _outcome(p, len(p.pairs))
        cache.put(p.cache_key, out[key])
    return out


def switch_findings(req: RepairRequest, found: list[tuple[Predicate, dict[int, int]]]) -> list[Finding]:
    """One finding per category of the critical predicates (``switch.critical``); the status of the
    outcome stays "no repair" (nothing was repaired: a flipped evaluation is not a fix)."""
    if not found:
        return []
    cats = {p.category for p, _ in found}
    conf = SWITCH_CONFIDENCE["mixed" if len(cats) > 1 else "one" if len(found) == 1 else "agree"]
    out = []
    for cat in sorted(cats):
        p, by = next((p, by) for p, by in found if p.category == cat)
        what = "condition computed by a formula" if cat == "math_logic_error" else "condition"
        out.append(
            Finding(
                SWITCH_CODES[cat],
                cat,
                f"no edit repairs it, but flipping one evaluation of the {what} `{p.text}` makes every "
                "failing probe return the expected output (predicate switching)",
                Location(req.path, p.line, 1),
                {
                    "from": "predicate switching",
                    "predicate": p.text,
                    "instances": {str(k): v for k, v in sorted(by.items())},
                    "critical": len(found),
                    "probes": len(by),
                },
                severity="warning" if conf >= 0.5 else "note",
                source="dynamic",  # it localizes a decision, it repairs nothing
                confidence=conf,
            )
        )
    return out


def _outcome(p: _Plan, pairs_tried: int = 0) -> RepairOutcome:
    n_tests = len(p.probes) + len(p.validation)
    fs = findings_for(p.request, p.repaired, len(p.cands) + pairs_tried, n_tests)
    repaired = bool(fs)
    fs = fs or p.switched
    return RepairOutcome(
        fs,
        "repaired" if repaired else "no repair",
        len(p.cands) + pairs_tried,
        len(p.repaired) if p.one_job or pairs_tried else len(p.survivors),
        p.spent,
        p.original,
        p.switch_summary,
    )


def job_limits(budget: RepairBudget) -> Limits:
    """Limits for repair jobs: the budget is the job's wall clock."""
    return Limits(timeout_s=1.0, job_timeout_s=budget.seconds, memory_mb=2048, result_bytes=32 << 20)


def diagnose(
    source: str,
    tests: list[TestCase],
    result: ExecResult,
    executor: Any,
    *,
    call: str,
    adapter: str = "",
    budget: RepairBudget | None = None,
    path: str = "<string>",
    equality: str = "python",
    cache_dir: Path | None = None,
    reference: str = "",
    entry_point: str = "",
) -> RepairOutcome:
    """Diagnose one failing solution with ``executor`` (a sandbox backend); with ``reference`` (a
    correct solution defining ``entry_point``), transplants from it are tried too."""
    budget = budget or RepairBudget()
    limits = job_limits(budget)
    t0 = time.perf_counter()
    req = RepairRequest(
        "solution",
        source,
        tests,
        result,
        call,
        adapter,
        equality,
        path=path,
        reference=reference,
        entry_point=entry_point or call,
    )
    outcome = diagnose_many([req], lambda jobs: [executor.run(j, limits) for j in jobs], budget, cache_dir)[
        "solution"
    ]
    outcome.seconds = outcome.seconds or time.perf_counter() - t0
    return outcome


__all__ = [
    "CONFIDENCE",
    "REPAIR_CODES",
    "RepairBudget",
    "RepairOutcome",
    "RepairRequest",
    "candidates",
    "diagnose",
    "diagnose_many",
    "fingerprint",
    "hints_for",
    "job_limits",
    "priority",
    "source_digest",
]
