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


def _row(metrics: dict[str, Any], key: str) -> str:
    m = metrics.get(key)
    if not m:
        return f"| {key.replace('_', ' ')} | not measured | | |"
    pc = m.get("position_consistency")
    consistency = f"{pc:.3f} of {m.get('pairs_in_both_orders', '?')} pairs" if pc is not None else "-"
    return f"| {key.replace('_', ' ')} | {m['accuracy']:.3f} | {consistency} | {m['parse_failures']} of {m['n']} |"


def _limit_note(metrics: dict[str, Any]) -> list[str]:
    limited = next((m["limited"] for m in metrics.values() if isinstance(m, dict) and m.get("limited")), None)
    if not limited:
        return []
    return [
        "",
        f"**Limited evaluation** (`eval_limit`): {limited['rows']} of the {limited['of']} held-out rows, "
        f"a seeded sample of whole pairs (seed {limited['seed']}); the figures above are on that sample.",
    ]


def _stage_lines(cfg: TrainConfig, metrics: dict[str, Any]) -> list[str]:
    lines = ["## Stages", ""]
    if "sft" in cfg.stages:
        lines.append("- **sft**: LoRA warm-up on correct judgments (`sft/data/`, card included).")
    if "sample" in cfg.stages and metrics.get("sample"):
        s = metrics["sample"]
        lines.append(
            f"- **sample**: the SFT model judged {s['prompts']} prompts {s['samples_per_prompt']} times "
            f"(both answer orders); {s['correct']} of {s['judgments']} judgments were correct; "
            f"{s['dpo_pairs']} correct-vs-incorrect pairs (`sample/`, card included)."
        )
    if "dpo" in cfg.stages:
        d = metrics.get("dpo_train", {})
        lines.append(
            f"- **dpo** ({cfg.dpo_pairs} pairs): continues the SFT adapter "
            f"(starting weights differ from it by {d.get('start_vs_sft', {}).get('policy', 'n/a')}); "
            "the frozen reference is the SFT adapter (`dpo/data/`, card included)."
        )
    return lines


def model_card(cfg: TrainConfig, metrics: dict[str, Any], merged: bool = False) -> str:
    data_card = Path(cfg.data) / "card.json"
    files = json.loads(data_card.read_text())["files"] if data_card.is_file() else {}
    lines = [
        "---",
        f"library_name: {'transformers' if merged else 'peft'}",
        "tags: [codejudge, judge, trl, sft, dpo, lora, rise-judge]",
        "---",
        "",
        "# codejudge judge model",
        "",
        (
            f"A pairwise code judge trained from `{cfg.model}` with LoRA (r={cfg.lora_r}, alpha={cfg.lora_alpha}) "
            f"in the stages {', '.join(cfg.stages)} on judgments from `{cfg.data}`."
        ),
        "It reads the prompt of `codejudge.judge.prompts.pairwise_messages` and ends with [[A]] or [[B]].",
        "",
        *_stage_lines(cfg, metrics),
        "",
        "## Held-out judge accuracy",
        "",
        "Strict: an output without exactly one verdict marker counts as wrong. Position consistency: the share "
        "of held-out pairs for which both answer orders pick the same response.",
        "",
        "| when | accuracy | position consistency | parse failures |",
        "|---|---|---|---|",
    ]
    lines += [_row(metrics, key) for key in ("before", "after_sft", "after_dpo")]
    lines += _limit_note(metrics)
    lines += ["", "## Training data", "", "| file | rows | sha256 |", "|---|---|---|"]
    lines += [f"| {n} | {f['rows']} | `{f['sha256']}` |" for n, f in files.items()]
    lines += ["", "## Config", "", "```json", json.dumps(cfg.to_dict(), indent=2), "```", ""]
    return "\n".join(lines)


def export(cfg: TrainConfig, adapter: Path, metrics: dict[str, Any], merge: bool = True) -> Path | None:
    """Write README.md (the model card) to ``output_dir`` and, when merging, into ``merged/`` too."""
    out = Path(cfg.output_dir)
    (out / "README.md").write_text(model_card(cfg, metrics), encoding="utf-8")
    if not merge:
        return None
    dest = merge_adapter(cfg, adapter, out / "merged")
    # The merged folder is what gets copied or uploaded on its own: it carries its own card.
    (dest / "README.md").write_text(model_card(cfg, metrics, merged=True), encoding="utf-8")
    return dest
