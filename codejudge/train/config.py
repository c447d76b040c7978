"""The training config: one dataclass, the same names in YAML and on the command line.

Only what is codejudge's own lives here (model and data paths, LoRA, stages,
sampling, held-out evaluation). Everything else passes through ``sft_args`` /
``dpo_args`` to TRL's ``SFTConfig`` / ``DPOConfig``, checked against their
fields so a typo fails before any model loads.

The stages are RISE-Judge's: ``sft`` (warm-up on judgments), ``sample`` (the
SFT model judges the DPO prompts ``sample_n`` times in both orders; judgments
are kept or rejected by the ground-truth label) and ``dpo`` (continues the SFT
adapter on correct-vs-incorrect judgments: ``dpo_pairs`` sampled, templated or
mixed).

>>> cfg = TrainConfig(model="models/tiny", data="data/judge", output_dir="runs/j", sft_args={"max_steps": 5})
>>> cfg.stages, cfg.dpo_pairs
(['sft', 'sample', 'dpo'], 'sampled')
>>> TrainConfig(model="m", data="d", output_dir="o", stages=["sft", "dpo"]).dpo_pairs
'templated'
>>> TrainConfig(model="m", data="d", output_dir="o", dpo_args={"betta": 0.1})
Traceback (most recent call last):
...
codejudge.errors.ConfigError: Unknown DPOConfig field 'betta' in dpo_args. Did you mean: beta? ...
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codejudge.errors import ConfigError, InputError, UnknownNameError

STAGES = ("sft", "sample", "dpo")
DPO_PAIRS = ("auto", "sampled", "templated", "mixed")
# Set by codejudge per stage; accepting them in sft_args/dpo_args would silently fight the stage layout.
_ARGS = {"SFTConfig": "sft_args", "DPOConfig": "dpo_args"}
_OWNED = {"output_dir": "output_dir (top level)", "seed": "seed (top level)"}


@dataclass
class TrainConfig:
    """RISE-Judge training: LoRA SFT warm-up, sampling from the SFT model, DPO continuing the SFT adapter."""

    model: str = field(
        metadata={"help": "local path of the base model and tokenizer (save_pretrained folder)"}
    )
    data: str = field(metadata={"help": "folder from `codejudge data`: sft.jsonl, dpo.jsonl, heldout.jsonl"})
    output_dir: str = field(metadata={"help": "where stages, checkpoints, the merged model and README.md go"})
    stages: list[str] = field(
        default_factory=lambda: list(STAGES), metadata={"help": "stages to run, in order"}
    )
    seed: int = field(default=0, metadata={"help": "seed for LoRA init, data order and sampling"})
    lora_r: int = field(default=16, metadata={"help": "LoRA rank"})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA alpha (scale = alpha / r)"})
    lora_dropout: float = field(default=0.05, metadata={"help": "LoRA dropout"})
    lora_target_modules: str = field(
        default="all-linear", metadata={"help": "comma-separated module names, or all-linear"}
    )
    qlora: bool = field(
        default=False, metadata={"help": "load the base model in 4-bit (needs bitsandbytes + GPU)"}
    )
    dtype: str = field(default="auto", metadata={"help": "model dtype: auto, float32, bfloat16, float16"})
    sft_adapter: str = field(
        default="",
        metadata={"help": "adapter the sample and dpo stages start from (default: <output_dir>/sft/adapter)"},
    )
    sample_n: int = field(default=4, metadata={"help": "judgments sampled per prompt and answer order"})
    sample_temperature: float = field(
        default=1.0, metadata={"help": "sampling temperature of the sample stage"}
    )
    sample_max_new_tokens: int = field(
        default=512, metadata={"help": "generation budget per sampled judgment"}
    )
    sample_limit: int = field(default=0, metadata={"help": "pairs of dpo.jsonl to sample (0 = all)"})
    dpo_pairs: str = field(
        default="auto",
        metadata={
            "help": "DPO data: sampled (the SFT model's correct vs incorrect judgments), templated (dpo.jsonl: same "
            "evidence, wrong conclusion), mixed (both); auto = sampled when the sample stage runs"
        },
    )
    eval_max_new_tokens: int = field(
        default=128, metadata={"help": "generation budget per held-out judgment"}
    )
    eval_limit: int = field(
        default=0, metadata={"help": "held-out rows to judge, a seeded sample by pair (0 = all)"}
    )
    eval_before: bool = field(
        default=True, metadata={"help": "also measure held-out accuracy before training"}
    )
    merge: bool = field(default=True, metadata={"help": "save a merged full model after the last stage"})
    resume: bool = field(default=False, metadata={"help": "skip finished stages; resume the current one"})
    sft_args: dict[str, Any] = field(default_factory=dict, metadata={"help": "passed to trl.SFTConfig"})
    dpo_args: dict[str, Any] = field(default_factory=dict, metadata={"help": "passed to trl.DPOConfig"})

    def __post_init__(self) -> None:
        self.model, self.data, self.output_dir = str(self.model), str(self.data), str(self.output_dir)
        for s in self.stages:
            if s not in STAGES:
                raise UnknownNameError("stage", s, STAGES)
        if self.stages != [s for s in STAGES if s in self.stages]:
            raise ConfigError(f"stages must run in the order {', '.join(STAGES)}; got {self.stages}")
        if self.sft_adapter and "sft" in self.stages:
            raise ConfigError(
                "sft_adapter names an adapter trained elsewhere, but the sft stage would train a new "
                "one: drop 'sft' from stages or the sft_adapter setting"
            )
        if self.dpo_pairs not in DPO_PAIRS:
            raise UnknownNameError("dpo_pairs", self.dpo_pairs, DPO_PAIRS)
        if self.dpo_pairs == "auto":
            self.dpo_pairs = "sampled" if "sample" in self.stages else "templated"
        if self.sample_n < 2:
            raise ConfigError(
                f"sample_n must be at least 2 (a correct and an incorrect judgment), got {self.sample_n}"
            )
        if self.sample_temperature <= 0:
            raise ConfigError(
                f"sample_temperature must be positive (greedy samples are all alike), "
                f"got {self.sample_temperature}"
            )
        if self.lora_r <= 0:
            raise ConfigError(f"lora_r must be positive, got {self.lora_r}")
        if self.dtype not in ("auto", "float32", "bfloat16", "float16"):
            raise UnknownNameError("dtype", self.dtype, ["auto", "float32", "bfloat16", "float16"])
        _check_trl_args("SFTConfig", self.sft_args)
        _check_trl_args("DPOConfig", self.dpo_args)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _check_trl_args(cls_name: str, args: dict[str, Any]) -> None:
    if not isinstance(args, dict):
        raise ConfigError(f"{cls_name} arguments must be a mapping, got {type(args).__name__}")
    for key in args:
        if key in _OWNED:
            raise ConfigError(f"'{key}' is set by codejudge for each stage: use {_OWNED[key]} instead")
    try:
        import trl
    except ImportError:  # checked again, with the extra named, when training starts
        return
    names = {f.name for f in dataclasses.fields(getattr(trl, cls_name))}
    for key in args:
        if key not in names:
            close = difflib.get_close_matches(key, sorted(names), n=3, cutoff=0.6)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise ConfigError(
                f"Unknown {cls_name} field '{key}' in {_ARGS[cls_name]}.{hint} "
                f"See help(trl.{cls_name}) for the {len(names)} fields it accepts."
            )


def load_config(path: str | Path | None, overrides: dict[str, Any] | None = None) -> TrainConfig:
    """Read a YAML recipe, apply ``overrides`` (CLI flags, already typed), validate."""
    import yaml

    raw: dict[str, Any] = {}
    if path is not None:
        path = Path(path)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"cannot read recipe ({exc})", path=path) from None
        if not isinstance(raw, dict):
            raise InputError("a recipe is a YAML mapping", path=path)
        base = path.parent
        # Relative paths in a recipe are relative to the recipe file, so recipes work from any cwd.
        for key in ("model", "data", "output_dir", "sft_adapter"):
            if isinstance(raw.get(key), str) and raw[key] and not Path(raw[key]).is_absolute():
                raw[key] = str((base / raw[key]).resolve())
    for key, value in (overrides or {}).items():
        if key in ("sft_args", "dpo_args"):
            raw[key] = {**(raw.get(key) or {}), **value}
        else:
            raw[key] = value
    names = {f.name for f in dataclasses.fields(TrainConfig)}
    for key in raw:
        if key not in names:
            raise UnknownNameError("config key", key, names)
    missing = [
        f.name
        for f in dataclasses.fields(TrainConfig)
        if f.name not in raw and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise ConfigError(f"missing required setting(s): {', '.join(missing)} (in the recipe or as --flags)")
    return TrainConfig(**raw)
