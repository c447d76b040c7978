from __future__ import annotations

from codejudge.data.pairs import JudgePair, dpo_row, heldout_row, orientations, sft_row
from codejudge.judge.parse import parse_pairwise
from codejudge.judge.prompts import pairwise_messages

PAIR = JudgePair(
    "p/0#0",
    "Add 3 to x.",
    "def f(x):\n    return x + 3",
    "def f(x):\n    return x - 3",
    {"tests": "5/5 passed"},
    {"tests": "0/5 passed", "failures": ["test 0: failed (expected 3, got -3)"]},
    group="p/0",
)


def test_sft_rows_use_the_judge_prompt_and_end_in_a_strict_verdict() -> None:
    first, second = (sft_row(PAIR, o) for o in orientations(PAIR, swap=True))
    assert first["messages"][:2] == pairwise_messages(
        PAIR.instruction, PAIR.better, PAIR.worse, PAIR.evidence_better, PAIR.evidence_worse
    )
    assert [first["label"], second["label"]] == ["A", "B"]  # swap augmentation balances positions
    for row in (first, second):
        text = row["messages"][-1]["content"]
        assert parse_pairwise(text) == (row["label"], None)
        assert text.splitlines()[-1] == f"[[{row['label']}]]"
        assert "5/5 passed" in text and "0/5 passed" in text  # cites the evidence


def test_dpo_rows_prefer_the_correct_verdict() -> None:
    row = dpo_row(PAIR, better_first=False)
    assert [m["role"] for m in row["prompt"]] == ["system", "user"]
    assert parse_pairwise(row["chosen"][0]["content"])[0] == "B"
    assert parse_pairwise(row["rejected"][0]["content"])[0] == "A"
    assert heldout_row(PAIR, False)["prompt"] == row["prompt"]


def test_single_orientation_is_stable_and_rationales_replace_the_template() -> None:
    assert orientations(PAIR, swap=False) == orientations(PAIR, swap=False)
    cuf = JudgePair(
        "c",
        "Sort.",
        "sorted(x)",
        "x",
        criterion="readability",
        rationale_better="Idiomatic.",
        rationale_worse="Does nothing.",
    )
    text = sft_row(cuf, better_first=False)["messages"][-1]["content"]
    assert text.startswith("Response A: Does nothing.\nResponse B: Idiomatic.")
    assert "## Criterion\nreadability" in sft_row(cuf, True)["messages"][1]["content"]
