"""The multi-process path: two CPU processes (gloo) under ``accelerate launch``, SFT -> sample -> DPO."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.train]
REPO = Path(__file__).resolve().parents[2]
_DIST_VARS = {
    "RANK",
    "LOCAL_RANK",
    "WORLD_SIZE",
    "LOCAL_WORLD_SIZE",
    "MASTER_ADDR",
    "MASTER_PORT",
    "CUDA_VISIBLE_DEVICES",
}


def test_two_cpu_processes_train_both_stages(tiny_data: Path, tiny_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "ddp"
    cmd = [
        sys.executable,
        "-m",
        "accelerate.commands.launch",
        "--config_file",
        str(REPO / "codejudge" / "train" / "accelerate" / "cpu2.yaml"),
        "-m",
        "codejudge",
        "train",
        "--config",
        str(REPO / "recipes" / "tiny-cpu.yaml"),
        "--model",
        str(tiny_model),
        "--data",
        str(tiny_data),
        "--output-dir",
        str(out),
        "--sft-args",
        "max_steps=6",
        "--sft-args",
        "per_device_train_batch_size=4",
        "--dpo-args",
        "max_steps=2",
        "--dpo-args",
        "per_device_train_batch_size=2",
        "--sample-limit",
        "2",
        "--sample-n",
        "2",
        "--sample-max-new-tokens",
        "8",
        "--dpo-pairs",
        "mixed",
        "--no-eval-before",
        "--eval-limit",
        "4",
        "--eval-max-new-tokens",
        "8",
        "--no-merge",
    ]
    # Nothing from the caller's environment may pick the topology (an ACCELERATE_* default, a
    # RANK/WORLD_SIZE left by another launcher): the config file alone must decide it.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ACCELERATE_", "PET_", "TORCHELASTIC_")) and k not in _DIST_VARS
    }
    env.update(OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    proc = subprocess.run(cmd, check=False, cwd=REPO, env=env, capture_output=True, text=True, timeout=400)
    assert proc.returncode == 0, proc.stderr[-3000:]
    metrics = json.loads((out / "metrics.json").read_text())
    sizes = (metrics["sft_train"]["world_size"], metrics["dpo_train"]["world_size"])
    assert sizes == (2, 2), (
        f"world sizes {sizes}; launcher output:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    )
    assert metrics["sft_train"]["steps"] == 6 and metrics["dpo_train"]["steps"] == 2
    assert metrics["after_dpo"]["n"] == 4  # evaluated once, on the main process
    assert metrics["sample"]["prompts"] == 4 and metrics["sample"]["judgments"] == 8  # sampled once, on main
    assert metrics["dpo_train"]["start_vs_sft"]["policy"] == 0.0
    assert (out / "dpo" / "adapter" / "adapter_model.safetensors").is_file()
    assert (out / "README.md").is_file()
