"""`codejudge eval humanevalpack`: pass@k per language, reports with failing calls, the self-check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.errors import BackendUnavailable
from codejudge.sandbox import get_executor


@pytest.fixture(scope="module", autouse=True)
def bwrap() -> None:
    try:
        get_executor("bwrap").close()
    except BackendUnavailable as exc:
        pytest.skip(str(exc))


def test_self_check_canonical_passes_buggy_fails(shared_data: Path, tmp_path: Path, capsys) -> None:
    rc = main(
        [
            "eval",
            "humanevalpack",
            "--language",
            "javascript",
            "--data",
            str(shared_data / "humanevalpack"),
            "--tasks",
            "JavaScript/0,JavaScript/1",
            "--no-progress",
            "--out",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "self-check: canonical passed 2/2, buggy failed 2/2" in out
    assert "fully converted to outputs-only tests: 2/2" in out
    records = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    buggy = next(r for r in records if r["task_id"] == "JavaScript/0" and r["origin"] == "buggy")
    failure = buggy["groups"]["base"]["failures"][0]
    # the failing input is the test program's call; expected and actual came out of the comparison
    assert failure["input"].startswith("hasCloseElements(") and failure["verdict_source"] == "outputs"
    assert (failure["expected"], failure["actual"]) == (False, True)
    evalplus = json.loads((tmp_path / "eval_results.json").read_text())
    assert evalplus["eval"]["JavaScript/0"][1]["base_status"] == "fail"
    assert evalplus["eval"]["JavaScript/0"][1]["base_fail_tests"][0].startswith("hasCloseElements(")


def test_samples_give_pass_at_k(shared_data: Path, tmp_path: Path, capsys) -> None:
    samples = tmp_path / "samples.jsonl"
    good = "    for i in range(len(numbers)) {}\n"  # not Go: a compile error, a failed sample
    right = (
        "    for i := 0; i < len(numbers); i++ {\n        for j := i + 1; j < len(numbers); j++ {\n"
        "            if math.Abs(numbers[i]-numbers[j]) < threshold {\n                return true\n"
        "            }\n        }\n    }\n    return false\n}\n"
    )
    samples.write_text(
        "\n".join(json.dumps({"task_id": "Go/0", "completion": c}) for c in (right, good)) + "\n"
    )
    rc = main(
        [
            "eval",
            "humanevalpack",
            "--language",
            "go",
            "--data",
            str(shared_data / "humanevalpack"),
            "--samples",
            str(samples),
            "--no-progress",
            "--out",
            str(tmp_path / "out"),
            "--json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert rc == 0 and report["pass_at_k"] == {"pass@1": 0.5} and report["tasks"] == 1
    records = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    bad = next(r for r in records if r["index"] == 1)
    assert bad["groups"]["base"]["failures"][0]["exception"].startswith("CompileError")
