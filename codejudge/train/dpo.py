"""Stage 3: DPO that continues the SFT adapter (TRL ``DPOTrainer``).

The policy is base model + the SFT adapter, loaded trainable: DPO keeps
training the same LoRA weights, it never starts a fresh one. With
``ref_model=None`` TRL copies that adapter into a frozen ``ref`` adapter, so the
reference is the SFT model, as RISE-Judge does. Before training, the weights
the policy (and the frozen reference) start from are compared with the saved
SFT adapter; the largest differences are recorded in ``metrics.json``
(``dpo_train.start_vs_sft``, 0.0 each) and any mismatch stops the run.

The preference rows (``dpo_pairs``):

- ``sampled``: the SFT model's own correct vs incorrect judgments (``<output_dir>/sample/dpo.jsonl``);
- ``templated``: ``dpo.jsonl`` of the data folder (the same evidence with the wrong conclusion);
- ``mixed``: both.

>>> rows, sources = dpo_rows(cfg)                                               # doctest: +SKIP
>>> trainer, tokenizer, start = train_dpo(cfg, Path("runs/j/dpo"), Path("runs/j/sft/adapter"),
...                                       Path("runs/j/dpo/data/dpo.jsonl"))    # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.errors import CodejudgeError, ConfigError, InputError, require
from codejudge.train.common import data_file, load_model, load_rows, load_tokenizer, train_and_save, trl_args
from codejudge.train.config import TrainConfig

COLUMNS = ("prompt", "chosen", "rejected")
META = ("id", "label", "source", "difficulty", "group")


def dpo_rows(cfg: TrainConfig) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The preference rows for ``cfg.dpo_pairs`` and how many came from each file."""
    sources: dict[str, list[dict[str, Any]]] = {}
    if cfg.dpo_pairs in ("templated", "mixed"):
        sources[str(data_file(cfg, "dpo.jsonl"))] = load_rows(data_file(cfg, "dpo.jsonl"), COLUMNS, META)
    if cfg.dpo_pairs in ("sampled", "mixed"):
        sampled = Path(cfg.output_dir) / "sample" / "dpo.jsonl"
        if not sampled.is_file():
            raise InputError(
                "no sampled DPO pairs",
                path=sampled,
                fix="run the sample stage first (stages: [sft, sample, dpo]) or set dpo_pairs: templated",
            )
        rows = load_rows(sampled, COLUMNS, META)
        if not rows and cfg.dpo_pairs == "sampled":
            raise InputError(
                "the sample stage found no prompt with both a correct and an incorrect judgment",
                path=sampled,
                fix="raise sample_temperature or sample_n, or set dpo_pairs: mixed",
            )
        sources[str(sampled)] = rows
    return [r for rows in sources.values() for r in rows], {k: len(v) for k, v in sources.items()}


def adapter_weights(model: Any, adapter: str = "default") -> dict[str, Any]:
    """The LoRA tensors of ``adapter``, named as in a saved ``adapter_model.safetensors``."""
    peft = require("peft", "train")
    return peft.get_peft_model_state_dict(model, adapter_name=adapter)


def max_abs_diff(model: Any, adapter_dir: Path, adapter: str = "default") -> float | None:
    """Largest absolute difference between the model's ``adapter`` and the one saved in ``adapter_dir``.

    None when the live weights are sharded away (DeepSpeed ZeRO-3 keeps empty placeholders).
    """
    from safetensors.torch import load_file

    saved = load_file(str(adapter_dir / "adapter_model.safetensors"))
    live = adapter_weights(model, adapter)
    if set(saved) != set(live):
        raise CodejudgeError(
            f"the {adapter!r} adapter has tensors {sorted(set(live) ^ set(saved))[:3]} that "
            f"{adapter_dir} does not (or the reverse)"
        )
    if any(t.numel() == 0 for t in live.values()):
        return None
    return max(
        (float((live[k].detach().cpu().float() - saved[k].float()).abs().max()) for k in saved), default=0.0
    )


def train_dpo(
    cfg: TrainConfig, stage_dir: Path, sft_adapter: Path, data_path: Path, callbacks: list[Any] | None = None
) -> tuple[Any, Any, dict[str, float | None]]:
    """Continue ``sft_adapter`` with DPO on ``data_path`` into ``stage_dir``.

    Returns (trainer, tokenizer, largest difference of the starting policy and reference adapters
    from ``sft_adapter``: 0.0 each).
    """
    trl = require("trl", "train")
    peft = require("peft", "train")
    datasets = require("datasets", "train")
    if not (sft_adapter / "adapter_config.json").is_file():
        raise ConfigError(
            f"DPO continues the SFT adapter, and there is none at {sft_adapter}: run the sft stage "
            "first (stages: [sft, sample, dpo]) or point sft_adapter at one"
        )
    tokenizer = load_tokenizer(cfg)
    model = peft.PeftModel.from_pretrained(load_model(cfg), str(sft_adapter), is_trainable=True)
    train_dataset = datasets.Dataset.from_list(load_rows(data_path, COLUMNS))
    args = trl_args(trl.DPOConfig, cfg, cfg.dpo_args, stage_dir)
    trainer = trl.DPOTrainer(
        model=model,
        ref_model=None,
        args=args,
        train_dataset=train_dataset,
        processing_class=tokenizer,
        callbacks=callbacks,
    )
    start = {"policy": max_abs_diff(trainer.model, sft_adapter)}
    if "ref" in trainer.model.peft_config:
        start["reference"] = max_abs_diff(trainer.model, sft_adapter, "ref")
    if any(d for d in start.values()):
        raise CodejudgeError(
            f"DPO would not start from the SFT adapter {sft_adapter} (largest differences: "
            f"{start}); it must continue exactly that adapter"
        )
    train_and_save(trainer, cfg, stage_dir)
    return trainer, tokenizer, start
