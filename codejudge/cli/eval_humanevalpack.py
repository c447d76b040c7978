"""`codejudge eval humanevalpack`: pass@k per language on HumanEvalPack, verdicts decided outside the sandbox.

codejudge eval humanevalpack --language rust                          # self-check: canonical vs buggy
codejudge eval humanevalpack --language go --samples samples.jsonl    # task_id + completion|solution
codejudge eval humanevalpack --language cpp --samples s.jsonl --tasks CPP/0,CPP/1 --backend docker --resume
"""

from __future__ import annotations

import argparse
import json

from codejudge.cli import flags
from codejudge.cli.flags import BACKEND, UNSAFE_LOCAL, Flag, add_config_flags
from codejudge.evaluate.humanevalpack import PackConfig, evaluate_pack
from codejudge.problems.humanevalpack import LANGUAGES

PACK_FLAGS = {
    "language": Flag(
        required=True, help=f"one of {', '.join(LANGUAGES)} (aliases such as javascript, c++, golang work)"
    ),
    "samples": Flag(
        help="JSONL: task_id + completion (appended to the declaration) or solution (a whole program); "
        "default: the self-check (canonical solutions must pass, buggy ones fail)"
    ),
    "data": Flag(help="folder with humanevalpack_<lang>.jsonl.gz (default: ../shared/data/humanevalpack)"),
    "tasks": Flag(help="comma-separated task ids (default: all sampled)"),
    "backend": BACKEND,
    "unsafe_local": UNSAFE_LOCAL,
    "workers": Flag(help="parallel sandboxes (default: CPU count)"),
    "out": Flag(help="output folder (default: codejudge-results/humanevalpack-<lang>--<samples>)"),
    "resume": Flag(help="continue an interrupted run in --out"),
    "progress": Flag(help="no progress bar"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_flags(parser, PackConfig, PACK_FLAGS)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def config_from_args(args: argparse.Namespace) -> PackConfig:
    return flags.config_from_args(PackConfig, args)


def run(args: argparse.Namespace) -> int:
    cfg = config_from_args(args)
    summary = evaluate_pack(cfg)
    report = {
        "language": summary.language,
        "tasks": summary.tasks,
        "samples": summary.samples,
        "pass_at_k": summary.pass_at_k,
        "conversion": {k: v for k, v in summary.conversion.items() if k != "exit_status_tasks"},
        "seconds": {k: round(v, 1) for k, v in summary.seconds.items()},
        "out": str(summary.out_dir),
    }
    if summary.self_check:
        report["self_check"] = summary.self_check
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        conv = summary.conversion
        print(
            f"HumanEvalPack {summary.language}: {summary.tasks} tasks, {summary.samples} samples, "
            f"backend {cfg.backend}, {summary.seconds['total']:.1f}s"
        )
        if "assertions" in conv:
            print(
                f"test programs fully converted to outputs-only tests: {conv['fully_converted']}/{conv['programs']} "
                f"(assertions {conv['assertions_converted']}/{conv['assertions']}; the rest run by exit status)"
            )
        else:
            print(f"check scripts: {conv['note']}")
        for k, v in summary.pass_at_k.items():
            print(f"{k}:\t{v:.3f}")
        if summary.self_check:
            sc = summary.self_check
            print(
                f"self-check: canonical passed {sc['canonical_passed']}/{sc['canonical']}, "
                f"buggy failed {sc['buggy_failed']}/{sc['buggy']}"
            )
            for name in ("canonical_failing", "buggy_passing"):
                if sc[name]:
                    print(f"  {name.replace('_', ' ')}: {', '.join(sc[name][:20])}")
        print(f"results: {summary.out_dir / 'results.jsonl'}, {summary.out_dir / 'eval_results.json'}")
    if summary.self_check:
        sc = summary.self_check
        return 0 if sc["canonical_passed"] == sc["canonical"] and sc["buggy_failed"] == sc["buggy"] else 1
    return 0
