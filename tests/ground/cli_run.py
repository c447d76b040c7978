"""Run ``codejudge judge`` the way a user does (a subprocess on a JSONL file) for the end-to-end tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def judge_cli(tmp_path: Path, rows: list[dict[str, Any]], timeout: float) -> list[dict[str, Any]]:
    """The verdicts ``python -m codejudge judge --input rows.jsonl --out verdicts.jsonl`` writes."""
    inp = tmp_path / "pairs.jsonl"
    inp.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "verdicts.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "codejudge", "judge", "--input", str(inp), "--out", str(out), "--no-progress"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in out.read_text().splitlines()]
