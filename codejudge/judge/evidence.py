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
import re
from typing import Any, cast

from codejudge.errors import ToolchainMissing
from codejudge.extract import extract
from codejudge.judge.cost import measure_cost
from codejudge.judge.security import security_findings
from codejudge.languages import language_or_none
from codejudge.problems.testprograms import LANGUAGES as PROGRAM_LANGUAGES
from codejudge.problems.testprograms.jobs import program_job
from codejudge.sandbox.base import Equality, Executor, Job, Limits
from codejudge.types import Evidence, ExecResult, Finding, JobKind, TestCase, TestResult, TestStatus
from codejudge.values import decode

log = logging.getLogger(__name__)


def job_for(
    job_id: str,
    code: str,
    tests: list[TestCase],
    entry_point: str | None,
    language: str,
    equality: str = "strict",
    fail_fast: bool = False,
) -> Job:
    """A sandbox job running ``tests`` (all of one kind) against ``code``.

    ``equality`` is the comparator's mode: "strict" (types must match) or
    "python" (``2 == 2.0``, as evalplus compares). ``fail_fast`` stops at the
    first failing test (the rest are SKIPPED): much faster on large test sets
    where a wrong answer times out on every input, at the price of partial credit.
    """
    return Job(
        id=job_id,
        kind=cast(JobKind, tests[0].kind),  # a test kind is a job kind: function | script | stdio
        source=code,
        tests=tests,
        entry_point=entry_point,
        language=language,
        equality=cast(Equality, equality),  # a str here; Job checks the value
        stop_on_first_failure=fail_fast,
    )


def fill_expected(
    executor: Executor, reference: str, tests: list[TestCase], entry_point: str | None, language: str
) -> tuple[list[TestCase], str]:
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


# ------------------------------------------------------------- extraction (h15b)
def code_for_judge(
    response: str, language: str, entry_point: str | None
) -> tuple[str | None, dict[str, Any]]:
    """The code of a chat answer as the judge runs it, and how it was found.

    The judge opts in to every fix-up (the answer's ``main`` and demo calls
    removed, standard imports added, a Java entry point put in ``class
    Solution``); evaluation (``codejudge eval``) never does. Returns
    ``(None, info)`` when there is no code to run: ``info["no_code"]`` says why
    when the answer holds none (a property of the answer: it passes nothing),
    ``info["not_run"]`` when codejudge cannot run the language at all.

    >>> code_for_judge("Sorry, I cannot do that.", "python", "f")[1]["no_code"]
    'no python code found in the answer (it is prose only)'
    >>> code_for_judge("def f(): return 1", "klingon", "f")[1]["not_run"]
    "unknown language 'klingon' (codejudge runs python, js, cpp, java, go, rust)"
    """
    lang = language_or_none(language)
    if lang is None:
        return None, {
            "not_run": f"unknown language {language!r} (codejudge runs python, js, cpp, java, go, rust)"
        }
    ext = extract(response, lang, entry_point, strip_main=True, add_imports=True, java_class="Solution")
    info = ext.summary()
    # A parse failure in code whose edges were guessed from prose may be the guess, not the code.
    info["parse_errors_count"] = not ext.from_prose or ext.entry_point_found
    if not ext.ok:
        info["no_code"] = ext.failure or f"no {lang} code found in the answer"
        return None, info
    return ext.code, info


def no_code_evidence(reason: str, tests: list[TestCase], extraction: dict[str, Any]) -> Evidence:
    """An answer without code: every given test counts as failed ("no code"), so it loses to code
    that passes any test and ties with code that passes none.

    >>> ev = no_code_evidence("prose only", [TestCase(id="0", args=[1], expected=2)], {})
    >>> pass_counts(ev), summary(ev)["no_code"]
    ((0, 1), 'prose only')
    """
    result = None
    if tests:
        result = ExecResult(
            job_id="no-code",
            detail=f"no code: {reason}",
            tests=[
                TestResult(
                    id=t.id,
                    status=TestStatus.FAILED,
                    expected=t.expected,
                    exception=f"no code ({reason})",
                    group=t.group,
                )
                for t in tests
            ],
        )
    return Evidence(candidate_id="no-code", exec_result=result, extraction=extraction, no_code=reason)


