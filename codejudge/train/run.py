"""Run a training config top to bottom: RISE-Judge's SFT -> sample -> DPO, evaluated after each stage.

    evaluate (before) -> sft -> evaluate -> sample (SFT model's own judgments) -> dpo -> evaluate -> export

Each stage works in ``<output_dir>/<stage>/``, writes the data it trained on
(or produced) with a card (``sft/data/``, ``sample/``, ``dpo/data/``) and a
``DONE`` marker when finished; with ``resume`` finished stages are skipped, a
training stage continues from its last checkpoint and sampling from its log.
The sample and DPO stages start from the SFT adapter (``<output_dir>/sft/adapter``
or ``sft_adapter``); DPO keeps training that adapter. Held-out accuracy and
position consistency go to ``metrics.json`` as they are measured; the model
card (``README.md``, also inside ``merged/``) and the merged model come last.
Under ``accelerate launch`` only the main process evaluates, samples and exports.

>>> metrics = train(load_config("recipes/tiny-cpu.yaml"))   # doctest: +SKIP
>>> metrics["after_dpo"]["accuracy"] >= metrics["after_sft"]["accuracy"]   # doctest: +SKIP
True
"""

from __future__ import annotations

import gc
import json
import logging
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

from codejudge.data.card import write_card
from codejudge.errors import ConfigError
from codejudge.jsonl import dumps, read_jsonl, write_jsonl
from codejudge.train.common import data_file, load_model, load_rows, load_tokenizer, to_device
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


def _distributed() -> bool:
    import torch.distributed as dist

    return dist.is_available() and dist.is_initialized()


def _wait() -> None:
    import torch.distributed as dist

    if _distributed():
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


def heldout_rows(cfg: TrainConfig) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The held-out rows to judge, and how they were limited (None: all of them).

    ``eval_limit`` draws whole pairs (both answer orders) with a seeded RNG, so
    the sample is reproducible and position consistency stays measurable.
    """
    rows = load_rows(data_file(cfg, "heldout.jsonl"), ("prompt", "label"), optional=("id",))
    if not cfg.eval_limit or cfg.eval_limit >= len(rows):
        return rows, None
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(str(r.get("id", i)).rpartition(":")[0] or str(i), []).append(i)
    keys = sorted(groups)
    random.Random(cfg.seed).shuffle(keys)
    chosen: list[int] = []
    for key in keys:
        if len(chosen) + len(groups[key]) <= cfg.eval_limit:
            chosen += groups[key]
    chosen = chosen or groups[keys[0]][: cfg.eval_limit]
    return [rows[i] for i in sorted(chosen)], {
        "rows": len(chosen),
        "of": len(rows),
        "seed": cfg.seed,
        "by": "pair (both orders), seeded",
    }


def _evaluate(cfg: TrainConfig, model: Any, tokenizer: Any, metrics: Metrics, key: str) -> None:
    if _main_process():
        rows, limited = heldout_rows(cfg)
        report = heldout_accuracy(model, tokenizer, rows, cfg.eval_max_new_tokens)
        if limited:
            report["limited"] = limited
        log.info(
            "held-out %s: accuracy %.3f, position consistency %s (%d parse failures of %d)",
            key,
            report["accuracy"],
            report["position_consistency"],
            report["parse_failures"],
            report["n"],
        )
        metrics.add(key, report)
    _wait()


def _stage_data(
    stage_dir: Path,
    name: str,
    rows: list[dict[str, Any]],
    sources: list[str],
    how: str,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write the rows a stage trains on, with a card, to ``<stage>/data/``; every process gets the same file."""
    out = stage_dir / "data"
    if _main_process():
        write_jsonl(out / name, rows)
        write_card(out, {name: rows}, sources, how=how, extra=extra)
    elif not _distributed():
        # Launched with several processes but before TRL sets up torch.distributed: no barrier
        # exists yet, so wait until the main process's file holds exactly these rows.
        _wait_for_file(out / name, "".join(dumps(r) + "\n" for r in rows).encode("utf-8"))
    _wait()
    return out / name


def _wait_for_file(path: Path, content: bytes, timeout_s: float = 600.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not (path.is_file() and path.read_bytes() == content):
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{path} was not written by the main process within {timeout_s:.0f} s "
                f"(is rank 0 running, and do all processes see the same output_dir?)"
            )
        time.sleep(0.2)


def _release() -> None:
    """Free what a finished stage dropped before the next one loads its own model (GPU memory)."""
    gc.collect()
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    except ImportError:
        pass


