"""Stage 1: LoRA SFT warm-up on step-by-step judgments (TRL ``SFTTrainer``).

Rows are conversational ``messages`` (system, user, assistant). They are split
into TRL's conversational prompt/completion form so the loss covers only the
judgment, not the long prompt the judge is given.

>>> adapter = train_sft(cfg)    # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.errors import require
from codejudge.train.common import (
    data_file,
    load_model,
    load_rows,
    load_tokenizer,
    lora_config,
    train_and_save,
    trl_args,
)
from codejudge.train.config import TrainConfig


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
    args = trl_args(trl.SFTConfig, cfg, cfg.sft_args, stage_dir)
    trainer = trl.SFTTrainer(
        model=model,
        args=args,
        train_dataset=train_dataset,
        processing_class=tokenizer,
        peft_config=lora_config(cfg),
        callbacks=callbacks,
    )
    train_and_save(trainer, cfg, stage_dir)
    return trainer, tokenizer
