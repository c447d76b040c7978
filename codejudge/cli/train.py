"""``codejudge train``: RISE-Judge from one YAML recipe: LoRA SFT -> sample from the SFT model -> DPO.

Every TrainConfig field is also a flag with the same name (``lora_r`` ->
``--lora-r``); flags override the recipe. TRL arguments go in ``sft_args`` /
``dpo_args`` or as ``--sft-args KEY=VALUE`` (repeatable, YAML-typed values).

    codejudge train --config recipes/tiny-cpu.yaml
    codejudge train --config recipes/qwen2.5-coder-7b.yaml --lora-r 32 --sft-args learning_rate=1e-4 --resume
    accelerate launch --config_file codejudge/train/accelerate/ddp.yaml -m codejudge train --config R.yaml
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from codejudge.cli.flags import Flag, add_config_flags, given
from codejudge.errors import ConfigError

# How TrainConfig's flags differ from the default mapping (codejudge.cli.flags): the stages as
# several words, switches a recipe may set either way, and TRL arguments as repeatable KEY=VALUE.
TRAIN_FLAGS = {
    "stages": Flag(nargs="+", metavar="STAGE"),
    **{name: Flag(negatable=True) for name in ("qlora", "eval_before", "merge", "resume")},
    **{name: Flag(action="append", metavar="KEY=VALUE") for name in ("sft_args", "dpo_args")},
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from codejudge.train.config import TrainConfig

    parser.add_argument("--config", default=None, help="YAML recipe (keys = the flags below)")
    add_config_flags(parser, TrainConfig, TRAIN_FLAGS)


def _pairs(items: list[str], flag: str) -> dict[str, Any]:
    import yaml

    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ConfigError(f"--{flag} expects KEY=VALUE, got {item!r}")
        out[key.strip()] = yaml.safe_load(value)
    return out


def run(args: argparse.Namespace) -> int:
    from codejudge.train.config import TrainConfig, load_config
    from codejudge.train.run import train

    overrides: dict[str, Any] = given(TrainConfig, args)
    for name in ("sft_args", "dpo_args"):
        if name in overrides:
            overrides[name] = _pairs(overrides[name], name.replace("_", "-"))
    cfg = load_config(args.config, overrides)
    metrics = train(cfg)
    summary = {
        k: {
            "accuracy": v["accuracy"],
            "position_consistency": v.get("position_consistency"),
            "parse_failures": v["parse_failures"],
            "n": v["n"],
        }
        for k, v in metrics.items()
        if isinstance(v, dict) and "accuracy" in v
    }
    print(json.dumps({"output_dir": cfg.output_dir, "heldout": summary}, indent=2))
    return 0
