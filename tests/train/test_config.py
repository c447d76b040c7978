from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.errors import ConfigError, UnknownNameError
from codejudge.train.config import TrainConfig, load_config

REPO = Path(__file__).resolve().parents[2]
RECIPES = sorted((REPO / "recipes").glob("*.yaml"))


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_every_shipped_recipe_validates_against_trl(recipe: Path) -> None:
    cfg = load_config(recipe)
    assert cfg.stages == ["sft", "sample", "dpo"] and cfg.dpo_pairs == "sampled"  # RISE-Judge
    assert Path(cfg.model).is_absolute() or "/" in cfg.model


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_no_recipe_uses_a_deprecated_training_argument(recipe: Path, tmp_path: Path) -> None:
    """Build the real SFTConfig / DPOConfig of every recipe and fail on any deprecation warning."""
    import warnings

    import torch
    import trl

    cfg = load_config(recipe)
    for cls, args in (("SFTConfig", cfg.sft_args), ("DPOConfig", cfg.dpo_args)):
        if not torch.cuda.is_available() and (args.get("bf16") or args.get("fp16")):
            args = {**args, "bf16": False, "fp16": False, "use_cpu": True}  # the GPU recipes, checked on CPU
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            warnings.simplefilter("error", DeprecationWarning)
            getattr(trl, cls)(output_dir=str(tmp_path), **args)


def test_flags_override_the_recipe_and_merge_trl_args(tmp_path: Path) -> None:
    cfg = load_config(
        REPO / "recipes" / "tiny-cpu.yaml",
        {"lora_r": 4, "output_dir": str(tmp_path), "sft_args": {"learning_rate": 1e-3}},
    )
    assert cfg.lora_r == 4 and cfg.output_dir == str(tmp_path)
    assert cfg.sft_args["learning_rate"] == 1e-3 and cfg.sft_args["max_steps"] == 500  # merged, not replaced


def test_unknown_names_fail_with_suggestions(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match="Unknown SFTConfig field 'max_seq_length' in sft_args. Did you mean"
    ):
        TrainConfig(model="m", data="d", output_dir="o", sft_args={"max_seq_length": 512})
    with pytest.raises(ConfigError, match="set by codejudge"):
        TrainConfig(model="m", data="d", output_dir="o", dpo_args={"output_dir": "x"})
    with pytest.raises(UnknownNameError, match="Did you mean: sft"):
        TrainConfig(model="m", data="d", output_dir="o", stages=["sfd"])
    with pytest.raises(ConfigError, match="order sft, sample, dpo"):
        TrainConfig(model="m", data="d", output_dir="o", stages=["dpo", "sft"])
    with pytest.raises(UnknownNameError, match="Did you mean: sampled"):
        TrainConfig(model="m", data="d", output_dir="o", dpo_pairs="sample")
    with pytest.raises(ConfigError, match="sample_n must be at least 2"):
        TrainConfig(model="m", data="d", output_dir="o", sample_n=1)
    bad = tmp_path / "r.yaml"
    bad.write_text("model: m\ndata: d\noutput_dir: o\nlora_rank: 8\n")
    with pytest.raises(UnknownNameError, match="Did you mean: lora_r"):
        load_config(bad)
    with pytest.raises(ConfigError, match="missing required setting"):
        load_config(None, {"model": "m"})


def test_every_config_field_is_a_cli_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--help"]) == 0
    text = capsys.readouterr().out
    for f in dataclasses.fields(TrainConfig):
        assert "--" + f.name.replace("_", "-") in text


def test_cli_reports_bad_config_as_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["train", "--config", str(REPO / "recipes" / "tiny-cpu.yaml"), "--dpo-args", "betta=0.2"])
    assert rc == 2 and "Did you mean: beta" in capsys.readouterr().err


def test_qlora_without_bitsandbytes_or_gpu_is_a_clear_error(tmp_path: Path) -> None:
    from codejudge.testing.tiny import build_tiny_model
    from codejudge.train.common import load_model

    model = build_tiny_model(tmp_path / "m")
    cfg = TrainConfig(model=str(model), data=str(tmp_path), output_dir=str(tmp_path / "o"), qlora=True)
    with pytest.raises(ConfigError, match="qlora: true needs"):
        load_model(cfg)


ACCELERATE = sorted((REPO / "codejudge" / "train" / "accelerate").glob("*.yaml"))


@pytest.mark.parametrize("path", ACCELERATE, ids=[p.name for p in ACCELERATE])
def test_accelerate_configs_load_with_accelerate(path: Path) -> None:
    from accelerate.commands.config.config_args import load_config_from_file

    cfg = load_config_from_file(str(path))
    expected = {
        "ddp.yaml": "MULTI_GPU",
        "cpu2.yaml": "MULTI_GPU",
        "fsdp.yaml": "FSDP",
        "zero2.yaml": "DEEPSPEED",
        "zero3.yaml": "DEEPSPEED",
    }[path.name]
    assert cfg.distributed_type.value == expected
    if path.name.startswith("zero"):
        assert cfg.deepspeed_config["zero_stage"] == int(path.name[4])
    assert {p.name for p in ACCELERATE} == {"cpu2.yaml", "ddp.yaml", "fsdp.yaml", "zero2.yaml", "zero3.yaml"}
