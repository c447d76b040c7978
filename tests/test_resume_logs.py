"""Every resumable run follows ``codejudge.jsonl``'s one policy for its log: a torn last line
(a crash mid-write) is cut off and that record redone, on a line of its own; a corrupt line
before it is an InputError naming the file and line, never skipped silently (a skipped line
would be redone and then counted twice, or cut and lost)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.errors import InputError
from codejudge.evaluate.batch import run_batch_ray
from codejudge.judge.batch import judge_rows
from codejudge.judge.grounded import GroundedJudge
from codejudge.judge.inputs import JudgeRow
from codejudge.sandbox.base import Job, Limits
from codejudge.sandbox.fake import ScriptedExecutor, Value
from codejudge.sandbox.pool import run_batch
from codejudge.types import TestCase
from codejudge.values import encode


def _job(i: int) -> Job:
    return Job(
        id=f"j{i}",
        kind="function",
        source="def f(x): ...",
        entry_point="f",
        tests=[TestCase(id="0", args=encode([i]), expected=encode(2 * i))],
    )


def _doubler() -> ScriptedExecutor:
    return ScriptedExecutor(lambda job, args, stdin: Value(2 * args[0]))


def _ids(path: Path, key: str) -> list[str]:
    return [json.loads(line)[key] for line in path.read_text().splitlines()]  # every line whole


def _crash(path: Path, fragment: str) -> None:
    with path.open("a") as fh:
        fh.write(fragment)


def _corrupt_line_2(path: Path) -> None:
    lines = path.read_text().splitlines(keepends=True)
    path.write_text(lines[0] + "{not json\n" + "".join(lines[1:]))


# --- the sandbox pool (codejudge sandbox run --out, codejudge eval via make_batch) -------------


def test_pool_resume_cuts_a_torn_tail_and_redoes_that_job(tmp_path: Path) -> None:
    out = tmp_path / "exec.jsonl"
    list(run_batch(_doubler, [_job(i) for i in range(3)], Limits(), out, workers=1, progress=False))
    _crash(out, '{"job_id": "j3", "tests": [')
    again = list(run_batch(_doubler, [_job(i) for i in range(4)], Limits(), out, workers=1, progress=False))
    assert [r.job_id for r in again] == ["j3"] and again[0].passed
    assert sorted(_ids(out, "job_id")) == ["j0", "j1", "j2", "j3"]


def test_pool_resume_refuses_a_corrupt_middle_line(tmp_path: Path) -> None:
    out = tmp_path / "exec.jsonl"
    list(run_batch(_doubler, [_job(i) for i in range(3)], Limits(), out, workers=1, progress=False))
    _corrupt_line_2(out)
    before = out.read_text()
    with pytest.raises(InputError, match=r"exec.jsonl:2: not valid JSON.*delete it to start over"):
        list(run_batch(_doubler, [_job(i) for i in range(4)], Limits(), out, workers=1, progress=False))
    assert out.read_text() == before  # nothing cut, nothing appended


# --- codejudge judge --resume -----------------------------------------------------------------


def _rows(n: int) -> list[JudgeRow]:
    return [
        JudgeRow(
            id=f"r{i}",
            instruction="Add.",
            responses=["def add(a, b): return a + b", "def add(a, b): return a - b"],
        )
        for i in range(n)
    ]


def _judge() -> GroundedJudge:
    return GroundedJudge(executor=None, use_tests=False)


def test_judge_resume_cuts_a_torn_tail_and_redoes_that_row(tmp_path: Path) -> None:
    out = tmp_path / "verdicts.jsonl"
    list(judge_rows(_judge(), _rows(2), "pairwise", out, progress=False))
    _crash(out, '{"id": "r2", "win')
    again = list(judge_rows(_judge(), _rows(4), "pairwise", out, resume=True, progress=False))
    assert [r["id"] for r in again] == ["r2", "r3"]
    assert _ids(out, "id") == ["r0", "r1", "r2", "r3"]


def test_judge_resume_refuses_a_corrupt_middle_line(tmp_path: Path) -> None:
    out = tmp_path / "verdicts.jsonl"
    list(judge_rows(_judge(), _rows(2), "pairwise", out, progress=False))
    _corrupt_line_2(out)
    with pytest.raises(InputError, match=r"verdicts.jsonl:2: not valid JSON"):
        list(judge_rows(_judge(), _rows(4), "pairwise", out, resume=True, progress=False))


def test_judge_without_resume_starts_over(tmp_path: Path) -> None:
    out = tmp_path / "verdicts.jsonl"
    out.write_text("{not json\n")
    list(judge_rows(_judge(), _rows(1), "pairwise", out, progress=False))
    assert _ids(out, "id") == ["r0"]


# --- codejudge eval: the engine's resume log, locally and on Ray --------------------------------


def test_eval_resume_refuses_a_corrupt_middle_line(tmp_path: Path) -> None:
    from codejudge.evaluate.engine import EvalConfig, evaluate

    out = tmp_path / "out"
    out.mkdir()
    good = json.dumps({"job_id": "HumanEval/0::0::base", "status": "passed", "tests": []})
    (out / "exec.jsonl").write_text(good + "\n{not json\n" + good + "\n")
    cfg = EvalConfig(
        tasks=["HumanEval/0"],
        out=out,
        resume=True,
        progress=False,
        backend="local",
        unsafe_local=True,
        cache_dir=tmp_path / "cache",
    )
    with pytest.raises(InputError, match=r"exec.jsonl:2: not valid JSON"):
        evaluate(cfg)


def test_ray_resume_refuses_a_corrupt_middle_line_before_starting_ray(tmp_path: Path) -> None:
    out = tmp_path / "exec.jsonl"
    out.write_text('{"job_id": "j0"}\n[1, 2]\n')
    with pytest.raises(InputError, match=r"exec.jsonl:2: expected a JSON object"):
        next(run_batch_ray(_doubler, [_job(0)], Limits(), out))


@pytest.mark.slow
def test_ray_resume_cuts_a_torn_tail_instead_of_appending_to_it(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    out = tmp_path / "exec.jsonl"
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        list(run_batch_ray(_doubler, [_job(i) for i in range(2)], Limits(), out, progress=False))
        _crash(out, '{"job_id": "j2", "te')
        again = list(run_batch_ray(_doubler, [_job(i) for i in range(3)], Limits(), out, progress=False))
    finally:
        ray.shutdown()
    assert [r.job_id for r in again] == ["j2"]
    assert sorted(_ids(out, "job_id")) == ["j0", "j1", "j2"]  # the redone record on a line of its own
