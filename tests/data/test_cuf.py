"""CodeUltraFeedback import on rows in the published schema (annotations in shuffled order, joined by model)."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.data.cuf import import_cuf
from codejudge.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
PUBLISHED = FIXTURES / "cuf_published.jsonl"


def _rows() -> list[dict]:
    return [json.loads(line) for line in PUBLISHED.open()]


def _truth(row: dict) -> dict[str, tuple[str, str]]:
    """model -> (rating, rationale), read straight from the fixture."""
    return {a["model"]: (a["rating"], a["rationale"]) for a in row["annotations"]}


def test_fixture_really_stores_annotations_in_shuffled_order() -> None:
    # The point of the fixture: pairing annotations by position would invert preferences.
    inverted = 0
    for row in _rows():
        assert [a["model"] for a in row["annotations"]] != [r["model"] for r in row["responses"]]
        truth = _truth(row)
        by_position = [(r["model"], a["rating"]) for r, a in zip(row["responses"], row["annotations"])]
        for (ma, ra), (mb, rb) in combinations(by_position, 2):
            if "N/A" in (ra, rb, truth[ma][0], truth[mb][0]) or ra == rb:
                continue
            inverted += (float(ra) > float(rb)) != (float(truth[ma][0]) > float(truth[mb][0]))
    assert inverted >= 10


def test_published_schema_with_shuffled_annotations_gives_zero_inverted_pairs() -> None:
    result = import_cuf(PUBLISHED)
    rows = _rows()
    # 6 rows: 6 + 6 + 5 (one tie) + 6 + 3 (one N/A) + 6 pairs.
    assert len(result.pairs) == 32
    inverted = 0
    for pair in result.pairs:
        row = rows[int(pair.id.split("/")[1]) - 1]
        truth = _truth(row)
        text = {r["response"]: r["model"] for r in row["responses"]}
        better, worse = text[pair.better], text[pair.worse]
        inverted += float(truth[better][0]) <= float(truth[worse][0])
        # Ratings and rationales travel with the response they were written for.
        assert (pair.score_better, pair.score_worse) == (float(truth[better][0]), float(truth[worse][0]))
        assert (pair.rationale_better, pair.rationale_worse) == (truth[better][1], truth[worse][1])
        assert pair.criterion == row["preference"] and pair.source == f"cuf/{row['preference']}"
        assert pair.id == f"cuf/{rows.index(row) + 1}/{better}>{worse}"
    assert inverted == 0
    hard = next(p for p in result.pairs if p.id == "cuf/1/gpt-4>mistral-7b-instruct")
    assert hard.difficulty == "hard" and hard.rationale_better.startswith("Linear time with constant memory")
    assert next(p for p in result.pairs if p.id == "cuf/1/gpt-4>codellama-7b-instruct").difficulty == "easy"
    assert not any("codellama-7b-instruct" in p.id for p in result.pairs if p.id.startswith("cuf/5/"))  # N/A


def test_policy_rows_pick_a_best_rated_response_by_model() -> None:
    result = import_cuf(PUBLISHED)
    rows = _rows()
    assert len(result.policy) == 6
    for prow, row in zip(result.policy, rows):
        truth = _truth(row)
        text = {r["model"]: r["response"] for r in row["responses"]}
        best = max(float(r) for r, _ in truth.values() if r != "N/A")
        assert float(truth[prow["model_chosen"]][0]) == prow["score_chosen"] == best
        assert float(truth[prow["model_rejected"]][0]) == prow["score_rejected"] < best
        assert prow["chosen"][0]["content"] == text[prow["model_chosen"]]
        assert prow["rejected"][0]["content"] == text[prow["model_rejected"]]


def test_import_check_counts_reordering_balance_and_the_length_baseline() -> None:
    check = import_cuf(PUBLISHED).check
    assert (check.rows, check.pairs, check.ties, check.unrated, check.reordered_rows) == (6, 32, 1, 1, 6)
    assert sum(check.ratings.values()) == 24 and check.ratings["N/A"] == 1
    # Worked out by hand from the fixture: the better response is the longer one in 26 of 32 pairs.
    assert check.longer_wins == 26 and check.length_ties == 0
    assert check.better_listed_first == 20
    text = "\n".join(check.lines())
    assert "26 of 32 pairs (81%)" in text and "6 of 6 rows store them in another order" in text


@pytest.mark.parametrize(
    "line, field, words",
    [
        (2, "annotations[0].model", "names no model"),
        (3, "annotations[2].model", "'gpt-4-turbo'"),
        (4, "annotations[3].model", "second annotation for model 'gpt-4'"),
        (5, "annotations", "no annotation for the response(s) of ['codellama-7b-instruct']"),
        (6, "responses[2].model", "would be ambiguous"),
        (7, "annotations[1].rating", "'excellent'"),
    ],
)
def test_ambiguous_or_incomplete_joins_are_refused_with_file_line_field(
    tmp_path: Path, line: int, field: str, words: str
) -> None:
    lines = (FIXTURES / "cuf_bad.jsonl").read_text().splitlines()
    one = tmp_path / "one.jsonl"
    one.write_text("\n" * (line - 1) + lines[line - 1] + "\n")  # keep the line number
    with pytest.raises(InputError) as err:
        import_cuf(one)
    assert err.value.line == line and err.value.field == field
    assert f"one.jsonl:{line}: field '{field}'" in str(err.value) and words in str(err.value)


def test_skip_bad_keeps_the_good_rows_and_lists_the_rest() -> None:
    bad: list[str] = []
    result = import_cuf(FIXTURES / "cuf_bad.jsonl", skip_bad=True, bad=bad)
    assert result.check.rows == 2 and len(result.pairs) == 12
    assert [b.split(":")[1] for b in bad] == ["2", "3", "4", "5", "6", "7", "8", "9"]


def test_cli_import_prints_the_check_and_writes_trl_rows_and_a_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["data", "import-cuf", str(FIXTURES / "cuf_bad.jsonl"), "--out", str(tmp_path)]) == 2
    assert "cuf_bad.jsonl:2: field 'annotations[0].model'" in capsys.readouterr().err
    rc = main(["data", "import-cuf", str(PUBLISHED), "--out", str(tmp_path), "--heldout-fraction", "0.3"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "import check: 6 rows -> 32 pairs" in out and "longer one in 26 of 32 pairs" in out
    card = json.loads((tmp_path / "card.json").read_text())
    assert card["import_check"]["agreement_with_longer_is_better"] == pytest.approx(26 / 32, abs=1e-4)
    files = card["files"]
    assert files["pairs.jsonl"]["rows"] == 32
    for name in ("sft.jsonl", "dpo.jsonl", "heldout.jsonl"):
        labels = files[name]["labels"]
        assert labels.get("A", 0) == labels.get("B", 0)
        assert len(files[name]["sha256"]) == 64
    assert (tmp_path / "policy_dpo.jsonl").read_text().count("\n") == 6
    assert "import_check" in (tmp_path / "README.md").read_text()
