"""DPO continues the SFT adapter (never a fresh LoRA); the sample stage resumes from its log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from codejudge.errors import ConfigError
from codejudge.train.config import TrainConfig, load_config

pytestmark = [pytest.mark.slow, pytest.mark.train]
RECIPE = Path(__file__).resolve().parents[2] / "recipes" / "tiny-cpu.yaml"


def test_dpo_starts_from_exactly_the_sft_adapter_weights(tiny_run: dict[str, Any], tmp_path: Path) -> None:
    """A callback snapshots the adapters when DPO training begins; they must equal the saved SFT adapter."""
    from peft import get_peft_model_state_dict
    from safetensors.torch import load_file
    from transformers import TrainerCallback

    from codejudge.train.dpo import train_dpo

    seen: dict[str, dict[str, Any]] = {}

    class Snapshot(TrainerCallback):
        def on_train_begin(self, args: Any, state: Any, control: Any, model: Any = None, **kw: Any) -> None:
            for name in ("default", "ref"):
                seen[name] = {
                    k: v.detach().clone()
                    for k, v in get_peft_model_state_dict(model, adapter_name=name).items()
                }

    sft_adapter = tiny_run["out"] / "sft" / "adapter"
    cfg = load_config(
        RECIPE,
        {
            "model": str(tiny_run["model"]),
            "data": str(tiny_run["data"]),
            "output_dir": str(tmp_path),
            "dpo_args": {"max_steps": 2, "save_strategy": "no"},
        },
    )
    trainer, _, start = train_dpo(
        cfg, tmp_path / "dpo", sft_adapter, tiny_run["data"] / "dpo.jsonl", callbacks=[Snapshot()]
    )
    saved = load_file(str(sft_adapter / "adapter_model.safetensors"))
    assert start == {"policy": 0.0, "reference": 0.0}
    for name in ("default", "ref"):  # the trained policy and the frozen reference
        assert set(seen[name]) == set(saved) and len(saved) >= 4
        for key, tensor in saved.items():
            assert seen[name][key].shape == tensor.shape
            assert bool((seen[name][key] == tensor).all()), (name, key)
    # A fresh LoRA would start with lora_B = 0; the SFT adapter does not.
    assert any(float(t.abs().max()) > 0 for k, t in saved.items() if "lora_B" in k)
    # ...and DPO did move the policy while the reference stayed put.
    after = get_peft_model_state_dict(trainer.model, adapter_name="default")
    assert any(not bool((after[k].cpu() == saved[k]).all()) for k in saved)
    ref_after = get_peft_model_state_dict(trainer.model, adapter_name="ref")
    assert all(bool((ref_after[k].cpu() == saved[k]).all()) for k in saved)


def test_dpo_without_an_sft_adapter_is_refused(tiny_data: Path, tiny_model: Path, tmp_path: Path) -> None:
    from codejudge.train.run import train

    cfg = TrainConfig(
        model=str(tiny_model),
        data=str(tiny_data),
        output_dir=str(tmp_path),
        stages=["dpo"],
        eval_before=False,
        merge=False,
    )
    assert cfg.dpo_pairs == "templated"
    with pytest.raises(ConfigError, match="DPO continues the SFT adapter, and there is none at"):
        train(cfg)
    with pytest.raises(ConfigError, match="drop 'sft' from stages"):
        TrainConfig(model="m", data="d", output_dir="o", sft_adapter="a/adapter")


def test_sample_stage_resumes_from_its_log(tiny_run: dict[str, Any], copy_of: Any) -> None:
    from codejudge.cli import main

    out = copy_of(tiny_run["out"])
    log = out / "sample" / "judgments.jsonl"
    lines = log.read_text().splitlines()
    keep = len(lines) // 2
    log.write_text("\n".join(lines[:keep]) + "\n" + lines[keep][:40])  # half done, and a torn last line
    (out / "sample" / "DONE").unlink()
    rc = main(
        [
            "train",
            "--config",
            str(RECIPE),
            "--model",
            str(tiny_run["model"]),
            "--data",
            str(tiny_run["data"]),
            "--output-dir",
            str(out),
            "--sft-adapter",
            str(out / "sft" / "adapter"),
            "--stages",
            "sample",
            "--resume",
            "--no-eval-before",
            "--no-merge",
        ]
    )
    assert rc == 0
    now = log.read_text().splitlines()
    records, after = [json.loads(x) for x in now[:keep]], [json.loads(x) for x in now[keep:]]
    assert records == [json.loads(x) for x in lines[:keep]]  # the first half was kept, not resampled
    assert len(records) + len(after) == len(
        lines
    )  # only the missing prompts were sampled, the torn one again
    assert {r["id"] for r in records} | {r["id"] for r in after} == {json.loads(x)["id"] for x in lines}
    assert (out / "sample" / "DONE").is_file() and (out / "sample" / "card.json").is_file()


def test_eval_limit_draws_a_seeded_sample_of_whole_pairs(tiny_data: Path, tmp_path: Path) -> None:
    from codejudge.train.export import model_card
    from codejudge.train.run import heldout_rows

    cfg = TrainConfig(model="m", data=str(tiny_data), output_dir=str(tmp_path), eval_limit=10, seed=3)
    rows, limited = heldout_rows(cfg)
    again, _ = heldout_rows(cfg)
    other, _ = heldout_rows(
        TrainConfig(model="m", data=str(tiny_data), output_dir=str(tmp_path), eval_limit=10, seed=4)
    )
    total = sum(1 for _ in (tiny_data / "heldout.jsonl").open())
    assert len(rows) == 10 and rows == again and rows != other
    assert limited == {"rows": 10, "of": total, "seed": 3, "by": "pair (both orders), seeded"}
    pairs = {r["id"].rpartition(":")[0] for r in rows}
    assert len(pairs) == 5  # both orders of five pairs, not the first ten rows
    assert [r["id"] for r in rows] != [
        json.loads(x)["id"] for x in list((tiny_data / "heldout.jsonl").open())[:10]
    ]
    report = {
        "accuracy": 1.0,
        "parse_failures": 0,
        "n": 10,
        "position_consistency": 1.0,
        "pairs_in_both_orders": 5,
        "limited": limited,
    }
    card = model_card(cfg, {"after_sft": report})
    assert f"**Limited evaluation** (`eval_limit`): 10 of the {total} held-out rows" in card
    assert heldout_rows(TrainConfig(model="m", data=str(tiny_data), output_dir=str(tmp_path)))[1] is None
