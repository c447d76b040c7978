"""End-to-end `codejudge eval` runs in the bwrap sandbox (skipped where it cannot start)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.evaluate.engine import EvalConfig, evaluate
from codejudge.problems import load
from codejudge.sandbox.bwrap import check as bwrap_check

_OK, _WHY = bwrap_check()
needs_bwrap = pytest.mark.skipif(
    not _OK and "bwrap" not in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", ""),
    reason=f"bwrap sandbox unavailable: {_WHY}",
)

pytestmark = [pytest.mark.bwrap, needs_bwrap]

HEP = "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz"


def _eval_results(out: Path) -> dict:
    return json.loads((out / "eval_results.json").read_text())


def test_zero_argument_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEJUDGE_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "humaneval", "--no-progress"]) == 0
    out = tmp_path / "codejudge-results" / "humaneval--samples"
    ev = _eval_results(out)["eval"]
    assert len(ev) == 10 and sum(len(v) for v in ev.values()) == 18
    assert sum(r["base_status"] == "pass" for v in ev.values() for r in v) == 10
    assert all(r["plus_status"] is None for v in ev.values() for r in v)  # plain HumanEval: base only
    records = {
        (r["task_id"], r["index"]): r
        for r in map(json.loads, (out / "results.jsonl").read_text().splitlines())
    }
    wrong_gcd = records[("HumanEval/13", 1)]["groups"]["base"]["failures"][0]
    assert (wrong_gcd["input"], wrong_gcd["expected"], wrong_gcd["actual"]) == ([3, 7], 1, 3)
    undefined = records[("HumanEval/53", 1)]["groups"]["base"]["failures"][0]
    assert undefined["status"] == "error" and "NameError" in undefined["exception"]
    assert records[("HumanEval/55", 1)]["groups"]["base"]["failures"][0]["status"] == "timeout"


def test_humanevalplus_expected_cache_and_resume(shared_data: Path, tmp_path: Path) -> None:
    samples = tmp_path / "s.jsonl"
    tasks = ["HumanEval/0", "HumanEval/2", "HumanEval/32", "HumanEval/53"]
    lines = [
        {"task_id": t, "completion": c}
        for t, c in [
            ("HumanEval/0", "    return False\n"),  # wrong
            ("HumanEval/2", "    return number % 1.0\n"),
            ("HumanEval/32", None),  # the canonical Newton iteration: judged by the find_zero oracle
            ("HumanEval/53", "    return x + y\n"),
        ]
    ]
    lines[2] = {"task_id": "HumanEval/32", "solution": load("humanevalplus", shared_data / HEP)[32].reference}
    samples.write_text("".join(json.dumps(r) + "\n" for r in lines))
    cfg = dict(
        dataset="humaneval",
        samples=samples,
        dataset_path=shared_data / HEP,
        out=tmp_path / "out",
        cache_dir=tmp_path / "cache",
        progress=False,
        workers=2,
    )
    first = evaluate(EvalConfig(**cfg))
    assert first.expected["computed"] == 4 and first.dataset_hash == "fe585eb4df8c88d844eeb463ea4d0302"
    ev = _eval_results(tmp_path / "out")["eval"]
    assert [ev[t][0]["plus_status"] for t in tasks] == ["fail", "pass", "pass", "pass"]
    assert ev["HumanEval/0"][0]["base_fail_tests"]  # the failing input, as evalplus lists it

    # simulate a crash: keep half the job results and one record, then resume
    exec_lines = (tmp_path / "out" / "exec.jsonl").read_text().splitlines()
    half = len(exec_lines) // 2  # one job per sample (base and plus share a sandbox)
    (tmp_path / "out" / "exec.jsonl").write_text("\n".join(exec_lines[:half]) + "\n" + exec_lines[half][:20])
    rec_lines = (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    (tmp_path / "out" / "results.jsonl").write_text(rec_lines[0] + "\n")
    second = evaluate(EvalConfig(**cfg, resume=True))
    assert second.expected == {"computed": 0, "cached": 4}
    ids = [json.loads(x)["job_id"] for x in (tmp_path / "out" / "exec.jsonl").read_text().splitlines()]
    assert sorted(ids) == sorted(json.loads(x)["job_id"] for x in exec_lines)  # each job exactly once
    again = _eval_results(tmp_path / "out")["eval"]
    assert [again[t][0]["plus_status"] for t in tasks] == ["fail", "pass", "pass", "pass"]
    assert len((tmp_path / "out" / "results.jsonl").read_text().splitlines()) == 4


def test_local_backend_needs_opt_in(tmp_path: Path) -> None:
    assert main(["eval", "humaneval", "--backend", "local", "--out", str(tmp_path), "--no-progress"]) == 2


@pytest.mark.slow
def test_ray_executor_gives_the_same_verdicts(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    import ray

    tasks = ["HumanEval/13", "HumanEval/23", "HumanEval/53"]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        via_ray = evaluate(
            EvalConfig(
                tasks=tasks, executor="ray", out=tmp_path / "ray", progress=False, cache_dir=tmp_path / "c"
            )
        )
    finally:
        ray.shutdown()
    local = evaluate(
        EvalConfig(tasks=tasks, out=tmp_path / "local", progress=False, cache_dir=tmp_path / "c")
    )
    assert _eval_results(via_ray.out_dir)["eval"] == _eval_results(local.out_dir)["eval"]
    assert via_ray.samples == 6


def test_group_the_shared_sandbox_never_reached_runs_alone(shared_data: Path, tmp_path: Path) -> None:
    # Base and plus share one sandbox. Here base hangs in a C loop the alarm cannot stop, so the
    # kernel ends the runner before plus starts; evalplus (a process per group) would still run
    # plus, so codejudge runs it again on its own: base times out (evalplus's "timeout" status:
    # its process did not finish either), plus passes.
    src = (
        "def add(x: int, y: int):\n    if (x, y) == (2, 3):\n        sum(range(10 ** 13))\n    return x + y\n"
    )
    samples = tmp_path / "s.jsonl"
    samples.write_text(json.dumps({"task_id": "HumanEval/53", "solution": src}) + "\n")
    summary = evaluate(
        EvalConfig(
            dataset="humaneval",
            samples=samples,
            dataset_path=shared_data / HEP,
            out=tmp_path / "out",
            cache_dir=tmp_path / "cache",
            progress=False,
            workers=1,
        )
    )
    row = _eval_results(summary.out_dir)["eval"]["HumanEval/53"][0]
    assert (row["base_status"], row["plus_status"]) == ("timeout", "pass")
    ids = [json.loads(x)["job_id"] for x in (summary.out_dir / "exec.jsonl").read_text().splitlines()]
    assert ids == ["HumanEval/53::0::all", "HumanEval/53::0::plus"]
    record = json.loads((summary.out_dir / "results.jsonl").read_text())
    assert record["groups"]["base"]["failures"][0]["status"] == "timeout"


def test_unimported_typing_name_fails_as_in_evalplus(shared_data: Path, tmp_path: Path) -> None:
    # Issue 12: with the runner's `from __future__ import annotations` leaking into candidates,
    # `def f(numbers: List[float])` without `from typing import List` loaded and passed; plain
    # Python (and evalplus) raise NameError when the function is defined.
    problem = load("humanevalplus", shared_data / HEP)[0]
    with_import = problem.prompt + problem.reference[len(problem.prompt) :]
    assert "from typing import List" in with_import
    without = with_import.replace("from typing import List\n", "")
    samples = tmp_path / "s.jsonl"
    samples.write_text(
        "".join(json.dumps({"task_id": "HumanEval/0", "solution": s}) + "\n" for s in (with_import, without))
    )
    evaluate(
        EvalConfig(
            dataset="humaneval",
            samples=samples,
            dataset_path=shared_data / HEP,
            out=tmp_path / "out",
            cache_dir=tmp_path / "cache",
            progress=False,
            workers=2,
            no_analysis=True,
        )
    )
    got = [
        (r["base_status"], r["plus_status"]) for r in _eval_results(tmp_path / "out")["eval"]["HumanEval/0"]
    ]
    assert got == [("pass", "pass"), ("fail", "fail")]
    records = {
        r["index"]: r for r in map(json.loads, (tmp_path / "out" / "results.jsonl").read_text().splitlines())
    }
    record = records[1]
    failure = record["groups"]["base"]["failures"][0]
    assert failure["exception"] == "NameError: name 'List' is not defined", failure
