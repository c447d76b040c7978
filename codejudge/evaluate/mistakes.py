"""Mistake evidence for failed samples, and the post-failure diagnosis step of ``codejudge eval``.

``attach_findings`` (per sample, cheap): the analyzer's dynamic tags (from the test results),
static findings (from the source) and reference differences (from the dataset's canonical
solution), combined into tags with a confidence and a likely reason.

``diagnose_outcomes`` (after the run, on failing samples): diagnosis by minimal repair
(``codejudge.analyze.repair``), every failing sample's candidate repairs batched into one
screening and one confirming sandbox job, run in parallel by the evaluation's own batch
runner and cached by content; then the tags are combined again.

The analyzer (``codejudge.analyze``) is imported lazily; if it is not installed in this build
the record says so instead of failing the run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from codejudge.evaluate.report import SampleOutcome, clip
from codejudge.types import ExecResult, Finding, Location

log = logging.getLogger(__name__)

RunBatch = Callable[..., Iterator[ExecResult]]  # run(jobs, limits, log path or None), as make_batch returns


def _merged(outcome: SampleOutcome) -> ExecResult:
    failed = [r for r in outcome.groups.values() if not r.passed]
    return ExecResult(
        job_id=f"{outcome.problem.id}::{outcome.candidate.index}",
        tests=[t for r in outcome.groups.values() for t in r.tests],
        stderr="".join(r.stderr for r in failed)[-4000:],
        detail="; ".join(r.detail for r in failed if r.detail),
    )


def failed(outcome: SampleOutcome) -> bool:
    return any(not r.passed for r in outcome.groups.values())


def attach_findings(outcome: SampleOutcome) -> None:
    """Fill ``outcome.findings``/``tags``/``reason`` when some group failed; passing samples carry none."""
    if not failed(outcome):
        return
    source = outcome.candidate.code
    merged = _merged(outcome)
    path = outcome.candidate.origin or "<sample>"
    problem = outcome.problem
    findings: list[Finding] = []
    notes = []
    for label, call in (
        ("dynamic", lambda: _analyze().dynamic.tag_failures(source, merged, problem.tests, path=path)),
        ("static", lambda: _analyze().analyze_source(source, path=path)),
        (
            "reference",
            lambda: (
                _analyze().refdiff.reference_findings(
                    source, problem.reference or "", problem.entry_point, path=path
                )
                if problem.reference
                else []
            ),
        ),
    ):
        try:
            findings += call()
        except ImportError as exc:
            notes.append(f"{label} analyzer unavailable: {exc}")
        except Exception as exc:  # noqa: BLE001 - an analyzer bug must not lose the verdicts
            log.warning("%s analyzer failed on %s: %s", label, merged.job_id, exc)
            notes.append(f"{label} analyzer error: {type(exc).__name__}: {exc}")
    _store(outcome, findings, merged)
    outcome.analysis_note = "; ".join(notes)


def _store(outcome: SampleOutcome, findings: list[Finding], merged: ExecResult) -> None:
    """Findings as dicts (long values clipped), the combined tags and the likely reason."""
    outcome.findings = [f.to_dict() for f in findings]
    for f in outcome.findings:
        for key in ("expected", "actual"):
            if key in f.get("evidence", {}):
                f["evidence"][key] = clip(f["evidence"][key])
    try:
        an = _analyze()
        tags, disagreement = an.combine.combine(findings)
        outcome.tags = [t.to_dict() for t in tags]
        outcome.disagreement = disagreement
        outcome.reason = an.reasons.reason_for(
            findings, merged, outcome.problem.tests, outcome.problem.prompt
        ).to_dict()
    except ImportError:
        return


def _findings(outcome: SampleOutcome) -> list[Finding]:
    out = []
    for d in outcome.findings:
        loc = d.get("location")
        out.append(Finding(**{**d, "location": Location(**loc) if loc else None}))
    return out


def diagnose_outcomes(
    outcomes: list[SampleOutcome],
    run: RunBatch,
    *,
    equality: str = "python",
    budget: Any = None,
    cache_dir: Path | None = None,
    seconds: float | None = None,
) -> dict[str, float]:
    """Diagnosis by repair for failing ``outcomes`` (in place), within ``seconds`` when given
    (likeliest repairs first); returns its cost: seconds and counts."""
    t0 = time.perf_counter()
    try:
        from codejudge.analyze import repair
    except ImportError as exc:
        for o in outcomes:
            o.analysis_note = "; ".join(
                filter(None, [o.analysis_note, f"repair diagnosis unavailable: {exc}"])
            )
        return {"seconds": 0.0, "samples": 0}
    budget = budget or repair.RepairBudget()
    requests = []
    for o in outcomes:
        if not failed(o) or not o.candidate.code.strip():
            continue
        p = o.problem
        requests.append(
            repair.RepairRequest(
                key=f"{p.id}::{o.candidate.index}",
                source=o.candidate.code,
                tests=p.tests,
                result=_merged(o),
                call=p.call or p.entry_point or "",
                adapter=p.adapter or "",
                equality=equality,
                boxed=p.boxed,
                path=o.candidate.origin or "<sample>",
                reference=p.reference or "",
                entry_point=p.entry_point or "",
            )
        )
    limits = repair.job_limits(budget)
    done = repair.diagnose_many(
        requests,
        lambda jobs: run(jobs, limits, None),
        budget,
        cache_dir,
        deadline=None if seconds is None else t0 + seconds,
    )
    repaired = 0
    for o in outcomes:
        d = done.get(f"{o.problem.id}::{o.candidate.index}")
        if d is None:
            continue
        o.diagnosis = {
            "status": d.status,
            "tried": d.tried,
            "survivors": d.survivors,
            "seconds": round(d.seconds, 3),
            "original": d.original,
            "switched": d.switched,
        }
        # predicate switching's findings come with a "no repair" outcome (repair.switch_findings)
        extra = (
            d.findings
            if d.status == "repaired"
            else d.findings
            + _analyze().dynamic.tag_unrepaired(
                _merged(o),
                d.original,
                o.candidate.origin or "<sample>",
                referenced=bool(o.problem.reference),
                switched=d.switched,
            )
        )
        repaired += d.status == "repaired"
        if extra:
            _store(o, _findings(o) + extra, _merged(o))
    skipped = sum(d.status.startswith("skipped: diagnosis time") for d in done.values())
    return {
        "seconds": time.perf_counter() - t0,
        "samples": len(requests),
        "repaired": repaired,
        "out_of_time": skipped,
    }


def _analyze() -> Any:
    import codejudge.analyze.combine
    import codejudge.analyze.dynamic
    import codejudge.analyze.reasons
    import codejudge.analyze.refdiff  # noqa: F401 - submodules used through the package

    return codejudge.analyze
