"""`codejudge eval humanevalpack`: pass@k per language on HumanEvalPack, verdicts decided outside the sandbox.

    codejudge eval humanevalpack --language rust                          # self-check: canonical vs buggy
    codejudge eval humanevalpack --language go --samples samples.jsonl    # task_id + completion|solution
    codejudge eval humanevalpack --language cpp --samples s.jsonl --tasks CPP/0,CPP/1 --backend docker --resume
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from codejudge.evaluate.humanevalpack import PackConfig, evaluate_pack
from codejudge.problems.humanevalpack import LANGUAGES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", required=True,
                        help=f"one of {', '.join(LANGUAGES)} (aliases such as javascript, c++, golang work)")
    parser.add_argument("--samples", type=Path, default=None,
                        help="JSONL: task_id + completion (appended to the declaration) or solution (a whole "
                             "program); default: the self-check (canonical solutions must pass, buggy ones fail)")
    parser.add_argument("--data", type=Path, default=None,
                        help="folder with humanevalpack_<lang>.jsonl.gz (default: ../shared/data/humanevalpack)")
    parser.add_argument("--tasks", default=None, help="comma-separated task ids (default: all sampled)")
    parser.add_argument("--backend", default="bwrap", help="sandbox backend: bwrap | docker | local")
    parser.add_argument("--unsafe-local", action="store_true",
                        help="allow --backend local (runs untrusted code WITHOUT isolation)")
    parser.add_argument("--workers", type=int, default=None, help="parallel sandboxes (default: CPU count)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default: codejudge-results/humanevalpack-<lang>--<samples>)")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run in --out")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def config_from_args(args: argparse.Namespace) -> PackConfig:
    return PackConfig(language=args.language, samples=args.samples, data=args.data,
                      tasks=[t.strip() for t in args.tasks.split(",") if t.strip()] if args.tasks else None,
                      backend=args.backend, unsafe_local=args.unsafe_local, workers=args.workers, out=args.out,
                      resume=args.resume, progress=not args.no_progress)


def run(args: argparse.Namespace) -> int:
    summary = evaluate_pack(config_from_args(args))
    report = {"language": summary.language, "tasks": summary.tasks, "samples": summary.samples,
              "pass_at_k": summary.pass_at_k, "conversion": {k: v for k, v in summary.conversion.items()
                                                             if k != "exit_status_tasks"},
              "seconds": {k: round(v, 1) for k, v in summary.seconds.items()}, "out": str(summary.out_dir)}
    if summary.self_check:
        report["self_check"] = summary.self_check
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        conv = summary.conversion
        print(f"HumanEvalPack {summary.language}: {summary.tasks} tasks, {summary.samples} samples, "
              f"backend {args.backend}, {summary.seconds['total']:.1f}s")
        if "assertions" in conv:
            print(f"test programs fully converted to outputs-only tests: {conv['fully_converted']}/{conv['programs']} "
                  f"(assertions {conv['assertions_converted']}/{conv['assertions']}; the rest run by exit status)")
        else:
            print(f"check scripts: {conv['note']}")
        for k, v in summary.pass_at_k.items():
            print(f"{k}:\t{v:.3f}")
        if summary.self_check:
            sc = summary.self_check
            print(f"self-check: canonical passed {sc['canonical_passed']}/{sc['canonical']}, "
                  f"buggy failed {sc['buggy_failed']}/{sc['buggy']}")
            for name in ("canonical_failing", "buggy_passing"):
                if sc[name]:
                    print(f"  {name.replace('_', ' ')}: {', '.join(sc[name][:20])}")
        print(f"results: {summary.out_dir / 'results.jsonl'}, {summary.out_dir / 'eval_results.json'}")
    if summary.self_check:
        sc = summary.self_check
        return 0 if sc["canonical_passed"] == sc["canonical"] and sc["buggy_failed"] == sc["buggy"] else 1
    return 0
