"""Training throughput: codejudge's SFT and DPO stages vs a plain TRL script, same model and data.

Each variant runs in its own process so peak memory is its own (CPU: max RSS;
GPU: torch.cuda.max_memory_allocated). Tokens/s = tokens the trainer saw
(``include_num_input_tokens_seen``) / train runtime. Without --model/--data it
builds the toy data set and the tiny judge model, as the CPU tests do.

    python bench/train_throughput.py                       # tiny model, CPU
    python bench/train_throughput.py --model models/Qwen2.5-Coder-1.5B-Instruct --data data/judge --steps 50
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

VARIANTS = ("codejudge-sft", "trl-sft", "codejudge-dpo", "trl-dpo")


def _args(steps: int, batch: int) -> dict[str, Any]:
    return {
        "max_steps": steps,
        "per_device_train_batch_size": batch,
        "learning_rate": 1e-4,
        "report_to": "none",
        "logging_steps": 1000,
        "save_strategy": "no",
        "activation_checkpointing": False,
        "include_num_input_tokens_seen": True,
        "max_length": 1024,
    }


def child(variant: str, model: str, data: str, out: str, steps: int, batch: int) -> dict[str, Any]:
    import torch

    if os.environ.get("BENCH_THREADS"):
        torch.set_num_threads(int(os.environ["BENCH_THREADS"]))
    cuda = torch.cuda.is_available()
    stage_args = _args(steps, batch) if cuda else {**_args(steps, batch), "use_cpu": True}
    if variant.startswith("codejudge"):
        from codejudge.train.config import TrainConfig
        from codejudge.train.dpo import train_dpo
        from codejudge.train.sft import train_sft

        cfg = TrainConfig(
            model=model,
            data=data,
            output_dir=out,
            lora_r=16,
            lora_alpha=32,
            lora_dropout=0.0,
            sft_args=stage_args,
            dpo_args=stage_args,
        )
        if variant.endswith("sft"):
            trainer, _ = train_sft(cfg, Path(out) / "sft")
        else:  # codejudge's DPO continues an SFT adapter; a freshly initialised one stands in for it here
            from peft import get_peft_model
            from transformers import AutoModelForCausalLM

            from codejudge.train.common import lora_config

            adapter = Path(out) / "init-adapter"
            get_peft_model(AutoModelForCausalLM.from_pretrained(model), lora_config(cfg)).save_pretrained(
                str(adapter)
            )
            trainer, _, _ = train_dpo(cfg, Path(out) / "dpo", adapter, Path(data) / "dpo.jsonl")
    else:  # the plain TRL script a user would write
        from peft import LoraConfig
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from trl import DPOConfig, DPOTrainer, SFTConfig, SFTTrainer

        from datasets import load_dataset

        tok = AutoTokenizer.from_pretrained(model)
        lora = LoraConfig(
            r=16, lora_alpha=32, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM"
        )
        base = AutoModelForCausalLM.from_pretrained(model)
        if variant.endswith("sft"):
            ds = load_dataset("json", data_files=f"{data}/sft.jsonl")["train"].select_columns(["messages"])
            trainer = SFTTrainer(
                model=base,
                args=SFTConfig(output_dir=out, **stage_args),
                train_dataset=ds,
                processing_class=tok,
                peft_config=lora,
            )
        else:
            ds = load_dataset("json", data_files=f"{data}/dpo.jsonl")["train"].select_columns(
                ["prompt", "chosen", "rejected"]
            )
            trainer = DPOTrainer(
                model=base,
                args=DPOConfig(output_dir=out, **stage_args),
                train_dataset=ds,
                processing_class=tok,
                peft_config=lora,
            )
        trainer.train()
    runtime = trainer.state.log_history[-1]["train_runtime"]
    tokens = trainer.state.num_input_tokens_seen
    peak = (
        torch.cuda.max_memory_allocated()
        if cuda
        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    )
    return {
        "variant": variant,
        "steps": trainer.state.global_step,
        "tokens": tokens,
        "runtime_s": runtime,
        "tokens_per_s": tokens / runtime,
        "peak_mem_mib": peak / 2**20,
        "device": "cuda" if cuda else "cpu",
    }


def prepare(tmp: Path) -> tuple[str, str]:
    from codejudge.cli import main
    from codejudge.train.tiny import build_tiny_judge

    data = tmp / "data"
    if main(["data", "synthesize", "--problems", "toy:40", "--out", str(data)]) != 0:
        sys.exit("data synthesis failed")
    return str(build_tiny_judge(tmp / "model", data)), str(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="local model path (default: the tiny judge)")
    ap.add_argument("--data", help="data folder with sft.jsonl and dpo.jsonl (default: toy data)")
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1, help="torch CPU threads per process")
    ap.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print("RESULT " + json.dumps(child(a.child, a.model, a.data, a.out, a.steps, a.batch)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        model, data = (a.model, a.data) if a.model and a.data else prepare(Path(tmp))
        rows = []
        for variant in VARIANTS:
            cmd = [
                sys.executable,
                __file__,
                "--child",
                variant,
                "--model",
                model,
                "--data",
                data,
                "--out",
                str(Path(tmp) / variant),
                "--steps",
                str(a.steps),
                "--batch",
                str(a.batch),
            ]
            env = {**os.environ, "BENCH_THREADS": str(a.threads), "OMP_NUM_THREADS": str(a.threads)}
            t0 = time.time()
            proc = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env)
            line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                sys.exit(f"{variant} failed:\n{proc.stderr[-3000:]}")
            rows.append({**json.loads(line[7:]), "wall_s": time.time() - t0})
    print(f"model={model} steps={a.steps} batch={a.batch} threads={a.threads}")
    print(f"{'variant':<15}{'steps':>6}{'tokens':>10}{'train s':>9}{'tokens/s':>10}{'peak MiB':>10}")
    for r in rows:
        print(
            f"{r['variant']:<15}{r['steps']:>6}{r['tokens']:>10}{r['runtime_s']:>9.1f}{r['tokens_per_s']:>10.0f}"
            f"{r['peak_mem_mib']:>10.0f}"
        )


if __name__ == "__main__":
    main()