def train(cfg: TrainConfig) -> dict[str, Any]:
    """Run the stages of ``cfg``; return the held-out metrics."""
    from codejudge.train.dpo import dpo_rows, train_dpo
    from codejudge.train.export import export
    from codejudge.train.sample import sample_stage
    from codejudge.train.sft import train_sft

    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    if _main_process():
        (out / "train_config.json").write_text(json.dumps(cfg.to_dict(), indent=2) + "\n")
    metrics = Metrics(out / "metrics.json")
    if cfg.eval_before and "before" not in metrics.data:
        model = to_device(load_model(cfg), cfg) if _main_process() else None  # only the main process judges
        _evaluate(cfg, model, load_tokenizer(cfg), metrics, "before")
        model = None
        _release()

    sft_adapter = Path(cfg.sft_adapter) if cfg.sft_adapter else out / "sft" / "adapter"
    if "sft" in cfg.stages:
        stage = out / "sft"
        if cfg.resume and (stage / "DONE").is_file():
            log.info("sft already finished: skipping (resume)")
        else:
            src = data_file(cfg, "sft.jsonl")
            data = _stage_data(
                stage,
                "sft.jsonl",
                read_jsonl(src, ("messages",)),
                [str(src)],
                "SFT warm-up rows: the judge prompt and a correct judgment (prompt/completion loss).",
            )
            trainer, tokenizer = train_sft(cfg, stage, data)
            _evaluate(cfg, trainer.model, tokenizer, metrics, "after_sft")
            metrics.add("sft_train", _train_summary(trainer))
            trainer = None
            _release()
            (stage / "DONE").touch()

    if "sample" in cfg.stages:
        stage = out / "sample"
        if cfg.resume and (stage / "DONE").is_file():
            log.info("sample already finished: skipping (resume)")
        else:
            if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not _distributed():
                raise ConfigError(
                    "the sample stage runs on the main process while the others wait, which needs "
                    "the sft stage in the same launch; run it alone first: `codejudge train --config "
                    "R.yaml --stages sample --resume`, then launch the dpo stage"
                )
            if _main_process():
                if not cfg.resume and stage.is_dir():
                    shutil.rmtree(stage)  # samples of an earlier SFT adapter would be stale
                stage.mkdir(parents=True, exist_ok=True)
                card = sample_stage(cfg, stage, sft_adapter)
                metrics.add("sample", {**card["sampling"], "dpo_pairs": card["files"]["dpo.jsonl"]["rows"]})
                (stage / "DONE").touch()
            _wait()

    if "dpo" in cfg.stages:
        stage = out / "dpo"
        if cfg.resume and (stage / "DONE").is_file():
            log.info("dpo already finished: skipping (resume)")
        else:
            rows, counts = dpo_rows(cfg)
            data = _stage_data(
                stage,
                "dpo.jsonl",
                rows,
                sorted(counts),
                f"DPO pairs ({cfg.dpo_pairs}): a correct judgment (chosen) over an incorrect one "
                "(rejected) of the same prompt; DPO continues the SFT adapter.",
                extra={"rows_per_source": counts, "continues_adapter": str(sft_adapter)},
            )
            trainer, tokenizer, start = train_dpo(cfg, stage, sft_adapter, data)
            _evaluate(cfg, trainer.model, tokenizer, metrics, "after_dpo")
            metrics.add(
                "dpo_train",
                {
                    **_train_summary(trainer),
                    "dpo_pairs": cfg.dpo_pairs,
                    "rows": counts,
                    "continues_adapter": str(sft_adapter),
                    "start_vs_sft": start,
                },
            )
            trainer = None
            _release()
            (stage / "DONE").touch()
    last = out / "dpo" / "adapter" if "dpo" in cfg.stages else sft_adapter
    if _main_process():
        export(cfg, last, metrics.data, merge=cfg.merge)
    _wait()
    return metrics.data


def _train_summary(trainer: Any) -> dict[str, Any]:
    logs = [h for h in trainer.state.log_history if "loss" in h]
    final = trainer.state.log_history[-1] if trainer.state.log_history else {}
    return {
        "steps": trainer.state.global_step,
        "first_loss": logs[0]["loss"] if logs else None,
        "last_loss": logs[-1]["loss"] if logs else None,
        "train_runtime_s": final.get("train_runtime"),
        "world_size": trainer.args.world_size,
    }
