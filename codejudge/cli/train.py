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
import dataclasses
import json
from typing import Any

from codejudge.errors import ConfigError

_BOOL = {"qlora", "eval_before", "merge", "resume"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from codejudge.train.config import TrainConfig

    parser.add_argument("--config", default=None, help="YAML recipe (keys = the flags below)")
    for f in dataclasses.fields(TrainConfig):
        flag = "--" + f.name.replace("_", "-")
        help_text = f.metadata.get("help", "")
        if f.name in _BOOL:
            parser.add_argument(
                flag, dest=f.name, action=argparse.BooleanOptionalAction, default=None, help=help_text
            )
        elif f.name in ("sft_args", "dpo_args"):
            parser.add_argument(
                flag, dest=f.name, action="append", metavar="KEY=VALUE", default=None, help=help_text
            )
        elif f.name == "stages":
            parser.add_argument(flag, dest=f.name, nargs="+", default=None, help=help_text)
        else:
            kind = f.type if f.type in ("int", "float") else "str"
            parser.add_argument(
                flag,
                dest=f.name,
                type={"int": int, "float": float, "str": str}[kind],
                default=None,
                help=help_text,
            )


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

    overrides: dict[str, Any] = {}
    for f in dataclasses.fields(TrainConfig):
        value = getattr(args, f.name, None)
        if value is None:
            continue
        overrides[f.name] = (
            _pairs(value, f.name.replace("_", "-")) if f.name in ("sft_args", "dpo_args") else value
        )
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
