"""Pair builders (HumanEvalPack, evalplus samples), pair formats and the HumanEvalPack loader."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from codejudge.errors import DatasetHashError, InputError
from codejudge.evaluate.meta_formats import read_pairs
from codejudge.evaluate.meta_run import score_pairs
from codejudge.evaluate.pairs import evalplus_sample_pairs, humanevalpack_pairs, write_jsonl
from codejudge.judge.extract import extract_code
from codejudge.problems.humanevalpack import LANGUAGES, load_humanevalpack


def test_humanevalpack_pairs_all_languages(shared_data: Path) -> None:
    rows = humanevalpack_pairs(shared_data / "humanevalpack")
    assert len(rows) == 164 * len(LANGUAGES)
    assert {r["subset"] for r in rows} == {f"humanevalpack-{lang}" for lang in LANGUAGES}
    for r in rows:
        assert r["chosen"] != r["rejected"] and r["tests"]
    py = next(r for r in rows if r["id"] == "Python/32")
    assert "def poly(" in py["tests"]  # the check's helper travels with the test program
    assert "def find_zero" in extract_code(py["chosen"], "python", "find_zero")


def test_humanevalpack_hash_is_verified(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / "humanevalpack" / "humanevalpack_python.jsonl.gz"
    bad = tmp_path / "humanevalpack_python.jsonl.gz"
    rows = gzip.decompress(src.read_bytes()).decode().splitlines()[:3]
    bad.write_bytes(gzip.compress("\n".join(rows).encode()))
    with pytest.raises(DatasetHashError, match="pinned"):
        load_humanevalpack(tmp_path, "python")
    assert len(load_humanevalpack(tmp_path, "python", verify=False)) == 3
    with pytest.raises(InputError, match="unknown HumanEvalPack language"):
        load_humanevalpack(tmp_path, "cobol")


def test_evalplus_sample_pairs_follow_the_recorded_verdicts(shared_data: Path) -> None:
    files = sorted((shared_data / "evalplus_samples").glob("humaneval--*.json"))
    rows = evalplus_sample_pairs(files)
    assert rows
    verdicts = {}
    for f in files:
        model = "/".join(f.name.removesuffix(".eval_results.json").split("--")[1:])
        for task, samples in json.loads(f.read_text())["eval"].items():
            verdicts[(model, task)] = samples[0]
    for r in rows:
        good, bad = verdicts[(r["chosen_model"], r["task_id"])], verdicts[(r["rejected_model"], r["task_id"])]
        assert good["base_status"] == good["plus_status"] == "pass"
        assert bad["plus_status"] == "fail" and r["rejected_base_status"] == bad["base_status"]
        assert r["chosen_model"] != r["rejected_model"]  # one sample per task per file


def test_pair_formats_normalize(tmp_path: Path) -> None:
    cases: dict[str, dict[str, Any]] = {
        "rb.jsonl": {"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s"},
        "jb.jsonl": {"question": "p", "response_A": "r", "response_B": "c", "label": "B>A", "pair_id": "7"},
        "cpb.jsonl": {"instruction": "p", "choices": ["r", "c"], "gt_choice": 1, "criteria": "efficiency"},
        "cj.jsonl": {"instruction": "p", "response_a": "c", "response_b": "r", "label": "A"},
    }
    for name, row in cases.items():
        write_jsonl([row], tmp_path / name)
        [pair] = read_pairs(tmp_path / name)
        chosen = pair.a if pair.label == "A" else pair.b
        assert (pair.instruction, chosen) == ("p", "c")
        swapped = pair.judge_row(swapped=True)
        assert swapped["label"] != pair.label and swapped["id"].endswith("#ba")
    write_jsonl(
        [{"question": "p", "response_A": "a", "response_B": "b", "label": "A?B"}], tmp_path / "x.jsonl"
    )
    with pytest.raises(InputError, match=r"x.jsonl:1: field 'label'"):
        read_pairs(tmp_path / "x.jsonl")
    write_jsonl([{"foo": 1}], tmp_path / "y.jsonl")
    with pytest.raises(InputError, match=r"y.jsonl:1: cannot tell the pair format"):
        read_pairs(tmp_path / "y.jsonl")


def test_score_pairs_maps_swapped_verdicts_back(tmp_path: Path) -> None:
    write_jsonl([{"id": "1", "prompt": "p", "chosen": "c", "rejected": "r"}], tmp_path / "p.jsonl")
    pairs = read_pairs(tmp_path / "p.jsonl")
    # Right in the given order (A = chosen), and right when swapped (B = chosen).
    verdicts = {
        "1#ab": {"winner": "A", "decided_by": "tests"},
        "1#ba": {"winner": "B", "decided_by": "tests"},
    }
    rep = score_pairs(pairs, verdicts, n_boot=10)
    assert rep["overall"]["accuracy"] == 1.0 and rep["overall"]["position_consistency"] == 1.0
    assert rep["decided_by"] == {"tests": 2}
