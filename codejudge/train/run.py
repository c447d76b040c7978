"""Run a training config top to bottom: evaluate, SFT, evaluate, DPO, evaluate, export.

Each stage writes ``<output_dir>/<stage>/adapter`` and a ``DONE`` marker;
with ``resume`` finished stages are skipped and the current one continues
from its last checkpoint. Held-out accuracies go to ``metrics.json`` as they
are measured; the model card (``README.md``) and the merged model come last.
Under ``accelerate launch`` only the main process evaluates and exports.

>>> metrics = train(load_config("recipes/tiny-cpu.yaml"))   # doctest: +SKIP
>>> metrics["after_dpo"]["accuracy"] >= metrics["after_sft"]["accuracy"]   # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from codejudge.train.common import data_file, load_model, load_rows, load_tokenizer
from codejudge.train.config import TrainConfig
from codejudge.train.evaluate import heldout_accuracy

log = logging.getLogger(__name__)


def _main_process() -> bool:
    # Not accelerate.PartialState(): creating it here, before TRL's config, would fix the distributed
    # setup (e.g. without use_cpu) for the whole process. The launcher's RANK says it already.
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return dist.get_rank() == 0
    return int(os.environ.get("RANK", "0")) == 0


def _wait() -> None:
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.barrier()


class Metrics:
    """metrics.json, rewritten after every measurement so a crash keeps what was measured."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {}

    def add(self, key: str, value: Any) -> None:
        self.data[key] = value
        if _main_process():
            self.path.write_text(json.dumps(self.data, indent=2) + "\n")


def _evaluate(cfg: TrainConfig, model: Any, tokenizer: Any, metrics: Metrics, key: str) -> None:
    if _main_process():
        rows = load_rows(data_file(cfg, "heldout.jsonl"), ("prompt", "label"))
        if cfg.eval_limit:
            rows = rows[: cfg.eval_limit]
        report = heldout_accuracy(model, tokenizer, rows, cfg.eval_max_new_tokens)
        log.info("held-out accuracy %s: %.3f (%d parse failures of %d)", key, report["accuracy"],
                 report["parse_failures"], report["n"])
        metrics.add(key, report)
    _wait()


def train(cfg: TrainConfig) -> dict[str, Any]:
    """Run the stages of ``cfg``; return the held-out metrics."""
    from codejudge.train.dpo import train_dpo
    from codejudge.train.export import export
    from codejudge.train.sft import train_sft

    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    if _main_process():
        (out / "train_config.json").write_text(json.dumps(cfg.to_dict(), indent=2) + "\n")
    metrics = Metrics(out / "metrics.json")
    if cfg.eval_before and "before" not in metrics.data:
        _evaluate(cfg, load_model(cfg), load_tokenizer(cfg), metrics, "before")

    trainer = tokenizer = None
    sft_adapter: Path | None = None
    if "sft" in cfg.stages:
        stage = out / "sft"
        if cfg.resume and (stage / "DONE").is_file():
            log.info("sft already finished: skipping (resume)")
        else:
            trainer, tokenizer = train_sft(cfg, stage)
            _evaluate(cfg, trainer.model, tokenizer, metrics, "after_sft")
            metrics.add("sft_train", _train_summary(trainer))
            (stage / "DONE").touch()
        sft_adapter = stage / "adapter"
    if "dpo" in cfg.stages:
        stage = out / "dpo"
        if cfg.resume and (stage / "DONE").is_file():
            log.info("dpo already finished: skipping (resume)")
        else:
            trainer, tokenizer = train_dpo(cfg, stage, sft_adapter)
            _evaluate(cfg, trainer.model, tokenizer, metrics, "after_dpo")
            metrics.add("dpo_train", _train_summary(trainer))
            (stage / "DONE").touch()
    last = out / cfg.stages[-1] / "adapter"
    if _main_process():
        export(cfg, last, metrics.data, merge=cfg.merge)
    _wait()
    return metrics.data


def _train_summary(trainer: Any) -> dict[str, Any]:
    logs = [h for h in trainer.state.log_history if "loss" in h]
    final = trainer.state.log_history[-1] if trainer.state.log_history else {}
    return {"steps": trainer.state.global_step, "first_loss": logs[0]["loss"] if logs else None,
            "last_loss": logs[-1]["loss"] if logs else None,
            "train_runtime_s": final.get("train_runtime"), "world_size": trainer.args.world_size}
