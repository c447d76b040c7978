"""Export: merge the last adapter into the base model and write the model card.

The merged folder loads with plain ``AutoModelForCausalLM.from_pretrained``
(and so with ``codejudge judge --llm transformers:PATH``).

>>> export(cfg, Path("runs/j/dpo/adapter"), metrics)   # doctest: +SKIP
PosixPath('runs/j/merged')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codejudge.errors import require
from codejudge.train.common import load_tokenizer
from codejudge.train.config import TrainConfig


def merge_adapter(cfg: TrainConfig, adapter: Path, dest: Path) -> Path:
    """Base model + LoRA adapter, merged and saved with the tokenizer."""
    peft = require("peft", "train")
    transformers = require("transformers", "train")
    base = transformers.AutoModelForCausalLM.from_pretrained(cfg.model, dtype="auto")
    model = peft.PeftModel.from_pretrained(base, str(adapter)).merge_and_unload()
    model.save_pretrained(str(dest))
    load_tokenizer(cfg).save_pretrained(str(dest))
    return dest


def _acc(metrics: dict[str, Any], key: str) -> str:
    m = metrics.get(key)
    return f"{m['accuracy']:.3f} ({m['parse_failures']} parse failures of {m['n']})" if m else "not measured"


def model_card(cfg: TrainConfig, metrics: dict[str, Any]) -> str:
    data_card = Path(cfg.data) / "card.json"
    files = json.loads(data_card.read_text())["files"] if data_card.is_file() else {}
    lines = [
        "---", "library_name: peft", "tags: [codejudge, judge, trl, sft, dpo, lora]", "---", "",
        "# codejudge judge model", "",
        (f"A pairwise code judge trained from `{cfg.model}` with LoRA (r={cfg.lora_r}, alpha={cfg.lora_alpha}) "
         f"in the stages {', '.join(cfg.stages)} on execution-labelled judgments from `{cfg.data}`."),
        "It reads the prompt of `codejudge.judge.prompts.pairwise_messages` and ends with [[A]] or [[B]].", "",
        "## Held-out judge accuracy", "",
        "Strict: an output without exactly one verdict marker counts as wrong.", "",
        "| when | accuracy |", "|---|---|",
    ]
    for key in ("before", "after_sft", "after_dpo"):
        lines.append(f"| {key.replace('_', ' ')} | {_acc(metrics, key)} |")
    lines += ["", "## Training data", "", "| file | rows | sha256 |", "|---|---|---|"]
    lines += [f"| {n} | {f['rows']} | `{f['sha256']}` |" for n, f in files.items()]
    lines += ["", "## Config", "", "```json", json.dumps(cfg.to_dict(), indent=2), "```", ""]
    return "\n".join(lines)


def export(cfg: TrainConfig, adapter: Path, metrics: dict[str, Any], merge: bool = True) -> Path | None:
    out = Path(cfg.output_dir)
    (out / "README.md").write_text(model_card(cfg, metrics), encoding="utf-8")
    if merge:
        return merge_adapter(cfg, adapter, out / "merged")
    return None
