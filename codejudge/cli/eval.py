"""`codejudge eval humaneval|mbpp|humanevalpack|judge`: dispatch to the evaluation commands."""

from __future__ import annotations

import argparse
import importlib

TARGETS = {
    "humaneval": "codejudge.cli.eval_problems",
    "mbpp": "codejudge.cli.eval_problems",
    "humanevalpack": "codejudge.cli.eval_humanevalpack",
    "judge": "codejudge.cli.eval_judge",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="target", metavar="TARGET", required=True)
    for name, module_name in TARGETS.items():
        p = sub.add_parser(name)
        importlib.import_module(module_name).add_arguments(p)
        p.set_defaults(_eval_module=module_name)


def run(args: argparse.Namespace) -> int:
    return int(importlib.import_module(args._eval_module).run(args) or 0)
