"""The sandbox contract for programs in JavaScript, C++, Java, Go and Rust, on bwrap and Docker.

Each language's HumanEvalPack-style test program checks ``f(1, 2) == 3`` and
``f(2, 2) == 4``; the candidates (``programs_cases.py``) try every way to get a
wrong answer passed: exiting early, printing or forging records, writing to the
result channel, escaping the sandbox (the escape cases return the right answer only
if they got out). None may pass; a good candidate passes after each of them.
An unavailable backend skips, unless CODEJUDGE_REQUIRE_BACKENDS names it.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import uuid

import pytest

from codejudge.errors import BackendUnavailable, MissingExtraError, ToolchainMissing
from codejudge.problems.testprograms.jobs import program_job
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Limits
from codejudge.types import ExecResult, TestStatus
from tests.sandbox.programs_cases import (
    ANSWER_KEY,
    CANDIDATES,
    ENTRY,
    KEY_HUNTERS,
    KEY_PROGRAMS,
    LOOP_PROGRAMS,
    TEST_PROGRAMS,
)

LANGS = ["cpp", "js", "java", "go", "rust"]
BACKENDS = ["bwrap", "docker"]
SECRET = "cj-host-secret-" + uuid.uuid4().hex
LIMITS = Limits(timeout_s=2.0, memory_mb=512, nproc=32)


def _required() -> set[str]:
    return {b for b in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", "").split(",") if b}


@pytest.fixture(scope="module", params=BACKENDS)
def executor(request: pytest.FixtureRequest):
    name = request.param
    os.environ["CODEJUDGE_TEST_SECRET"] = SECRET  # must never reach sandboxed code
    try:
        ex = get_executor(name)
    except (BackendUnavailable, MissingExtraError, ImportError) as exc:
        if name in _required():
            pytest.fail(f"backend {name} is required by CODEJUDGE_REQUIRE_BACKENDS but unavailable: {exc}")
        pytest.skip(f"backend {name} unavailable: {exc}")
    yield ex
    ex.close()


@pytest.fixture(scope="module")
def host() -> dict[str, str]:
    """A secret file and a listening port on the host: the sandbox must reach neither."""
    fd, path = tempfile.mkstemp(prefix="cj-contract-secret-")
    os.write(fd, SECRET.encode())
    os.close(fd)
    os.chmod(path, 0o644)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield {"secret_file": path, "port": str(server.getsockname()[1])}
    server.close()
    os.unlink(path)


def _run(
    executor,
    lang: str,
    case: str,
    host: dict[str, str],
    program: dict[str, str] = TEST_PROGRAMS,
    limits: Limits = LIMITS,
) -> ExecResult:
    source = (
        CANDIDATES[lang][case].replace("{secret_file}", host["secret_file"]).replace("{port}", host["port"])
    )
    job = program_job(f"{lang}-{case}", lang, source, program[lang], ENTRY[lang])
    try:
        return executor.run(job, limits)
    except ToolchainMissing as exc:
        if executor.name in _required():
            raise
        pytest.skip(str(exc))


def _good_passes(executor, lang: str, host: dict[str, str]) -> None:
    res = _run(executor, lang, "good", host)
    assert res.passed, res.to_dict()


@pytest.mark.parametrize("lang", LANGS)
def test_good_answer_passes_on_outputs(executor, lang: str, host) -> None:
    res = _run(executor, lang, "good", host)
    assert res.passed, res.to_dict()
    assert [t.actual for t in res.tests] == [3, 4]
    assert {t.verdict_source for t in res.tests} == {"outputs"}
    assert res.backend == executor.name


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "case, status",
    [
        ("wrong", TestStatus.FAILED),
        ("throws", TestStatus.ERROR),
        ("exit0", TestStatus.CRASHED),
        ("fake_stdout", TestStatus.FAILED),
        ("forge_fd3", TestStatus.CRASHED),
        ("forge_channel", None),
        ("loop", TestStatus.TIMEOUT),
        ("flood", TestStatus.OUTPUT_LIMIT),
        ("env_secret", TestStatus.FAILED),
        ("host_file", TestStatus.FAILED),
        ("write_outside", TestStatus.FAILED),
        ("network", TestStatus.FAILED),
        ("compile_error", TestStatus.ERROR),
    ],
)
def test_bad_answer_never_passes(executor, lang: str, case: str, status: TestStatus | None, host) -> None:
    res = _run(executor, lang, case, host)
    assert not res.passed, res.to_dict()
    assert not any(t.passed for t in res.tests), res.to_dict()
    if status is not None:
        assert res.status is status, res.to_dict()
    if case == "compile_error":  # JavaScript has no compile step: node reports it as it loads
        assert res.tests[0].exception.startswith("SyntaxError" if lang == "js" else "CompileError"), (
            res.to_dict()
        )
    _good_passes(executor, lang, host)


def test_output_after_a_reported_test_voids_it(executor, host) -> None:
    # Node.js writes stdout to a pipe asynchronously: a flood can arrive after the record of the
    # test that printed it (a CI run under load passed the plain flood case that way).
    res = _run(executor, "js", "flood_after_return", host)
    assert not res.passed, res.to_dict()
    assert {t.status for t in res.tests} == {TestStatus.OUTPUT_LIMIT}, res.to_dict()


@pytest.mark.parametrize("lang", LANGS)
def test_memory_bomb_does_not_pass(executor, lang: str, host) -> None:
    res = _run(executor, lang, "memory", host, limits=Limits(timeout_s=5.0, memory_mb=512, nproc=32))
    assert not res.passed and res.status in (
        TestStatus.MEMORY,
        TestStatus.ERROR,
        TestStatus.CRASHED,
        TestStatus.TIMEOUT,
    ), res.to_dict()
    _good_passes(executor, lang, host)


def test_cpp_crashes_and_fork_bomb_are_contained(executor, host) -> None:
    res = _run(executor, "cpp", "segfault", host)
    assert res.status is TestStatus.CRASHED and "signal 11" in res.tests[0].detail, res.to_dict()
    res = _run(executor, "cpp", "fork_bomb", host)
    assert not res.passed, res.to_dict()
    _good_passes(executor, "cpp", host)


@pytest.mark.parametrize("lang", LANGS)
def test_exit_status_program_needs_a_normal_end(executor, lang: str, host) -> None:
    # Assertions in a loop cannot become outputs: the program runs by exit status, and says so.
    good = _run(executor, lang, "good", host, program=LOOP_PROGRAMS)
    assert good.passed and [t.verdict_source for t in good.tests] == ["exit_status"], good.to_dict()
    for case in ("wrong", "exit0", "forge_fd3"):
        res = _run(executor, lang, case, host, program=LOOP_PROGRAMS)
        assert not res.passed, (case, res.to_dict())


@pytest.mark.parametrize("lang", sorted(KEY_HUNTERS))
def test_the_answer_key_is_not_in_the_sandbox(executor, lang: str) -> None:
    # The expected value is a constant of the test program: it is evaluated outside and the
    # program the sandbox gets has a marker where the assertion stood.
    job = program_job(f"{lang}-key", lang, KEY_HUNTERS[lang], KEY_PROGRAMS[lang], ENTRY[lang])
    assert ANSWER_KEY not in json.dumps(job.meta) + job.source + (job.test_program or "") + (
        job.residual_program or ""
    )
    res = executor.run(job, LIMITS)
    assert not res.passed and res.tests[0].actual == "not found", res.to_dict()


def test_missing_toolchain_is_an_error_naming_the_fix(
    executor, host, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = program_job("x", "go", CANDIDATES["go"]["good"], TEST_PROGRAMS["go"], "F")
    if executor.name == "docker":
        monkeypatch.setitem(executor.labels, "org.codejudge.languages", "python,cpp")
    else:
        from codejudge.sandbox import toolchains

        monkeypatch.setitem(toolchains.TOOLS, "go", ("/usr/lib/no-such-go/bin/go",))
    with pytest.raises(ToolchainMissing) as info:
        executor.run(job, LIMITS)
    assert info.value.language == "go" and "golang-go" in info.value.fix
