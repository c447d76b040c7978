"""Whole programs in JavaScript, C++, Java, Go and Rust: answers that read stdin and print their answer.

A competitive-programming answer has no function for a test program to call: its ``main``
(JavaScript: its top-level code) reads standard input and prints. ``whole_program`` recognises
one (a ``main`` that reads stdin; the caller checks first that it defines no function the
statement names), and ``run_stdin_probes`` runs it as a program job with ``stdio`` tests
(``codejudge.sandbox.programs``): built once, started once per input with that input as its
stdin. The job is compute-only: what it printed comes back as text and is compared here, as
for Python's stdin programs (``codejudge.ground.derive``: the statement's samples, generated
stdin inputs, differential and property evidence).

>>> whole_program("int main() { int n; std::cin >> n; std::cout << n * 2; }", "cpp")
'a whole program: main() reads standard input'
>>> whole_program("int twice(int n) { return 2 * n; }", "cpp") is None
True
"""

from __future__ import annotations

import re

from codejudge.ground.plan import Plan
from codejudge.ground.run import Outcome, Probe, outcomes
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import TestCase

_MAIN = {
    "cpp": re.compile(r"\b(?:int|signed|auto|void)\s+main\s*\("),
    "java": re.compile(r"\bstatic\s+(?:final\s+)?void\s+main\s*\("),
    "go": re.compile(r"\bfunc\s+main\s*\(\s*\)"),
    "rust": re.compile(r"\bfn\s+main\s*\(\s*\)"),
}
_READS = {
    "cpp": re.compile(r"\bcin\b|\b(?:scanf|getchar|getchar_unlocked|fread|fgets|gets)\s*\(|\bstdin\b"),
    "java": re.compile(r"\bSystem\.in\b"),
    "go": re.compile(r"\bos\.Stdin\b|\bfmt\.Scan(?:f|ln)?\s*\("),
    "rust": re.compile(r"\bstdin\s*\(\s*\)"),
    "js": re.compile(
        r"\breadFileSync\s*\(\s*(?:0|['\"]/dev/stdin['\"]|process\.stdin\.fd)\b|\bprocess\.stdin\b|"
        r"\brequire\s*\(\s*['\"](?:node:)?readline['\"]\s*\)"
    ),
}
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
WALL_CLOCK = "wall clock"


def whole_program(code: str, language: str) -> str | None:
    """Why ``code`` is a program reading stdin (its ``main`` reads it), or None when it is not one."""
    text = _COMMENTS.sub(" ", code)
    reads = _READS.get(language)
    if reads is None or not reads.search(text):
        return None
    if language == "js":  # a script: its top-level code is the program
        return "a whole program: its top-level code reads standard input"
    if not _MAIN[language].search(text):
        return None
    return "a whole program: main() reads standard input"


def stdio_plan(code: str, language: str) -> Plan | None:
    """Plan style "stdio" for a whole program in ``language``, else None."""
    why = whole_program(code, language)
    return Plan("stdio", why=why, language=language) if why else None


def run_stdin_probes(
    executor: Executor,
    code: str,
    plan: Plan,
    probes: list[Probe],
    timeout_s: float,
    job_timeout_s: float,
    job_id: str,
) -> list[Outcome]:
    """Outcomes of ``probes`` (their ``stdin``) for a whole program: the printed text, or what went wrong."""
    runnable = [p for p in probes if p.stdin is not None]
    if not runnable:
        return [Outcome("not_run") for _ in probes]
    tests = [
        TestCase(id=p.id, kind="stdio", stdin=p.stdin, expected=None, timeout_s=timeout_s) for p in runnable
    ]
    job = Job(id=job_id, kind="program", language=plan.language, source=code, tests=tests, compute_only=True)
    result = executor.run(job, Limits(timeout_s=timeout_s, job_timeout_s=job_timeout_s))
    # A program has no way to reject an input on purpose but to fail: no error is "deliberate".
    return outcomes(probes, result, lambda tr: False, WALL_CLOCK)
