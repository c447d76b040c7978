"""The shared value types round-trip through JSON, field for field."""

from __future__ import annotations

import dataclasses
import json

import pytest

from codejudge.types import ExecResult, Problem, TestResult, TestStatus


def test_exec_result_round_trip_keeps_every_field() -> None:
    # TestResult/ExecResult.to_dict are spelled out for speed: a new field must be added there too
    t = TestResult(
        id="1",
        status=TestStatus.FAILED,
        expected={"$tuple": [1]},
        actual=[2],
        exception="E: x",
        exc_line=3,
        exc_in_library=True,
        duration_s=0.5,
        detail="d",
        group="plus",
    )
    assert set(t.to_dict()) == {f.name for f in dataclasses.fields(TestResult)}
    e = ExecResult(job_id="j", tests=[t], stdout="o", stderr="e", duration_s=1.0, backend="bwrap", detail="x")
    d = e.to_dict()
    assert set(d) == {f.name for f in dataclasses.fields(ExecResult)} | {"status"}
    assert d["status"] == "failed"
    assert ExecResult.from_dict(json.loads(json.dumps(d))) == e


def test_job_key_formats_and_parses_the_wire_id() -> None:
    from codejudge.types import JobKey

    key = JobKey("Mbpp/2", 7, "plus")
    assert str(key) == key.format() == "Mbpp/2::7::plus" and JobKey.parse(str(key)) == key
    assert JobKey.parse("odd::task::3::base") == JobKey("odd::task", 3, "base")  # a task id may hold '::'
    for bad in ("Mbpp/2::base", "Mbpp/2::x::base", "plain"):
        with pytest.raises(ValueError, match="task::index::group"):
            JobKey.parse(bad)


def test_job_semantics_are_fields_and_old_meta_keys_still_work() -> None:
    from codejudge.sandbox.base import Job, Limits
    from codejudge.sandbox.protocol import build_input

    old = Job(
        id="j",
        kind="function",
        source="",
        tests=[],
        entry_point="f",
        meta={
            "equality": "python",
            "harness": "evalplus",
            "adapter": "def g(x): ...",
            "call": "g",
            "boxed": True,
            "note": "kept",
        },
    )
    new = Job(
        id="j",
        kind="function",
        source="",
        tests=[],
        entry_point="f",
        equality="python",
        harness="evalplus",
        adapter="def g(x): ...",
        call="g",
        boxed=True,
        meta={"note": "kept"},
    )
    assert old == new and old.meta == {"note": "kept"}
    assert build_input(old, Limits()) == build_input(new, Limits())  # the runner's wire format is unchanged
    with pytest.raises(ValueError, match="equality must be one of"):
        Job(id="j", kind="function", source="", tests=[], meta={"equality": "loose"})


def test_problem_semantics_are_fields_and_old_meta_keys_still_work() -> None:
    old = Problem(
        id="Mbpp/1",
        prompt="",
        entry_point="f",
        meta={
            "adapter": "def g(*a): ...",
            "call": "g",
            "base_only": True,
            "check_prelude": "X = 1",
            "line": 3,
        },
    )
    new = Problem(
        id="Mbpp/1",
        prompt="",
        entry_point="f",
        adapter="def g(*a): ...",
        call="g",
        adapter_frames=1,  # an adapter is one wrapper call above the candidate unless told otherwise
        base_only=True,
        check_prelude="X = 1",
        meta={"line": 3},
    )
    assert old == new and old.meta == {"line": 3}
    assert Problem.from_dict(old.to_dict()) == old
    assert Problem(id="p", prompt="", meta={"adapter": "a", "adapter_frames": 2}).adapter_frames == 2
    assert Problem(id="p", prompt="").adapter_frames == 0


def test_literal_vocabularies_match_their_runtime_lists() -> None:
    """The Literal types mypy checks and the tuples code validates against name the same values."""
    from typing import get_args

    from codejudge.ground.derived import RANKED, SOURCES
    from codejudge.review.config import LEVELS
    from codejudge.types import DecidedBy, Severity, TestSource, Winner

    assert set(LEVELS) == set(get_args(Severity))
    assert set(SOURCES) == set(get_args(TestSource)) >= set(RANKED)
    decided = {a for arg in get_args(DecidedBy) for a in (get_args(arg) or (arg,))}
    assert set(SOURCES) < decided and {"tests", "cost", "static", "llm", "none", "not_run"} < decided
    assert set(get_args(Winner)) == {"A", "B", "tie"}