def _analyzer_findings(
    code: str, language: str, result: ExecResult | None = None, tests: list[TestCase] | None = None
) -> list[Finding]:
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

    Python runs natively in the sandbox. A test program in JavaScript, C++, Java, Go
    or Rust (a ``script`` test) becomes outputs-only tests compared outside the
    sandbox (``codejudge.problems.testprograms``); assertions it cannot convert run
    by exit status, marked ``verdict_source="exit_status"``.
    """
    cid = candidate_id or hashlib.sha256(code.encode()).hexdigest()[:12]
    ev = Evidence(candidate_id=cid)
    language = language_or_none(language) or language
    if executor is not None and tests and language in PROGRAM_LANGUAGES and tests[0].kind == "script":
        job = program_job(
            cid, language, code, tests[0].script or "", entry_point, stop_on_first_failure=fail_fast
        )
        try:
            ev.exec_result = executor.run(job, Limits())
            ev.not_run = missing_dependency(ev.exec_result)
        except ToolchainMissing as exc:  # this machine cannot run the language: said, with the fix
            ev.not_run = str(exc)
    elif executor is not None and tests and language != "python":
        ev.not_run = (
            f"{language} tests of kind '{tests[0].kind}' cannot run: other languages than python "
            "take a test program (a 'script' test)"
        )
    elif executor is not None and tests and language == "python":
        ev.exec_result = executor.run(
            job_for(cid, code, tests, entry_point, language, equality, fail_fast), Limits()
        )
        if with_cost and language == "python" and entry_point and ev.exec_result.passed:
            ev.cost = measure_cost(executor, code, entry_point, tests, job_id=f"{cid}-cost")
    if language == "python":
        ev.findings = _analyzer_findings(code, language, ev.exec_result, tests) + security_findings(code)
    return ev


# A build or load failure caused by this machine, not by the answer: the code never ran.
_MISSING = re.compile(
    r"fatal error: (?P<h>[\w./+-]+): No such file or directory|"
    r"Cannot find module '(?P<m>[^']+)'|can't find crate for `(?P<c>\w+)`|"
    r"cannot find package \"(?P<g>[^\"]+)\""
)


def missing_dependency(result: ExecResult) -> str | None:
    """Why the tests could not run when every failure is a header/module/crate missing here, else None.

    >>> from codejudge.types import TestResult, TestStatus
    >>> r = ExecResult(job_id="j", tests=[TestResult(id="0", status=TestStatus.FAILED,
    ...     exception="compile failed (exit 1): main.cpp:5:9: fatal error: boost/any.hpp: No such file or directory")])
    >>> missing_dependency(r)
    'the program needs boost/any.hpp, which is not installed here'
    """
    failed = [t for t in result.tests if not t.passed]
    if not failed:
        return None
    names = []
    for t in failed:
        m = _MISSING.search(f"{t.exception or ''}\n{t.detail or ''}")
        if m is None:
            return None
        names.append(next(g for g in m.groups() if g))
    return f"the program needs {', '.join(sorted(set(names)))}, which is not installed here"


def pass_counts(ev: Evidence) -> tuple[int, int] | None:
    """(passed, total) or None when no tests ran."""
    r = ev.exec_result
    if r is None:
        return None
    return sum(1 for t in r.tests if t.passed), len(r.tests)


def syntax_error(ev: Evidence) -> Finding | None:
    """The parse failure of real code; None when there is none or when it may be prose around the code.

    Code whose edges were guessed from unfenced prose (and which does not even
    define the entry point) may fail to parse because of the guess: that is no
    evidence against the answer (it decided 54 Python pairs the wrong way once).
    """
    if ev.not_run or ev.extraction.get("parse_errors_count") is False:
        return None
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
    if ev.exec_result is not None and any(t.verdict_source == "exit_status" for t in ev.exec_result.tests):
        out["verdict_source"] = "outputs and exit status"  # part of a test program ran by exit status
    if ev.not_run:
        out["not_run"] = ev.not_run
    if ev.no_code:
        out["no_code"] = ev.no_code
    notable = {
        k: v for k, v in ev.extraction.items() if k not in ("parse_errors_count", "not_run", "no_code")
    }
    if set(notable) - {"blocks"}:  # only when extraction did more than take one block as it was
        out["extraction"] = notable
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
