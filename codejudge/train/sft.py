"""Stage 1: LoRA SFT warm-up on step-by-step judgments (TRL ``SFTTrainer``).

Rows are conversational ``messages`` (system, user, assistant). They are split
into TRL's conversational prompt/completion form so the loss covers only the
judgment, not the long prompt the judge is given.

>>> adapter = train_sft(cfg)    # doctest: +SKIP
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from codejudge.errors import require
from codejudge.train.common import data_file, load_model, load_rows, load_tokenizer, lora_config
from codejudge.train.config import TrainConfig

log = logging.getLogger(__name__)


def sft_dataset(path: Path) -> Any:
    datasets = require("datasets", "train")
    rows = load_rows(path, ("messages",))
    return datasets.Dataset.from_list(
        [{"prompt": r["messages"][:-1], "completion": r["messages"][-1:]} for r in rows]
    )


def train_sft(
    cfg: TrainConfig, stage_dir: Path, data_path: Path | None = None, callbacks: list[Any] | None = None
) -> tuple[Any, Any]:
    """Train the SFT adapter on ``data_path`` (default: the data folder's sft.jsonl) into ``stage_dir``."""
    trl = require("trl", "train")
    tokenizer = load_tokenizer(cfg)
    model = load_model(cfg)
    train_dataset = sft_dataset(data_path or data_file(cfg, "sft.jsonl"))
    args = trl.SFTConfig(
        **{
            "report_to": "none",
            "logging_steps": 10,
            "save_strategy": "steps",
            "save_steps": 100,
            **cfg.sft_args,
            "output_dir": str(stage_dir),
            "seed": cfg.seed,
        }
    )
    trainer = trl.SFTTrainer(
        model=model,
        args=args,
        train_dataset=train_dataset,
        processing_class=tokenizer,
        peft_config=lora_config(cfg),
        callbacks=callbacks,
    )
    trainer.train(resume_from_checkpoint=_last_checkpoint(stage_dir) if cfg.resume else None)
    trainer.save_model(str(stage_dir / "adapter"))
    return trainer, tokenizer


def _last_checkpoint(stage_dir: Path) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    found = get_last_checkpoint(str(stage_dir)) if stage_dir.is_dir() else None
    if found:
        log.info("resuming from %s", found)
    return found
