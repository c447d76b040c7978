"""evalplus 0.3.1's comparison quirks that the evaluation reproduces in its default
(evalplus-compatible) mode: the float tolerance carrying over within a group, and outputs of
tasks with ``None`` answers compared unboxed."""

from __future__ import annotations

import json

from codejudge.evaluate.expected import carry_atol
from codejudge.sandbox.base import Job, Limits, RawOutcome
from codejudge.sandbox.compare import FLOAT_ATOL
from codejudge.sandbox.protocol import parse
from codejudge.types import Problem, TestCase, TestStatus
from codejudge.values import encode


def _problem(outputs: dict[str, list], atol: float = 0.0, oracle: str | None = None) -> Problem:
    tests = [
        TestCase(id=f"{g}/{i}", args=[], expected=encode(v), atol=atol, group=g, oracle=oracle)
        for g, values in outputs.items()
        for i, v in enumerate(values)
    ]
    return Problem(id="T/0", prompt="", entry_point="f", tests=tests, atol=atol)


def test_tolerance_carries_over_from_the_first_float_output_within_its_group() -> None:
    p = _problem({"base": [3, [[1.0]], 2.5, [[1.0]], "s"], "plus": [[[1.0]], [0.5, 1.5], (1, 2)]})
    carry_atol(p)
    # before the first float output: exact; from it on: 1e-6 (the float test gets it by its own rule)
    assert [t.atol for t in p.tests] == [0.0, 0.0, 0.0, FLOAT_ATOL, FLOAT_ATOL, 0.0, 0.0, FLOAT_ATOL]


def test_tolerance_unchanged_with_a_task_atol_or_the_find_zero_oracle() -> None:
    p = _problem({"base": [2.5, [[1.0]]]}, atol=1e-4)
    carry_atol(p)
    assert [t.atol for t in p.tests] == [1e-4, 1e-4]
    p = _problem({"base": [2.5, 1.5]}, oracle="humaneval_find_zero")
    carry_atol(p)
    assert [t.atol for t in p.tests] == [0.0, 0.0]


def _judge(job: Job, actual) -> TestStatus:
    line = json.dumps({"id": job.tests[0].id, "value": encode(actual), "dur": 0.01}).encode() + b"\n"
    return parse(job, Limits(), [RawOutcome(stdout=line, stderr=b"", returncode=0)], "test").tests[0].status


def test_boxed_outputs_are_compared_unboxed() -> None:
    # A task with None outputs has every output wrapped in a one-element list inside the sandbox;
    # the parent compares what is inside, so evalplus's top-level type check still applies:
    # [1.0, 2.0] expected, (1.0, 2.0000001) returned fails (list vs tuple), [1.0, 2.0000001] passes.
    test = TestCase(id="base/0", args=[], expected=encode([[1.0, 2.0]]))
    job = Job(
        id="b",
        kind="function",
        source="",
        entry_point="f",
        tests=[test],
        meta={"equality": "python", "boxed": True},
    )
    assert _judge(job, [(1.0, 2.0000001)]) is TestStatus.FAILED
    assert _judge(job, [[1.0, 2.0000001]]) is TestStatus.PASSED
    none_test = TestCase(id="base/0", args=[], expected=encode([None]))
    none_job = Job(
        id="b",
        kind="function",
        source="",
        entry_point="f",
        tests=[none_test],
        meta={"equality": "python", "boxed": True},
    )
    assert _judge(none_job, [None]) is TestStatus.PASSED and _judge(none_job, [0]) is TestStatus.FAILED
