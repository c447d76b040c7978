"""Stage 2 of RISE-Judge: the SFT model judges the DPO prompts; correct vs incorrect become DPO pairs.

The model is the base model plus the SFT adapter (``<output_dir>/sft/adapter``
or ``sft_adapter``). Prompts are the pairs behind ``dpo.jsonl`` in both answer
orders (rebuilt from ``pairs.jsonl`` when the data folder has it, so a
``--no-swap`` data set is still sampled both ways). Each prompt gets
``sample_n`` judgments at ``sample_temperature``; the strict parser and the
ground-truth label sort them into correct and incorrect
(``codejudge.data.rise``). Everything lands in ``<output_dir>/sample/``:
``judgments.jsonl`` (appended as it goes, so ``--resume`` continues), ``dpo.jsonl``,
``sft.jsonl`` (the correct judgments) and a card.

>>> stats = sample_stage(cfg, Path("runs/j/sample"), Path("runs/j/sft/adapter"))   # doctest: +SKIP
>>> stats["sampling"]["sample_accuracy"]                                           # doctest: +SKIP
0.81
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.data.card import write_card
from codejudge.data.pairs import JudgePair
from codejudge.data.rise import pair_prompts, rise_rows, sample_log, sampling_stats
from codejudge.errors import require
from codejudge.jsonl import read_jsonl, write_jsonl
from codejudge.train.common import data_file, load_model, load_rows, load_tokenizer, to_device
from codejudge.train.config import TrainConfig
from codejudge.train.evaluate import generate


class ModelSampler:
    """An in-memory model as the ``generate(messages_list)`` LLM seam of ``codejudge.data.rise``."""

    def __init__(
        self, model: Any, tokenizer: Any, name: str, temperature: float, max_new_tokens: int
    ) -> None:
        self.model, self.tokenizer, self.name = model, tokenizer, name
        self.temperature, self.max_new_tokens = temperature, max_new_tokens

    def generate(self, messages_list: list[list[dict[str, str]]]) -> list[str]:
        return generate(
            self.model, self.tokenizer, messages_list, self.max_new_tokens, temperature=self.temperature
        )


def sampling_prompts(cfg: TrainConfig) -> list[dict[str, Any]]:
    """The DPO prompts, both answer orders, ``sample_limit`` pairs at most."""
    dpo_rows = load_rows(data_file(cfg, "dpo.jsonl"), ("prompt", "label"), optional=("id", "source", "group"))
    pair_ids = list(dict.fromkeys(str(r.get("id", "")).rpartition(":")[0] for r in dpo_rows))
    pairs_path = Path(cfg.data) / "pairs.jsonl"
    if pairs_path.is_file() and all(pair_ids):
        wanted = set(pair_ids)
        pairs = {
            p.id: p
            for p in (JudgePair.from_dict(r) for r in read_jsonl(pairs_path, ("id",)))
            if p.id in wanted
        }
        if len(pairs) == len(wanted):
            chosen = [pairs[i] for i in pair_ids][: cfg.sample_limit or None]
            return pair_prompts(chosen, swap=True)
    # No pairs file (e.g. data from `data sample`): the rows' own prompts, in the orders they come in.
    keep = set(pair_ids[: cfg.sample_limit or None])
    return [{"difficulty": None, **r} for r in dpo_rows if str(r.get("id", "")).rpartition(":")[0] in keep]


def sample_stage(cfg: TrainConfig, stage_dir: Path, adapter: Path) -> dict[str, Any]:
    """Sample from base + ``adapter``; write the stage's data and card; return the card."""
    torch = require("torch", "train")
    peft = require("peft", "train")
    tokenizer = load_tokenizer(cfg)
    model = to_device(peft.PeftModel.from_pretrained(load_model(cfg), str(adapter)), cfg)
    torch.manual_seed(cfg.seed)
    sampler = ModelSampler(
        model,
        tokenizer,
        f"{Path(cfg.model).name}+{adapter}",
        cfg.sample_temperature,
        cfg.sample_max_new_tokens,
    )
    prompts = sampling_prompts(cfg)
    records = sample_log(prompts, sampler, stage_dir / "judgments.jsonl", cfg.sample_n)
    sft, dpo = rise_rows(records)
    files = {"dpo.jsonl": dpo, "sft.jsonl": sft}
    for name, rows in files.items():
        write_jsonl(stage_dir / name, rows)
    how = (
        f"RISE-Judge sampling: the SFT model ({adapter}) judged the pairs of {data_file(cfg, 'dpo.jsonl')} "
        f"in both orders, {cfg.sample_n} times each at temperature {cfg.sample_temperature}; strictly parsed "
        "verdicts equal to the label are correct. dpo.jsonl pairs a correct with an incorrect judgment of the "
        "same prompt (each judgment used once); sft.jsonl holds the correct ones."
    )
    return write_card(
        stage_dir,
        files,
        [str(data_file(cfg, "dpo.jsonl")), str(adapter)],
        how=how,
        extra={
            "sampling": sampling_stats(records, sampler, cfg.sample_n),
            "settings": {
                k: getattr(cfg, k)
                for k in ("sample_n", "sample_temperature", "sample_max_new_tokens", "sample_limit", "seed")
            },
        },
    )
