"""`codejudge eval judge`: meta-evaluate a judge on labelled pairs.

    codejudge eval judge --pairs pairs.jsonl --judge grounded --backend bwrap --out verdicts.jsonl
    codejudge eval judge --pairs judgebench.jsonl --judge llm --llm openai:http://127.0.0.1:8000/v1

Each pair is judged in both orders; prints accuracy (seeded random order, ties
and errors 0.5), both-order accuracy, position consistency, kappa and macro-F1,
overall and per subset, with bootstrap confidence intervals.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from pathlib import Path

from codejudge.cli.judge import add_judge_options, config_from_args
from codejudge.evaluate.meta_formats import FORMATS, read_pairs
from codejudge.evaluate.meta_run import evaluate_judge, format_report
from codejudge.judge.config import build_judge


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pairs", required=True, help="labelled pairs (JSONL or JSON list)")
    parser.add_argument("--format", default="auto", choices=["auto", *FORMATS])
    parser.add_argument(
        "--judge",
        default="grounded",
        choices=["grounded", "llm"],
        help="grounded: evidence first; llm: the LLM alone, no evidence",
    )
    parser.add_argument("--out", help="verdicts JSONL (resumable); default: a temporary file")
    parser.add_argument("--report", help="write the metrics as JSON here")
    parser.add_argument("--seed", type=int, default=0, help="seed for random order and bootstrap")
    parser.add_argument("--limit", type=int, help="only the first N pairs")
    parser.add_argument("--no-progress", action="store_true")
    add_judge_options(parser)


def run(args: argparse.Namespace) -> int:
    pairs = read_pairs(args.pairs, args.format)[: args.limit]
    cfg = config_from_args(args)
    if args.judge == "llm":
        cfg = dataclasses.replace(cfg, no_tests=True)
    judge = build_judge(cfg)
    judge.grounded = args.judge == "grounded"
    out = args.out or str(Path(tempfile.mkdtemp(prefix="codejudge-eval-")) / "verdicts.jsonl")
    rep = evaluate_judge(judge, pairs, out, resume=True, seed=args.seed, progress=not args.no_progress)
    print(format_report(rep))
    if args.report:
        Path(args.report).write_text(json.dumps(rep, indent=2), encoding="utf-8")
    return 0
