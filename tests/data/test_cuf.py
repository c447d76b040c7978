from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.data.cuf import import_cuf
from codejudge.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def test_pairs_drop_ties_and_na_and_keep_rationales() -> None:
    pairs, policy = import_cuf(FIXTURES / "cuf_sample.jsonl")
    # row 1: 4 distinct ratings -> 6 pairs; row 2: 5,3,5,N/A -> 2 pairs (tie and N/A dropped);
    # row 3: 5,2,4,1 -> 6 pairs; row 4: a tie -> none.
    assert len(pairs) == 14
    assert not any("model-w" in p.id for p in pairs if p.id.startswith("cuf/2/"))
    first = next(p for p in pairs if p.id == "cuf/1/model-x>model-z")
    assert first.rationale_better.startswith("A single generator pass")
    assert first.criterion == "complexity and efficiency" and first.difficulty == "easy"
    assert next(p for p in pairs if p.id == "cuf/1/model-x>model-y").difficulty == "hard"
    assert len(policy) == 3  # the all-tie row has no preference
    row = policy[0]
    assert row["score_chosen"] == 5.0 and row["score_chosen"] > row["score_rejected"]
    assert row["prompt"][0]["role"] == "user" and row["chosen"][0]["role"] == "assistant"


def test_malformed_rows_name_file_and_line_unless_skipped() -> None:
    with pytest.raises(InputError) as err:
        import_cuf(FIXTURES / "cuf_bad.jsonl")
    assert err.value.line == 2 and "cuf_bad.jsonl:2" in str(err.value)
    bad: list[str] = []
    pairs, _ = import_cuf(FIXTURES / "cuf_bad.jsonl", skip_bad=True, bad=bad)
    assert len(pairs) == 6 and [b.split(":")[1] for b in bad] == ["2", "3", "4"]
    assert "'excellent'" in bad[2]


def test_cli_import_writes_trl_rows_and_a_card(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "import-cuf", str(FIXTURES / "cuf_bad.jsonl"), "--out", str(tmp_path)]) == 2
    assert "cuf_bad.jsonl:2" in capsys.readouterr().err
    rc = main(["data", "import-cuf", str(FIXTURES / "cuf_sample.jsonl"), "--out", str(tmp_path),
               "--heldout-fraction", "0.3"])
    assert rc == 0
    card = json.loads((tmp_path / "card.json").read_text())
    files = card["files"]
    assert files["pairs.jsonl"]["rows"] == 14
    total = files["sft.jsonl"]["rows"] + files["dpo.jsonl"]["rows"] + files["heldout.jsonl"]["rows"]
    assert total >= 2 * 14  # every pair in both orders (SFT and DPO share rows when one difficulty is missing)
    for name in ("sft.jsonl", "dpo.jsonl"):
        labels = files[name]["labels"]
        assert labels.get("A", 0) == labels.get("B", 0)
        assert len(files[name]["sha256"]) == 64
    assert (tmp_path / "policy_dpo.jsonl").read_text().count("\n") == 3
    assert "sha256" in (tmp_path / "README.md").read_text()
