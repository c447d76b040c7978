"""RISE-style sampling from the trained tiny judge (a real local model, sampled at a high temperature)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from codejudge.cli import main
from codejudge.judge.parse import parse_pairwise

pytestmark = [pytest.mark.slow, pytest.mark.train]


class Terminal(io.StringIO):
    """stderr as a terminal: tqdm draws its bar only when its stream is a TTY."""

    def isatty(self) -> bool:
        return True


def test_sample_keeps_correct_judgments_and_pairs_correct_with_incorrect(
    tiny_run: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "rise"
    args = [
        "data",
        "sample",
        "--data",
        str(tiny_run["data"]),
        "--llm",
        f"transformers:{tiny_run['out'] / 'merged'}",
        "--n",
        "4",
        "--temperature",
        "1.5",
        "--max-new-tokens",
        "40",
        "--limit",
        "6",
        "--out",
        str(out),
    ]
    terminal = Terminal()
    with monkeypatch.context() as m:
        m.setattr(sys, "stderr", terminal)
        assert main(args) == 0
    assert "sample: 100%" in terminal.getvalue() and "12/12" in terminal.getvalue()  # a progress bar on a TTY
    log = [json.loads(line) for line in (out / "judgments.jsonl").open()]
    assert len(log) == 12 and all(len(r["outputs"]) == 4 for r in log)  # 6 pairs x 2 orders x 4 samples
    sft = [json.loads(line) for line in (out / "sft.jsonl").open()]
    dpo = [json.loads(line) for line in (out / "dpo.jsonl").open()]
    correct = sum(v == r["label"] for r in log for v in r["verdicts"])
    assert sft and len(sft) <= correct
    assert all(parse_pairwise(r["messages"][-1]["content"])[0] == r["label"] for r in sft)
    for r in dpo:
        assert parse_pairwise(r["chosen"][0]["content"])[0] == r["label"]
        assert parse_pairwise(r["rejected"][0]["content"])[0] != r["label"]
    card = json.loads((out / "card.json").read_text())
    assert card["sampling"]["judgments"] == 48 and card["sampling"]["correct"] == correct
    # Resume: a second run samples nothing new; stderr is not a terminal here, so no bar is drawn.
    capsys.readouterr()
    assert main(args) == 0
    assert (out / "judgments.jsonl").read_text().count("\n") == 12
    assert "sample:" not in capsys.readouterr().err
