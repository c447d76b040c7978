"""The multi-process path: two CPU processes (gloo) under ``accelerate launch``, SFT then DPO."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.train]
REPO = Path(__file__).resolve().parents[2]


def test_two_cpu_processes_train_both_stages(tiny_data: Path, tiny_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "ddp"
    cmd = [sys.executable, "-m", "accelerate.commands.launch",
           "--config_file", str(REPO / "codejudge" / "train" / "accelerate" / "cpu2.yaml"),
           "-m", "codejudge.train.launch", "--config", str(REPO / "recipes" / "tiny-cpu.yaml"),
           "--model", str(tiny_model), "--data", str(tiny_data), "--output-dir", str(out),
           "--sft-args", "max_steps=6", "--sft-args", "per_device_train_batch_size=4",
           "--dpo-args", "max_steps=2", "--dpo-args", "per_device_train_batch_size=2",
           "--no-eval-before", "--eval-limit", "4", "--eval-max-new-tokens", "8", "--no-merge"]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run(cmd, check=False, cwd=REPO, env=env, capture_output=True, text=True, timeout=400)
    assert proc.returncode == 0, proc.stderr[-3000:]
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["sft_train"]["world_size"] == 2 and metrics["dpo_train"]["world_size"] == 2
    assert metrics["sft_train"]["steps"] == 6 and metrics["dpo_train"]["steps"] == 2
    assert metrics["after_dpo"]["n"] == 4  # evaluated once, on the main process
    assert (out / "dpo" / "adapter" / "adapter_model.safetensors").is_file()
    assert (out / "README.md").is_file()
