"""Stage 2: DPO from the SFT adapter (TRL ``DPOTrainer``).

The policy starts as base model + SFT adapter. With ``ref_model=None`` TRL
copies that adapter into a frozen ``ref`` adapter, so the reference is the SFT
model, as in the two-stage recipes this follows.

>>> trainer, tokenizer = train_dpo(cfg, Path("runs/j/dpo"), Path("runs/j/sft/adapter"))   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.errors import require
from codejudge.train.common import data_file, load_model, load_rows, load_tokenizer, lora_config
from codejudge.train.config import TrainConfig
from codejudge.train.sft import _last_checkpoint


def train_dpo(cfg: TrainConfig, stage_dir: Path, sft_adapter: Path | None,
              callbacks: list[Any] | None = None) -> tuple[Any, Any]:
    """Train DPO into ``stage_dir``; start from ``sft_adapter`` when given, else a fresh LoRA."""
    trl = require("trl", "train")
    peft = require("peft", "train")
    datasets = require("datasets", "train")
    tokenizer = load_tokenizer(cfg)
    model = load_model(cfg)
    peft_config = None
    if sft_adapter is not None:
        model = peft.PeftModel.from_pretrained(model, str(sft_adapter), is_trainable=True)
    else:
        peft_config = lora_config(cfg)
    train_dataset = datasets.Dataset.from_list(load_rows(data_file(cfg, "dpo.jsonl"), ("prompt", "chosen", "rejected")))
    args = trl.DPOConfig(**{"report_to": "none", "logging_steps": 10, "save_strategy": "steps", "save_steps": 100,
                            **cfg.dpo_args, "output_dir": str(stage_dir), "seed": cfg.seed})
    trainer = trl.DPOTrainer(model=model, ref_model=None, args=args, train_dataset=train_dataset,
                             processing_class=tokenizer, peft_config=peft_config, callbacks=callbacks)
    trainer.train(resume_from_checkpoint=_last_checkpoint(stage_dir) if cfg.resume else None)
    trainer.save_model(str(stage_dir / "adapter"))
    return trainer, tokenizer
