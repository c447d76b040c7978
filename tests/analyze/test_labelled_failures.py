"""The hand-labelled real failures (datasets/evalplus-failures-labelled) are ground truth for the
tagger's figures: every file must parse, use the taxonomy's category and reason ids, match the
sha256 its card states, and the batches must be disjoint (a row labelled twice would count twice).
The agreement arithmetic of bench/label_agreement.py is checked on a hand-worked example."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest

from codejudge.analyze.taxonomy import load

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "datasets" / "evalplus-failures-labelled"
FILES = sorted(p.name for p in LABELLED.glob("*.jsonl"))


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (LABELLED / name).read_text().splitlines() if line.strip()]


def _ids(taxonomy: str, key: str) -> set[str]:
    return {c["id"] for c in load(taxonomy)[key]}


def test_the_card_lists_every_file_with_its_sha256() -> None:
    card = (LABELLED / "README.md").read_text()
    assert {"labels.jsonl", "batch2.jsonl", "second-labels.jsonl"} <= set(FILES)
    for name in FILES:
        digest = hashlib.sha256((LABELLED / name).read_bytes()).hexdigest()
        assert f"`{name}` `{digest}`" in card, f"{name}: the card does not state its sha256 {digest}"


@pytest.mark.parametrize("name", FILES)
def test_rows_use_taxonomy_ids(name: str) -> None:
    categories = _ids("mistakes", "categories")
    reasons = _ids("reasons", "reasons")
    rows = _rows(name)
    assert rows
    for r in rows:
        where = f"{name}: id {r.get('id')}"
        assert set(r["categories"]) <= categories, where
        assert r["reason"] is None or r["reason"] in reasons, where
        assert re.fullmatch(r"[0-9a-f]{64}", r["solution_sha256"]), where
        assert r["rationale"].strip(), where


def test_batches_are_disjoint_and_second_labellings_point_into_theirs() -> None:
    batch_files = ["labels.jsonl"] + [n for n in FILES if re.fullmatch(r"batch\d+\.jsonl", n)]
    batches = [_rows(n) for n in batch_files]
    ids = [r["id"] for b in batches for r in b]
    assert len(ids) == len(set(ids))
    keys = [(r["samples"], r["task_id"]) for b in batches for r in b]
    assert len(keys) == len(set(keys)), "a solution is labelled in two batches"
    # a second labeller's rows (second-labels.jsonl: first batch; batchN-second.jsonl: batch N)
    for second, of in [("second-labels.jsonl", "labels.jsonl")] + [
        (n, n.replace("-second", "")) for n in FILES if n.endswith("-second.jsonl")
    ]:
        by_id = {r["id"]: r for r in _rows(of)}
        for r in _rows(second):
            f = by_id[r["id"]]
            assert (r["samples"], r["task_id"], r["solution_sha256"]) == (
                f["samples"],
                f["task_id"],
                f["solution_sha256"],
            ), f"{second}: id {r['id']}"


def _agreement():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("label_agreement", ROOT / "bench" / "label_agreement.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_agreement_arithmetic() -> None:
    ag = _agreement()
    # first: {a}, {b}, {a, b}; second: {a}, {a}, {b} -> 2 shared of 3 given, of 4 true
    p, r = ag.micro([{"a"}, {"b"}, {"a", "b"}], [{"a"}, {"a"}, {"b"}])
    assert (p, r) == (2 / 3, 2 / 4)
    # presence of one category over 4 rows: observed agreement 0.5, chance 0.5 -> kappa 0
    assert ag.kappa([True, True, False, False], [True, False, True, False]) == 0.0
    assert ag.kappa([True, False], [True, False]) == 1.0
    assert ag.kappa([True, True], [True, True]) is None  # no variation: kappa undefined
