"""What both stages share: loading the base model, the LoRA config, the data files, the TRL
arguments and the train-then-save step.

>>> lora_config(TrainConfig(model="m", data="d", output_dir="o")).r   # doctest: +SKIP
16
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from codejudge.errors import ConfigError, InputError, require
from codejudge.jsonl import iter_jsonl
from codejudge.train.config import TrainConfig

log = logging.getLogger(__name__)

# What codejudge sets in a stage's TRL config unless the recipe's sft_args / dpo_args say otherwise.
STAGE_DEFAULTS: dict[str, Any] = {
    "report_to": "none",
    "logging_steps": 10,
    "save_strategy": "steps",
    "save_steps": 100,
}


def trl_args(config_cls: Any, cfg: TrainConfig, stage_args: dict[str, Any], stage_dir: Path) -> Any:
    """``config_cls`` (``trl.SFTConfig`` / ``trl.DPOConfig``): codejudge's defaults, then the
    recipe's ``stage_args``; the stage folder and the seed are always the recipe's own."""
    return config_cls(**{**STAGE_DEFAULTS, **stage_args, "output_dir": str(stage_dir), "seed": cfg.seed})


def train_and_save(trainer: Any, cfg: TrainConfig, stage_dir: Path) -> None:
    """Train (from the stage's last checkpoint with ``resume``) and save the adapter."""
    trainer.train(resume_from_checkpoint=last_checkpoint(stage_dir) if cfg.resume else None)
    trainer.save_model(str(stage_dir / "adapter"))


def last_checkpoint(stage_dir: Path) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    found = get_last_checkpoint(str(stage_dir)) if stage_dir.is_dir() else None
    if found:
        log.info("resuming from %s", found)
    return found


def load_tokenizer(cfg: TrainConfig) -> Any:
    transformers = require("transformers", "train")
    tok = transformers.AutoTokenizer.from_pretrained(cfg.model)
    if tok.pad_token is None:  # many base models ship without one; EOS is the usual stand-in
        tok.pad_token = tok.eos_token
    if not tok.chat_template:
        raise ConfigError(
            f"the tokenizer at {cfg.model} has no chat template; judge rows are conversations. "
            "Use an instruct model or set tokenizer.chat_template and save it."
        )
    return tok


def load_model(cfg: TrainConfig) -> Any:
    """The base model, in 4-bit when ``qlora`` (bitsandbytes and a CUDA GPU required)."""
    torch = require("torch", "train")
    transformers = require("transformers", "train")
    if not (Path(cfg.model) / "config.json").is_file():
        raise ConfigError(
            f"no model at {cfg.model}: expected a local save_pretrained folder with config.json"
        )
    kwargs: dict[str, Any] = {"dtype": cfg.dtype if cfg.dtype != "auto" else "auto"}
    if cfg.qlora:
        try:
            import bitsandbytes  # noqa: F401
        except ImportError:
            raise ConfigError(
                "qlora: true needs bitsandbytes (pip install 'codejudge[qlora]') and a CUDA GPU; "
                "set qlora: false to train plain LoRA"
            ) from None
        if not torch.cuda.is_available():
            raise ConfigError(
                "qlora: true needs a CUDA GPU (none found); set qlora: false to train plain LoRA"
            )
        kwargs["quantization_config"] = transformers.BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
    return transformers.AutoModelForCausalLM.from_pretrained(cfg.model, **kwargs)


def to_device(model: Any, cfg: TrainConfig) -> Any:
    """The model on this process's GPU when there is one (a 4-bit model is placed when it loads)."""
    torch = require("torch", "train")
    if cfg.qlora or not torch.cuda.is_available():
        return model
    return model.to(torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0"))))


def lora_config(cfg: TrainConfig) -> Any:
    peft = require("peft", "train")
    targets: Any = cfg.lora_target_modules
    if targets != "all-linear":
        targets = [t.strip() for t in targets.split(",") if t.strip()]
    return peft.LoraConfig(
        r=cfg.lora_r,
        lora_alpha=cfg.lora_alpha,
        lora_dropout=cfg.lora_dropout,
        target_modules=targets,
        task_type="CAUSAL_LM",
    )


def data_file(cfg: TrainConfig, name: str) -> Path:
    path = Path(cfg.data) / name
    if not path.is_file():
        raise InputError(
            f"{name} not found in the data folder",
            path=path,
            fix="build it with `codejudge data synthesize` (or import-cuf / sample)",
        )
    return path


def load_rows(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Rows of a JSONL file, keeping only ``columns`` (the TRL trainers reject unknown shapes).

    ``optional`` columns are kept when a row has them.
    """
    return [
        {c: row[c] for c in (*columns, *optional) if c in row}
        for _, row in iter_jsonl(path, required=columns)
    ]
