"""The scripted executor plays the runner; the verdicts are still the trusted parent's."""

from __future__ import annotations

from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.sandbox.fake import MEMORY, TIMEOUT, Raise, ScriptedExecutor, Value
from codejudge.types import TestCase, TestStatus
from codejudge.values import encode


def _job(cases: list[tuple[list, object]], fail_fast: bool = False, seeds: tuple[int, ...] = (0,)) -> Job:
    tests = [TestCase(str(i), args=encode(a), expected=encode(e)) for i, (a, e) in enumerate(cases)]
    return Job(
        "j", "function", "def f(x): ...", tests, entry_point="f", stop_on_first_failure=fail_fast, seeds=seeds
    )


def test_is_an_executor_and_uses_the_trusted_comparator() -> None:
    ex = ScriptedExecutor(lambda job, args, stdin: Value(args[0] * 2))
    assert isinstance(ex, Executor)
    # strict equality: 2.0 is not the int 2 (the comparator's rule, not the fake's)
    result = ex.run(_job([([1], 2), ([2], 4.0), ([3], 5)]), Limits())
    assert [t.status for t in result.tests] == [TestStatus.PASSED, TestStatus.FAILED, TestStatus.FAILED]
    assert ex.jobs[0].id == "j"


def test_errors_limits_and_a_dead_runner() -> None:
    answers = {1: Raise("ValueError", "bad", line=3), 2: TIMEOUT, 3: MEMORY, 4: None}
    ex = ScriptedExecutor(lambda job, args, stdin: answers.get(args[0], Value(args[0])))
    result = ex.run(_job([([0], 0), ([1], 1), ([2], 2), ([3], 3), ([4], 4), ([5], 5)]), Limits())
    statuses = [t.status for t in result.tests]
    assert statuses == [
        TestStatus.PASSED,
        TestStatus.ERROR,
        TestStatus.TIMEOUT,
        TestStatus.MEMORY,
        TestStatus.CRASHED,
        TestStatus.CRASHED,
    ]
    assert result.tests[1].exception == "ValueError: bad" and result.tests[1].exc_line == 3


def test_fail_fast_skips_the_rest() -> None:
    ex = ScriptedExecutor(lambda job, args, stdin: Value(0))
    result = ex.run(_job([([1], 0), ([2], 1), ([3], 0)], fail_fast=True), Limits())
    assert [t.status for t in result.tests] == [TestStatus.PASSED, TestStatus.FAILED, TestStatus.SKIPPED]


def test_answers_that_change_between_seeds_are_flaky() -> None:
    calls: list[int] = []

    def respond(job: Job, args: list | None, stdin: str | None) -> Value:
        calls.append(1)
        return Value(len(calls) % 2)

    result = ScriptedExecutor(respond).run(_job([([1], 1)], seeds=(0, 1)), Limits())
    assert result.tests[0].status is TestStatus.FLAKY


def test_stdio() -> None:
    ex = ScriptedExecutor(lambda job, args, stdin: Value(str(int(stdin) + 1) + "\n"))
    job = Job(
        "s",
        "stdio",
        "print(int(input()) + 1)",
        [
            TestCase("0", kind="stdio", stdin="1\n", expected="2\n"),
            TestCase("1", kind="stdio", stdin="5\n", expected="7\n"),
        ],
    )
    assert [t.status for t in ex.run(job, Limits()).tests] == [TestStatus.PASSED, TestStatus.FAILED]
