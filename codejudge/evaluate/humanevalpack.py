"""``codejudge eval humanevalpack``: pass@k on HumanEvalPack, in any of its six languages.

Reads top to bottom: load the language's 164 problems (pinned), load the samples
(evalplus layout: ``task_id`` + ``completion`` or ``solution``), build one sandbox job
per sample (Python: the dataset's check script; the other languages: the test
program turned into outputs-only tests, ``codejudge.problems.testprograms``), run
them with resume, write ``results.jsonl`` (per test: the call, expected and actual
value, how the verdict was reached) and evalplus's ``eval_results.json``, then pass@k.

Without samples it runs the built-in self-check: every canonical solution must pass
and every buggy one fail.

>>> summary = evaluate_pack(PackConfig(language="rust", tasks=["Rust/0"]))   # doctest: +SKIP
>>> summary.self_check["canonical_passed"], summary.self_check["buggy_failed"]  # doctest: +SKIP
(1, 1)
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codejudge.errors import InputError, UnknownNameError
from codejudge.evaluate.batch import make_batch
from codejudge.evaluate.passk import pass_at_k
from codejudge.evaluate.report import SampleOutcome, write_eval_results
from codejudge.evaluate.samples import load_samples
from codejudge.languages import canonical_language
from codejudge.problems.humanevalpack import LANGUAGES, load_humanevalpack
from codejudge.problems.testprograms.jobs import cached_conversion, program_job
from codejudge.sandbox.base import Job, Limits
from codejudge.types import Candidate, ExecResult, JobKey, Problem

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "humanevalpack"
LIMITS = Limits(timeout_s=3.0, memory_mb=2048)


@dataclass
class PackConfig:
    """One field per ``codejudge eval humanevalpack`` flag (same names)."""

    language: str = "python"
    samples: Path | None = None  # JSONL of task_id + completion|solution; None: the self-check
    data: Path | None = None  # folder with humanevalpack_<lang>.jsonl.gz
    tasks: list[str] | None = None
    backend: str = "bwrap"
    unsafe_local: bool = False
    workers: int | None = None
    out: Path | None = None
    resume: bool = False
    progress: bool = True

    def __post_init__(self) -> None:
        self.language = canonical_language(self.language)
        if self.language not in LANGUAGES:
            raise UnknownNameError("HumanEvalPack language", self.language, LANGUAGES)


@dataclass
class PackSummary:
    language: str
    samples: int
    tasks: int
    pass_at_k: dict[str, float]
    out_dir: Path
    conversion: dict[str, Any]  # how many test programs became outputs-only tests
    seconds: dict[str, float] = field(default_factory=dict)
    self_check: dict[str, Any] = field(default_factory=dict)
    outcomes: list[SampleOutcome] = field(default_factory=list)


def self_check_samples(problems: list[Problem]) -> list[Candidate]:
    """Sample 0 of every task is its canonical solution, sample 1 its buggy one."""
    out = []
    for p in problems:
        out.append(Candidate(problem_id=p.id, code=p.reference or "", origin="canonical", index=0))
        out.append(Candidate(problem_id=p.id, code=p.meta["buggy"], origin="buggy", index=1))
    return out


def build_job(problem: Problem, candidate: Candidate) -> Job:
    job_id = str(JobKey(problem.id, candidate.index, "base"))
    test = problem.tests[0]
    if problem.language == "python":
        return Job(
            id=job_id,
            kind="script",
            source=candidate.code,
            entry_point=problem.entry_point,
            tests=[test],
            equality="python",
            check_prelude=problem.check_prelude,
        )
    return program_job(
        job_id,
        problem.language,
        candidate.code,
        test.script or "",
        problem.entry_point,
        header=problem.header,
    )


def conversion_report(problems: list[Problem]) -> dict[str, Any]:
    """Per language: how many test programs convert fully to outputs-only tests, and the assertions."""
    if not problems or problems[0].language == "python":
        return {
            "programs": len(problems),
            "fully_converted": len(problems),
            "note": "the Python runner converts or relays them, outside the candidate's process",
        }
    full = found = converted = 0
    partial: list[str] = []
    for p in problems:
        c = cached_conversion(p.language, p.tests[0].script or "", p.entry_point or "", p.header)
        full += c.fully_converted
        found += c.found
        converted += c.found - len(c.unconverted)
        if not c.fully_converted:
            partial.append(p.id)
    return {
        "programs": len(problems),
        "fully_converted": full,
        "assertions": found,
        "assertions_converted": converted,
        "exit_status_tasks": partial,
    }


def _samples(cfg: PackConfig, problems: list[Problem]) -> list[Candidate]:
    if cfg.samples is None:
        return self_check_samples(problems)
    # evalplus's completion layout: the code before the solution comes first (Python: the prompt;
    # the other languages: the declaration, as HumanEvalPack's own harness assembles them)
    heads = {p.id: dataclasses.replace(p, prompt=p.meta["head"]) for p in problems}
    return load_samples(cfg.samples, heads)


def evaluate_pack(cfg: PackConfig) -> PackSummary:
    t0 = time.perf_counter()
    problems = load_humanevalpack(cfg.data or DEFAULT_DATA, cfg.language)
    if cfg.tasks:
        wanted = set(cfg.tasks)
        missing = wanted - {p.id for p in problems}
        if missing:
            raise UnknownNameError("task", sorted(missing)[0], [p.id for p in problems])
        problems = [p for p in problems if p.id in wanted]
    for p in problems:
        p.base_only = True  # one group of tests, as evalplus writes a base-only set
    candidates = [c for c in _samples(cfg, problems) if c.problem_id in {p.id for p in problems}]
    sampled = {c.problem_id for c in candidates}
    problems = [p for p in problems if p.id in sampled]
    by_id = {p.id: p for p in problems}
    if not candidates:
        raise InputError(
            "no sample belongs to the selected tasks",
            path=cfg.samples,
            field="task_id",
            fix=f"task ids look like {problems[0].id if problems else 'Rust/0'}",
        )
    out = (
        Path(cfg.out)
        if cfg.out
        else Path("codejudge-results")
        / (f"humanevalpack-{cfg.language}--{cfg.samples.stem if cfg.samples else 'self-check'}")
    )
    out.mkdir(parents=True, exist_ok=True)
    if not cfg.resume:
        for name in ("exec.jsonl", "results.jsonl", "eval_results.json"):
            (out / name).unlink(missing_ok=True)
    run = make_batch(cfg.backend, "local", cfg.workers, cfg.unsafe_local, cfg.progress)
    jobs = {j.id: j for c in candidates for j in [build_job(by_id[c.problem_id], c)]}
    # a report names each test as the job ran it (a test program's calls, not the program)
    outcomes = {
        (c.problem_id, c.index): SampleOutcome(
            c,
            dataclasses.replace(
                by_id[c.problem_id], tests=jobs[str(JobKey(c.problem_id, c.index, "base"))].tests
            ),
        )
        for c in candidates
    }
    t1 = time.perf_counter()
    with (out / "results.jsonl").open("a", encoding="utf-8") as rec_file:
        for result in run(list(jobs.values()), LIMITS, out / "exec.jsonl"):
            _restore(result, jobs)
            outcome = outcomes.get(JobKey.parse(result.job_id).sample)
            if outcome is None or "base" in outcome.groups:
                continue
            outcome.groups["base"] = result
            rec_file.write(json.dumps(outcome.record()) + "\n")
            rec_file.flush()
    t2 = time.perf_counter()
    write_eval_results(
        out / "eval_results.json", list(outcomes.values()), problems[0].version if problems else ""
    )
    per_task: dict[str, list[SampleOutcome]] = {}
    for o in outcomes.values():
        per_task.setdefault(o.problem.id, []).append(o)
    summary = PackSummary(
        language=cfg.language,
        samples=len(candidates),
        tasks=len(per_task),
        out_dir=out,
        pass_at_k=pass_at_k(
            [len(v) for v in per_task.values()],
            [sum(o.status("base") == "pass" for o in v) for v in per_task.values()],
        ),
        conversion=conversion_report(problems),
        outcomes=list(outcomes.values()),
        seconds={"load": t1 - t0, "evaluate": t2 - t1, "total": time.perf_counter() - t0},
    )
    if cfg.samples is None:
        canon = [o for o in outcomes.values() if o.candidate.origin == "canonical"]
        buggy = [o for o in outcomes.values() if o.candidate.origin == "buggy"]
        summary.self_check = {
            "canonical_passed": sum(o.status("base") == "pass" for o in canon),
            "canonical": len(canon),
            "buggy_failed": sum(o.status("base") == "fail" for o in buggy),
            "buggy": len(buggy),
            "canonical_failing": [o.problem.id for o in canon if o.status("base") != "pass"],
            "buggy_passing": [o.problem.id for o in buggy if o.status("base") == "pass"],
        }
    return summary


def _restore(result: ExecResult, jobs: dict[str, Job]) -> None:
    """Expected outputs the resume log leaves out, back from the job."""
    job = jobs.get(result.job_id)
    if job is None:
        return
    expected = {t.id: t.expected for t in job.tests}
    for t in result.tests:
        if t.expected is None:
            t.expected = expected.get(t.id)
