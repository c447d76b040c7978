"""`codejudge judge`: grounded pairwise or single-answer judgments of a JSONL file.

    codejudge judge --input pairs.jsonl --mode pairwise --backend bwrap --out verdicts.jsonl
    codejudge judge --input answers.jsonl --mode single --llm openai:http://127.0.0.1:8000/v1 --model judge

Exit status: 0 when every row got a verdict, 1 when some LLM output could not
be parsed (those rows carry ``parse_error``), 2 for bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from codejudge.cli import flags
from codejudge.cli.flags import BACKEND, Flag, add_config_flags
from codejudge.judge.batch import judge_rows
from codejudge.judge.config import JudgeConfig, build_judge
from codejudge.judge.inputs import read_rows

JUDGE_FLAGS = {"backend": BACKEND, "unsafe_local": Flag(deprecated=("--unsafe",))}


def add_judge_options(parser: argparse.ArgumentParser) -> None:
    """The JudgeConfig flags (shared with `codejudge eval judge`)."""
    add_config_flags(parser, JudgeConfig, JUDGE_FLAGS)


def config_from_args(args: argparse.Namespace) -> JudgeConfig:
    return flags.config_from_args(JudgeConfig, args)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="JSONL rows (see docs/judge.md for the fields)")
    parser.add_argument("--mode", choices=["pairwise", "single"], default="pairwise")
    parser.add_argument("--out", help="write verdicts here (JSONL, one per row); default stdout")
    parser.add_argument("--resume", action="store_true", help="skip ids already in --out")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_judge_options(parser)


def run(args: argparse.Namespace) -> int:
    rows = read_rows(args.input, args.mode)  # validate everything before running anything
    cfg = config_from_args(args)
    if not any(r.tests for r in rows) and not cfg.derive_sources():
        cfg = dataclasses.replace(cfg, no_tests=True)  # nothing to execute: do not require a sandbox backend
    judge = build_judge(cfg)
    failed = 0
    for rec in judge_rows(
        judge, rows, args.mode, args.out, resume=args.resume, progress=not args.no_progress
    ):
        failed += rec.get("parse_error") is not None
        if args.out is None:
            sys.stdout.write(json.dumps(rec) + "\n")
            sys.stdout.flush()
    if failed:
        print(
            f"codejudge: {failed} judgment(s) had unparseable LLM output (see parse_error)", file=sys.stderr
        )
    return 1 if failed else 0
