"""Grounded judge on correct-vs-incorrect pairs of real LLM solutions (evalplus samples).

    python bench/judge_evalplus_samples.py --backend bwrap

Ground truth: evalplus's verdicts in the sample files (correct = passes base
and plus tests; incorrect = fails plus). Each pair is judged twice with the
grounded judge (no LLM): once with only the original HumanEval/MBPP *base*
inputs, once with base + HumanEval+/MBPP+ *plus* inputs. Expected outputs are
computed by running the dataset's canonical solution in the sandbox. Pairs whose
incorrect solution passes the base tests can only be ties with base tests;
the plus tests separate them.

Problems come from codejudge's HumanEval+/MBPP+ loaders (evalplus input
deserialization, special comparators such as ``find_zero``'s, MBPP+ call
adapters); outputs are compared as evalplus does (``equality="python"``).
HumanEval+ uses the Mini release (reduced plus inputs, same detection power
by design) to keep the run short; MBPP+ uses the full release.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codejudge.evaluate.meta_formats import Pair
from codejudge.evaluate.meta_run import evaluate_judge, format_report
from codejudge.evaluate.pairs import evalplus_sample_pairs
from codejudge.judge.grounded import GroundedJudge
from codejudge.problems import load
from codejudge.sandbox import get_executor
from codejudge.types import TestCase

DATASETS = {
    "humaneval": ("humanevalplus", "humanevalplus/HumanEvalPlus-Mini-v0.1.10.jsonl.gz"),
    "mbpp": ("mbppplus", "mbppplus/MbppPlus-v0.2.0.jsonl.gz"),
}


def _with(code_md: str, adapter: str | None) -> str:
    """Append the dataset's call adapter (a few MBPP+ tasks) inside the response's code block."""
    if not adapter:
        return code_md
    return code_md.rstrip().removesuffix("```").rstrip() + "\n\n" + adapter + "\n```"


def build(data: Path, name: str, tests: str) -> list[Pair]:
    """Pairs with the task's base tests, or base + plus tests (expected outputs: from the reference)."""
    loader, rel = DATASETS[name]
    problems = {p.id: p for p in load(loader, data / rel)}
    files = sorted((data / "evalplus_samples").glob(f"{name}--*.eval_results.json"))
    rows = evalplus_sample_pairs(files, {k: p.prompt for k, p in problems.items()}, subset=name)
    pairs = []
    for r in rows:
        p = problems[r["task_id"]]
        groups = ("base",) if tests == "base" else ("base", "plus")
        cases = [TestCase(**{**t.to_dict(), "expected": None}) for t in p.tests if t.group in groups]
        adapter = p.adapter
        extra = {
            "tests": cases,
            "entry_point": p.call or p.entry_point,
            "reference": _with(f"```python\n{p.reference}\n```", adapter),
            "language": "python",
        }
        subset = f"{name}/rejected-{'passes' if r['rejected_base_status'] == 'pass' else 'fails'}-base"
        pairs.append(
            Pair(
                r["id"],
                r["prompt"],
                _with(r["chosen"], adapter),
                _with(r["rejected"], adapter),
                "A",
                subset,
                extra,
            )
        )
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--datasets", default="humaneval,mbpp")
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument("--workdir", help="keep verdicts here (resumable)")
    ap.add_argument("--report", help="write metrics JSON here")
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="judge-evalplus-"))
    work.mkdir(parents=True, exist_ok=True)
    # evalplus compares outputs with Python's == (2 == 2.0) plus float tolerance.
    # fail_fast: a wrong answer may time out on each of ~100 MBPP+ inputs; its first
    # failure is enough to rank it below a correct one (evalplus stops there too).
    judge = GroundedJudge(get_executor(args.backend), equality="python", fail_fast=True)
    reports = {}
    for name in args.datasets.split(","):
        for tests in ("base", "plus"):
            pairs = build(Path(args.data), name, tests)
            t0 = time.perf_counter()
            rep = evaluate_judge(judge, pairs, work / f"{name}-{tests}.jsonl", resume=True)
            print(
                f"\n== {name}: {len(pairs)} pairs, tests = {'base + plus' if tests == 'plus' else 'base'}, "
                f"{time.perf_counter() - t0:.0f}s"
            )
            print(format_report(rep))
            reports[f"{name}-{tests}"] = rep
    if args.report:
        Path(args.report).write_text(json.dumps(reports, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
