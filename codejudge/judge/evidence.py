"""Gather the evidence about one response: tests, cost, analyzer tags, security findings.

Evidence is computed once per distinct code and reused for both orders of a
pair, so judging A-vs-B and B-vs-A never runs anything twice.

>>> summary(Evidence("a", findings=[]))
{'tests': 'not run'}
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from typing import Any

from codejudge.judge.cost import measure_cost
from codejudge.judge.polyglot import SUPPORTED, run_polyglot
from codejudge.judge.security import security_findings
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.sandbox.values import decode
from codejudge.types import Evidence, ExecResult, Finding, TestCase

log = logging.getLogger(__name__)


def job_for(job_id: str, code: str, tests: list[TestCase], entry_point: str | None, language: str,
            equality: str = "strict", fail_fast: bool = False) -> Job:
    """A sandbox job running ``tests`` (all of one kind) against ``code``.

    ``equality`` is the comparator's mode: "strict" (types must match) or
    "python" (``2 == 2.0``, as evalplus compares). ``fail_fast`` stops at the
    first failing test (the rest are SKIPPED): much faster on large test sets
    where a wrong answer times out on every input, at the price of partial credit.
    """
    return Job(id=job_id, kind=tests[0].kind, source=code, tests=tests, entry_point=entry_point, language=language,
               meta={"equality": equality}, stop_on_first_failure=fail_fast)


def fill_expected(executor: Executor, reference: str, tests: list[TestCase], entry_point: str | None,
                  language: str) -> tuple[list[TestCase], str]:
    """Compute missing expected outputs by running the reference in the sandbox.

    Tests the reference itself cannot complete are dropped (they could not
    decide anything); the note says how many.
    """
    missing = [t for t in tests if t.kind == "function" and t.expected is None]
    if not missing:
        return tests, ""
    result = executor.run(job_for("reference", reference, missing, entry_point, language), Limits())
    computed = {tr.id: tr.actual for tr in result.tests if tr.passed}
    out = []
    for t in tests:
        if t.kind == "function" and t.expected is None:
            if t.id not in computed:
                continue
            t = TestCase(**{**t.to_dict(), "expected": computed[t.id]})
        out.append(t)
    dropped = len(tests) - len(out)
    return out, (f"{dropped} test(s) dropped: the reference could not complete them" if dropped else "")


def _analyzer_findings(code: str, language: str, result: ExecResult | None = None,
                       tests: list[TestCase] | None = None) -> list[Finding]:
    try:
        from codejudge.analyze import analyze_source
        from codejudge.analyze.dynamic import tag_failures
    except ImportError:  # analyzer not installed in this build: no tags, said so in the summary
        return []
    found = list(analyze_source(code, language=language))
    if result is not None and not result.passed and tests and tests[0].kind == "function":
        found += tag_failures(code, result, tests)
    return found


def with_reference(ev: Evidence, code: str, reference: str, entry_point: str | None) -> Evidence:
    """``ev`` plus the tags from the few places where ``code`` differs from ``reference`` (a
    correct solution: the user's, or the other response of a pair when it passes and this one
    fails). A copy: evidence is shared between the pairs that contain the same code."""
    try:
        from codejudge.analyze.refdiff import reference_findings
    except ImportError:
        return ev
    extra = reference_findings(code, reference, entry_point)
    return dataclasses.replace(ev, findings=ev.findings + extra) if extra else ev


def gather(
    executor: Executor | None,
    code: str,
    tests: list[TestCase],
    entry_point: str | None = None,
    language: str = "python",
    with_cost: bool = False,
    candidate_id: str = "",
    equality: str = "strict",
    fail_fast: bool = False,
) -> Evidence:
    """Run the tests (when there are tests and an executor), measure cost if asked, tag statically.

    Python runs natively in the sandbox;
    JavaScript and C++ script tests
    run through ``codejudge.judge.polyglot``; other languages get no test
    evidence (the summary says "not run").
    """
    cid = candidate_id or hashlib.sha256(code.encode()).hexdigest()[:12]
    ev = Evidence(candidate_id=cid)
    if executor is not None and tests and language in SUPPORTED and tests[0].kind == "script":
        ev.exec_result = run_polyglot(executor, cid, code, tests[0].script or "", language)
    elif executor is not None and tests and language == "python":
        ev.exec_result = executor.run(job_for(cid, code, tests, entry_point, language, equality, fail_fast), Limits())
        if with_cost and language == "python" and entry_point and ev.exec_result.passed:
            ev.cost = measure_cost(executor, code, entry_point, tests, job_id=f"{cid}-cost")
    if language == "python":
        ev.findings = _analyzer_findings(code, language, ev.exec_result, tests) + security_findings(code)
    return ev


def pass_counts(ev: Evidence) -> tuple[int, int] | None:
    """(passed, total) or None when no tests ran."""
    r = ev.exec_result
    if r is None:
        return None
    return sum(1 for t in r.tests if t.passed), len(r.tests)


def syntax_error(ev: Evidence) -> Finding | None:
    return next((f for f in ev.findings if f.code == "CJ001" or f.category == "syntax"), None)


def _describe_failure(result: ExecResult) -> list[str]:
    lines = []
    for t in result.tests:
        if t.passed:
            continue
        what = t.exception or t.detail or t.status.value
        if t.status.value == "failed" and not t.exception:
            what = f"expected {_show(t.expected)}, got {_show(t.actual)}"
        lines.append(f"test {t.id}: {t.status.value} ({what})")
        if len(lines) == 3:
            break
    return lines


def _show(tagged: Any) -> str:
    try:
        text = repr(decode(tagged))
    except (TypeError, ValueError):
        text = str(tagged)
    return text if len(text) <= 80 else text[:77] + "..."


def summary(ev: Evidence) -> dict[str, Any]:
    """Short plain facts for prompts and rationales."""
    out: dict[str, Any] = {}
    counts = pass_counts(ev)
    out["tests"] = "not run" if counts is None else f"{counts[0]}/{counts[1]} passed"
    if ev.exec_result is not None and not ev.exec_result.passed:
        out["failures"] = _describe_failure(ev.exec_result)
    if ev.cost:
        out["cost"] = f"{ev.cost['steps']} bytecode steps on {ev.cost['inputs']} inputs"
    security = [f for f in ev.findings if f.category == "security"]
    tags = _confident([f for f in ev.findings if f.category != "security"])
    if security:
        out["security"] = [_finding(f) for f in security[:5]]
    if tags:
        out["mistake_tags"] = [_finding(f) for f in tags[:5]]
    return out


def _confident(findings: list[Finding]) -> list[Finding]:
    """Only tags whose category reaches the analyzer's default confidence (see analyze.combine)."""
    try:
        from codejudge.analyze.combine import confident
    except ImportError:
        return findings
    return sorted(confident(findings), key=lambda f: -f.confidence)


def _finding(f: Finding) -> str:
    line = f" (line {f.location.line})" if f.location else ""
    return f"{f.code} {f.message}{line}"
