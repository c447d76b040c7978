"""Mistake evidence for failed samples: the analyzer's dynamic tags (from the
test results) and static findings (from the source).

The analyzer (``codejudge.analyze``) is imported lazily; if it is not
installed in this build the record says so instead of failing the run.
"""

from __future__ import annotations

import logging

from codejudge.evaluate.report import SampleOutcome, clip
from codejudge.types import ExecResult

log = logging.getLogger(__name__)


def attach_findings(outcome: SampleOutcome) -> None:
    """Fill ``outcome.findings`` when some group failed; passing samples carry none."""
    failed = [r for r in outcome.groups.values() if not r.passed]
    if not failed:
        return
    source = outcome.candidate.code
    merged = ExecResult(job_id=f"{outcome.problem.id}::{outcome.candidate.index}",
                        tests=[t for r in outcome.groups.values() for t in r.tests],
                        stderr="".join(r.stderr for r in failed)[-4000:],
                        detail="; ".join(r.detail for r in failed if r.detail))
    findings, notes = [], []
    for label, call in (("dynamic", lambda: _dynamic()(source, merged)),
                        ("static", lambda: _static()(source, path=outcome.candidate.origin or "<sample>"))):
        try:
            findings += call()
        except ImportError as exc:
            notes.append(f"{label} analyzer unavailable: {exc}")
        except Exception as exc:  # noqa: BLE001 - an analyzer bug must not lose the verdicts
            log.warning("%s analyzer failed on %s: %s", label, merged.job_id, exc)
            notes.append(f"{label} analyzer error: {type(exc).__name__}: {exc}")
    outcome.findings = [f.to_dict() for f in findings]
    for f in outcome.findings:
        for key in ("expected", "actual"):
            if key in f.get("evidence", {}):
                f["evidence"][key] = clip(f["evidence"][key])
    outcome.analysis_note = "; ".join(notes)


def _dynamic():  # noqa: ANN202
    from codejudge.analyze.dynamic import tag_failures

    return tag_failures


def _static():  # noqa: ANN202
    from codejudge.analyze import analyze_source

    return analyze_source
