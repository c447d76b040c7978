"""Program jobs' stdio tests: whole programs in JavaScript, C++, Java, Go and Rust, on bwrap and Docker.

Each program (``stdio_programs_cases.py``) reads ``n`` and ``n`` integers and prints their sum.
It is built once and started once per test with that test's stdin; the parent compares what it
printed. A wrong sum, a loop, a non-zero exit, a signal, a flood of output and printed or forged
records must never pass; a program that reads past the end of its input gets EOF at once.
An unavailable backend skips, unless CODEJUDGE_REQUIRE_BACKENDS names it.
"""

from __future__ import annotations

import os

import pytest

from codejudge.errors import BackendUnavailable, ConfigError, MissingExtraError, ToolchainMissing
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Job, Limits
from codejudge.types import ExecResult, TestCase, TestStatus
from tests.sandbox.stdio_programs_cases import INPUTS, PROGRAMS

LANGS = ["cpp", "js", "java", "go", "rust"]
LIMITS = Limits(timeout_s=2.0, memory_mb=512, nproc=32)
S = TestStatus


def _required() -> set[str]:
    return {b for b in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", "").split(",") if b}


@pytest.fixture(scope="module", params=["bwrap", "docker"])
def executor(request: pytest.FixtureRequest):
    try:
        ex = get_executor(request.param)
    except (BackendUnavailable, MissingExtraError, ImportError) as exc:
        if request.param in _required():
            pytest.fail(f"backend {request.param} is required but unavailable: {exc}")
        pytest.skip(f"backend {request.param} unavailable: {exc}")
    yield ex
    ex.close()


def _job(lang: str, case: str, compute_only: bool = False) -> Job:
    tests = [
        TestCase(id=str(k), kind="stdio", stdin=i, expected=None if compute_only else o)
        for k, (i, o) in enumerate(INPUTS)
    ]
    return Job(
        id=f"{lang}-{case}",
        kind="program",
        language=lang,
        source=PROGRAMS[lang][case],
        tests=tests,
        compute_only=compute_only,
    )


def _run(executor, lang: str, case: str, compute_only: bool = False) -> ExecResult:
    try:
        return executor.run(_job(lang, case, compute_only), LIMITS)
    except ToolchainMissing as exc:
        if executor.name in _required():
            raise
        pytest.skip(str(exc))


def _statuses(res: ExecResult) -> list[TestStatus]:
    return [t.status for t in res.tests]


@pytest.mark.parametrize("lang", LANGS)
def test_correct_program_passes_on_its_stdout(executor, lang: str) -> None:
    res = _run(executor, lang, "good")
    assert res.passed, res.to_dict()
    assert [t.actual for t in res.tests] == ["6\n", "10\n"]
    assert {t.verdict_source for t in res.tests} == {"outputs"}
    assert res.backend == executor.name
    # compute-only (derived inputs): no expected output, the printed text comes back as it is
    res = _run(executor, lang, "good", compute_only=True)
    assert _statuses(res) == [S.PASSED, S.PASSED] and res.tests[1].actual == "10\n", res.to_dict()
    # each run's CPU time and peak RSS, counted by the kernel (wait4) and read by the supervisor
    assert all(t.cpu_s is not None and 0 <= t.cpu_s < 10 for t in res.tests), res.to_dict()
    assert all(t.peak_rss_kb is not None and t.peak_rss_kb > 0 for t in res.tests), res.to_dict()


@pytest.mark.parametrize("lang", LANGS)
def test_bad_programs_never_pass(executor, lang: str) -> None:
    expect = {
        "wrong": [S.FAILED, S.FAILED],
        "slow_first": [S.TIMEOUT, S.PASSED],  # every test has its own time limit
        "exit3": [S.ERROR, S.ERROR],  # the right sum, but a non-zero exit status
        "flood": [S.OUTPUT_LIMIT, S.OUTPUT_LIMIT],
        "fake_records": [S.FAILED, S.FAILED],
        "compile_error": [S.ERROR, S.ERROR],
    }
    for case, statuses in expect.items():
        res = _run(executor, lang, case)
        assert _statuses(res) == statuses, (case, res.to_dict())
    res = _run(executor, lang, "exit3")
    assert "exit status 3" in (res.tests[0].exception or ""), res.to_dict()
    res = _run(executor, lang, "compile_error")
    assert (res.tests[0].exception or "").startswith("CompileError" if lang != "js" else "ExitStatus")
    # a signal is a crash; Java cannot signal itself: an uncaught exception exits with status 1
    res = _run(executor, lang, "crash")
    want = S.ERROR if lang == "java" else S.CRASHED
    assert _statuses(res) == [want, want], res.to_dict()
    assert lang == "java" or "killed by signal" in (res.tests[0].detail or ""), res.to_dict()


@pytest.mark.parametrize("lang", LANGS)
def test_reading_past_the_end_of_the_input_gets_eof(executor, lang: str) -> None:
    res = _run(executor, lang, "eof")
    assert res.passed, res.to_dict()
    assert all(t.duration_s < 1.5 for t in res.tests), res.to_dict()


def test_the_result_channel_cannot_be_forged(executor) -> None:
    res = _run(executor, "cpp", "forge_channel")
    assert not any(t.passed for t in res.tests), res.to_dict()
    assert _run(executor, "cpp", "good").passed


def test_stdio_tests_are_not_mixed_with_call_tests() -> None:
    job = _job("cpp", "good")
    job.tests.append(TestCase(id="c", kind="call", script="f(1)", expected=1))
    job.test_program = "@@cj_emit(c)@@;"
    with pytest.raises(ConfigError, match="cannot be mixed"):
        get_executor("bwrap").run(job, LIMITS)
