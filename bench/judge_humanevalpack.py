"""Grounded judge accuracy on HumanEvalPack canonical-vs-buggy pairs.

    python bench/judge_humanevalpack.py --languages python --backend bwrap

Builds RewardBench-style pairs (chosen = canonical, rejected = buggy), judges
each pair in both orders with the grounded judge (tests in the sandbox, no LLM)
and prints the meta-evaluation table. Languages the sandbox cannot execute get
no test evidence, so their pairs end as ties (accuracy 0.5): the table shows it.
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

from codejudge.evaluate.meta_formats import read_pairs
from codejudge.evaluate.meta_run import evaluate_judge, format_report
from codejudge.evaluate.pairs import humanevalpack_pairs, write_jsonl
from codejudge.judge.grounded import GroundedJudge
from codejudge.problems.humanevalpack import LANGUAGES
from codejudge.sandbox import get_executor


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "humanevalpack"))
    ap.add_argument("--languages", default="python", help=f"comma list of {','.join(LANGUAGES)}")
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument("--workdir", help="keep pairs and verdicts here (resumable)")
    ap.add_argument("--report", help="write metrics JSON here")
    args = ap.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="judge-hep-"))
    work.mkdir(parents=True, exist_ok=True)
    pairs_path = work / "pairs.jsonl"
    n = write_jsonl(humanevalpack_pairs(args.data, args.languages.split(",")), pairs_path)
    pairs = read_pairs(pairs_path)
    judge = GroundedJudge(get_executor(args.backend))
    t0 = time.perf_counter()
    rep = evaluate_judge(judge, pairs, work / "verdicts.jsonl", resume=True)
    print(f"{n} pairs ({args.languages}), backend={args.backend}, {time.perf_counter() - t0:.1f}s")
    print(format_report(rep))
    if args.report:
        Path(args.report).write_text(json.dumps(rep, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
