"""`codejudge eval` runs diagnosis by repair on failing samples by default (bwrap sandbox)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.evaluate.engine import EvalConfig, evaluate
from codejudge.sandbox.bwrap import check as bwrap_check

_OK, _WHY = bwrap_check()
pytestmark = [
    pytest.mark.bwrap,
    pytest.mark.skipif(
        not _OK and "bwrap" not in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", ""),
        reason=f"bwrap unavailable: {_WHY}",
    ),
]


def _records(out: Path) -> dict:
    return {
        (r["task_id"], r["index"]): r
        for r in map(json.loads, (out / "results.jsonl").read_text().splitlines())
    }


def test_default_eval_diagnoses_failures(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = dict(
        dataset="humaneval",
        out=tmp_path / "out",
        cache_dir=tmp_path / "cache",
        progress=False,
        workers=2,
        diagnosis_budget=0.0,
    )
    summary = evaluate(EvalConfig(**cfg))
    assert summary.diagnosis["samples"] >= 6 and summary.diagnosis["repaired"] >= 2
    assert summary.seconds["diagnosis"] > 0
    recs = _records(tmp_path / "out")
    off_by_one = recs[("HumanEval/23", 1)]  # the demo's `len(string) - 1`
    assert off_by_one["diagnosis"]["status"] == "repaired"
    repair = next(f for f in off_by_one["findings"] if f["source"] == "repair")
    assert repair["code"] == "CJ793" and repair["evidence"]["repair"].startswith("--- a/")
    assert off_by_one["tags"][0]["category"] == "index_off" and off_by_one["tags"][0]["confidence"] >= 0.9
    assert off_by_one["reason"]["heuristic"] is True
    keeps_zeros = recs[("HumanEval/30", 1)]  # `>= 0` where `> 0` was meant
    assert [t["category"] for t in keeps_zeros["tags"] if t["confidence"] >= 0.5] == ["conditional_error"]
    assert recs[("HumanEval/55", 1)]["diagnosis"]["status"].startswith("skipped: only timeouts")
    assert all(
        r["diagnosis"] is None and r["tags"] == [] for r in recs.values() if r["base_status"] == "pass"
    )
    assert list((tmp_path / "cache").glob("repair-*/*/*.json"))  # outcomes cached by content

    # the same run again: every outcome comes from the cache
    again = evaluate(EvalConfig(**{**cfg, "out": tmp_path / "again"}))
    assert again.diagnosis["repaired"] == summary.diagnosis["repaired"]
    assert _records(tmp_path / "again")[("HumanEval/23", 1)]["tags"] == off_by_one["tags"]


def test_no_diagnosis_and_time_budget(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cache = str(tmp_path / "cache")
    assert (
        main(
            [
                "eval",
                "humaneval",
                "--out",
                str(tmp_path / "off"),
                "--cache-dir",
                cache,
                "--no-progress",
                "--no-diagnosis",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "diagnosis" not in out.splitlines()[-2]
    recs = _records(tmp_path / "off")
    assert all(r["diagnosis"] is None for r in recs.values())
    assert not any(f["source"] == "repair" for r in recs.values() for f in r["findings"])
    assert recs[("HumanEval/23", 1)]["tags"]  # static, dynamic and reference evidence still tag failures
    summary = evaluate(
        EvalConfig(
            dataset="humaneval",
            out=tmp_path / "late",
            cache_dir=tmp_path / "cache2",
            progress=False,
            diagnosis_budget=1e-9,
        )
    )
    assert summary.diagnosis["out_of_time"] == summary.diagnosis["samples"] > 0
    late = _records(tmp_path / "late")
    assert all(
        r["diagnosis"]["status"] == "skipped: diagnosis time budget spent"
        for r in late.values()
        if r["diagnosis"]
    )
    assert main(["eval", "humaneval", "--out", str(tmp_path / "x"), "--diagnosis-budget", "-1"]) == 2
