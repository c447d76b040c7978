"""Stored repair outcomes are keyed on the edit families: ``repair.fingerprint`` changes with the
repair package's source (and the analyzer modules it cuts candidates with) and with the budget's
search limits, and the benchmark's store (``aq-*.repair*.jsonl``) drops outcomes of another one."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import codejudge.analyze as analyze
from codejudge.analyze.repair import RepairBudget, fingerprint, source_digest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "analyzer_quality.py"


def test_digest_changes_with_an_edit_family_and_with_the_reference_alignment(tmp_path: Path) -> None:
    src = Path(analyze.__file__).parent
    copy = tmp_path / "analyze"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = source_digest(copy / "repair")
    assert before == source_digest(src / "repair")  # content, not location
    family = copy / "repair" / "families" / "conditional_error.py"
    family.write_text(family.read_text() + "\n# one more edit\n")
    after_family = source_digest(copy / "repair")
    assert after_family != before
    refdiff = copy / "refdiff.py"
    refdiff.write_text(refdiff.read_text() + "\n# another alignment\n")
    assert source_digest(copy / "repair") not in (before, after_family)


def test_fingerprint_follows_the_search_limits_not_the_time_limits() -> None:
    assert fingerprint() == fingerprint(RepairBudget())
    assert fingerprint(RepairBudget(max_edits=30)) != fingerprint()
    assert fingerprint(RepairBudget(seconds=9.0)) == fingerprint()  # how far it got: in the status


def test_benchmark_store_drops_outcomes_of_other_families(tmp_path: Path, capsys) -> None:
    spec = importlib.util.spec_from_file_location("analyzer_quality", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    store = tmp_path / "aq-ast.repair.jsonl"
    rows = [
        {"key": "a", "fingerprint": fingerprint(), "status": "repaired"},
        {"key": "b", "fingerprint": "0" * 16, "status": "repaired"},  # older families
        {"key": "c", "status": "no repair"},  # stored before fingerprints
    ]
    store.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert set(bench.read_repairs(store)) == {"a"}
    assert "2 stored repair outcomes" in capsys.readouterr().err
