"""Configs are dataclasses 1:1 with CLI flags (codejudge.cli.flags), and one safety vocabulary:
``--backend`` with choices from the registry, ``--unsafe-local``; old spellings still work, warned."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
from pathlib import Path
from typing import Literal

import pytest

from codejudge.cli import flags
from codejudge.cli.flags import Flag, add_config_flags, config_from_args, update_from_args
from codejudge.evaluate.engine import EvalConfig
from codejudge.evaluate.humanevalpack import PackConfig
from codejudge.judge.config import JudgeConfig
from codejudge.review.config import ReviewConfig, parse
from codejudge.sandbox import BACKENDS
from codejudge.train.config import TrainConfig

# (command path, config class, fields that are not flags because the command sets them otherwise)
COMMANDS = [
    (("judge",), JudgeConfig, {}),
    (("eval", "judge"), JudgeConfig, {}),
    (("eval", "humaneval"), EvalConfig, {"dataset": "the positional TARGET"}),
    (("eval", "humanevalpack"), PackConfig, {}),
    (("review",), ReviewConfig, {}),
    (("train",), TrainConfig, {}),
]
# Flags of these commands that are not config fields (what to run on, where to write, how to print).
NOT_CONFIG = {
    "judge": {"input", "mode", "out", "resume", "no_progress"},
    "eval judge": {"pairs", "format", "judge", "out", "report", "seed", "limit", "no_progress"},
    "eval humaneval": {"show_failures"},
    "eval humanevalpack": {"json"},
    "review": {
        "base",
        "head",
        "files",
        "output_format",
        "output",
        "config",
        "tests",
        "github",
        "upload_sarif",
    },
    "train": {"config"},
}


def _parser(path: tuple[str, ...]) -> argparse.ArgumentParser:
    from codejudge.cli import COMMANDS as CLI

    parser = argparse.ArgumentParser()
    importlib.import_module(CLI[path[0]][0]).add_arguments(parser)
    if len(path) > 1:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[path[1]]
    return parser


def _dests(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for action in parser._actions:
        if action.option_strings and action.dest != "help" and action.help != argparse.SUPPRESS:
            out.setdefault(action.dest, []).extend(action.option_strings)
    return out


@pytest.mark.parametrize(("path", "cls", "elsewhere"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_every_config_field_is_a_flag_and_every_flag_a_field(
    path: tuple[str, ...], cls: type, elsewhere: dict[str, str]
) -> None:
    dests = _dests(_parser(path))
    fields = {f.name for f in dataclasses.fields(cls)}
    assert fields - set(dests) == set(elsewhere), "config fields without a flag"
    extra = set(dests) - fields - NOT_CONFIG.get(" ".join(path), set())
    assert not extra, f"flags that are neither config fields nor listed as command options: {extra}"
    renamed = {(EvalConfig, "dataset_path"): "--dataset"}  # the file of the dataset named by TARGET
    for f in dataclasses.fields(cls):  # same name, '-' for '_' (a bool on by default: --no-NAME)
        if f.name not in elsewhere:
            want = renamed.get((cls, f.name), flags.flag_name(f.name, f.default))
            assert want in dests[f.name], (f.name, dests[f.name])


@pytest.mark.parametrize(
    "path",
    [
        ("judge",),
        ("eval", "humaneval"),
        ("eval", "humanevalpack"),
        ("review",),
        ("sandbox", "run"),
        ("data", "synthesize"),
    ],
)
def test_one_safety_vocabulary(path: tuple[str, ...]) -> None:
    parser = _parser(path)
    backend = next(a for a in parser._actions if "--backend" in a.option_strings)
    assert list(backend.choices or ()) == list(BACKENDS)
    if path != ("review",):  # review's hooks never run the local backend
        assert any("--unsafe-local" in a.option_strings for a in parser._actions)
    visible = {o for a in parser._actions if a.help != argparse.SUPPRESS for o in a.option_strings}
    assert not visible & {"--sandbox", "--unsafe"}


def test_old_spellings_still_work_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _parser(("review",)).parse_args(["--sandbox", "docker"])
    assert update_from_args(ReviewConfig(), args).backend == "docker"
    assert "--sandbox is deprecated, use --backend" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _parser(("review",)).parse_args(["--sandbox", "dokcer"])  # the choices still apply
    args = _parser(("judge",)).parse_args(["--input", "x", "--unsafe", "--backend", "local"])
    assert flags.config_from_args(JudgeConfig, args).unsafe_local is True
    args = _parser(("data", "synthesize")).parse_args(["--problems", "toy:1", "--out", "o", "--unsafe"])
    assert args.unsafe_local is True
    assert "--unsafe is deprecated, use --unsafe-local" in capsys.readouterr().err
    cfg = parse({"sandbox": "docker"}, "pyproject.toml")
    assert cfg.backend == "docker" and "'sandbox' is deprecated" in capsys.readouterr().err


def test_review_flags_win_over_the_file_and_leave_the_rest() -> None:
    file_cfg = parse(
        {"fail_level": "error", "max_comments": 7, "severity": {"CJ701": "note"}}, "pyproject.toml"
    )
    args = _parser(("review",)).parse_args(
        [
            "--max-comments",
            "3",
            "--severity",
            "CJ2=error,CJ701=warning",
            "--test-command",
            "-x -k 'a or b'",
            "--select",
            "CJ7,CJ2",
        ]
    )
    cfg = update_from_args(file_cfg, args)
    assert (cfg.fail_level, cfg.max_comments) == ("error", 3)
    assert cfg.severity == {"CJ2": "error", "CJ701": "warning"}
    assert cfg.test_command == ["-x", "-k", "a or b"] and cfg.select == {"CJ7", "CJ2"}
    with pytest.raises(SystemExit):
        _parser(("review",)).parse_args(["--severity", "CJ2=fatal"])


def test_eval_flags_build_the_config() -> None:
    args = _parser(("eval",)).parse_args(
        [
            "humaneval",
            "--tasks",
            "HumanEval/0, HumanEval/1",
            "--no-progress",
            "--dataset",
            "d.jsonl",
            "--repair-edits",
            "5",
        ]
    )
    from codejudge.cli.eval_problems import config_from_args as eval_config

    cfg = eval_config(args)
    assert cfg.tasks == ["HumanEval/0", "HumanEval/1"] and cfg.progress is False
    assert cfg.dataset_path == Path("d.jsonl") and cfg.repair_edits == 5 and cfg.backend == "bwrap"


def test_helper_types_help_and_literals() -> None:
    @dataclasses.dataclass
    class Demo:
        mode: Literal["a", "b"] = "a"  # which mode
        n: int | None = None
        names: list[str] = dataclasses.field(default_factory=list, metadata={"help": "some names"})
        on: bool = True

    parser = argparse.ArgumentParser()
    add_config_flags(parser, Demo, {"n": Flag(help="how many")})
    helps = {a.dest: a.help for a in parser._actions}
    assert (helps["mode"], helps["n"], helps["names"]) == (
        "which mode (default: a)",
        "how many",
        "some names",
    )
    assert config_from_args(Demo, parser.parse_args([])) == Demo()
    assert config_from_args(
        Demo, parser.parse_args(["--mode", "b", "--n", "3", "--names", "x,y", "--no-on"])
    ) == Demo("b", 3, ["x", "y"], False)
    with pytest.raises(SystemExit):
        parser.parse_args(["--mode", "c"])


def test_train_flags_come_from_the_config_with_their_shapes() -> None:
    """TrainConfig's flags come from the helper like the others'; the stages stay several words,
    recipe switches turn both ways, and TRL arguments stay repeatable KEY=VALUE."""
    args = _parser(("train",)).parse_args(
        [
            "--stages",
            "sft",
            "dpo",
            "--no-merge",
            "--eval-before",
            "--sft-args",
            "learning_rate=1e-4",
            "--sft-args",
            "max_steps=3",
            "--lora-r",
            "8",
            "--lora-dropout",
            "0.1",
        ]
    )
    assert flags.given(TrainConfig, args) == {
        "stages": ["sft", "dpo"],
        "merge": False,
        "eval_before": True,
        "sft_args": ["learning_rate=1e-4", "max_steps=3"],
        "lora_r": 8,
        "lora_dropout": 0.1,
    }
    with pytest.raises(SystemExit):
        _parser(("train",)).parse_args(["--lora-r", "many"])
