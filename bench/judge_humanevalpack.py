"""Grounded judge accuracy on HumanEvalPack canonical-vs-buggy pairs, in all six languages.

    python bench/judge_humanevalpack.py                                  # six languages, bwrap
    python bench/judge_humanevalpack.py --languages rust,go --backend docker

Builds RewardBench-style pairs (chosen = canonical, rejected = buggy), judges each
pair in both orders with the grounded judge (tests in the sandbox, no LLM) and prints
the meta-evaluation table, then per language: how many answers had their tests
executed (and how: outputs compared outside the sandbox, or exit status), how many
were not executed, and the wall time per answer (compile + run, from a cold build
cache; each distinct answer is built and run once, both orders reuse it).
Targets (issue 15): accuracy >= 0.995 and position consistency 1.0 in every language,
no answer "not executed".
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
from codejudge.evaluate.meta_run import evaluate_judge, format_report, load_verdicts
from codejudge.evaluate.pairs import humanevalpack_pairs, write_jsonl
from codejudge.judge.grounded import GroundedJudge
from codejudge.problems.humanevalpack import LANGUAGES
from codejudge.sandbox import get_executor


def execution_counts(verdicts: dict[str, dict], pairs_by_id: dict[str, dict]) -> dict[str, dict]:
    """Per language: distinct answers whose tests ran vs not, from the verdicts' evidence."""
    seen: dict[tuple[str, str], str] = {}
    for vid, v in verdicts.items():
        pid, order = vid.rsplit("#", 1)
        names = ("chosen", "rejected") if order == "ab" else ("rejected", "chosen")
        for slot, name in zip(("A", "B"), names):
            summary = v.get("evidence", {}).get(slot, {})
            seen[(pid, name)] = (summary.get("tests", "not run"), "exit" in summary.get("verdict_source", ""))
    out: dict[str, dict] = {}
    for (pid, _), (tests, exit_status) in seen.items():
        lang = pairs_by_id[pid]["language"]
        c = out.setdefault(lang, {"answers": 0, "executed": 0, "not_executed": 0, "with_exit_status": 0})
        c["answers"] += 1
        c["executed" if tests != "not run" else "not_executed"] += 1
        c["with_exit_status"] += exit_status
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "humanevalpack"))
    ap.add_argument("--languages", default=",".join(LANGUAGES), help=f"comma list of {','.join(LANGUAGES)}")
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument("--workers", type=int, default=2, help="answers judged in parallel")
    ap.add_argument("--workdir", help="keep pairs and verdicts here (resumable)")
    ap.add_argument("--report", help="write metrics JSON here")
    args = ap.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="judge-hep-"))
    work.mkdir(parents=True, exist_ok=True)
    langs = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    rows = humanevalpack_pairs(args.data, langs)
    pairs_by_id = {r["id"]: r for r in rows}
    seconds: dict[str, float] = {}
    reports = {}
    for lang in langs:  # one language at a time, so its wall time is its own
        path = work / f"pairs-{lang}.jsonl"
        write_jsonl([r for r in rows if r["language"] == lang], path)
        judge = GroundedJudge(get_executor(args.backend), workers=args.workers)
        t0 = time.perf_counter()
        reports[lang] = evaluate_judge(
            judge, read_pairs(path), work / f"verdicts-{lang}.jsonl", resume=True, progress=False
        )
        seconds[lang] = time.perf_counter() - t0
        judge.executor.close()
    verdicts = {k: v for lang in langs for k, v in load_verdicts(work / f"verdicts-{lang}.jsonl").items()}
    all_pairs = work / "pairs.jsonl"
    write_jsonl(rows, all_pairs)
    from codejudge.evaluate.meta_run import score_pairs

    rep = score_pairs(read_pairs(all_pairs), verdicts)
    counts = execution_counts(verdicts, pairs_by_id)
    print(
        f"{len(rows)} pairs ({','.join(langs)}), backend={args.backend}, workers={args.workers}, "
        f"{sum(seconds.values()):.1f}s"
    )
    print(format_report(rep))
    print(
        f"\n{'language':10} {'answers':>8} {'executed':>9} {'not executed':>13} {'+exit status':>13} "
        f"{'s/answer':>9} {'acc':>7} {'consist':>8}"
    )
    for lang in langs:
        c = counts.get(lang, {"answers": 0, "executed": 0, "not_executed": 0, "with_exit_status": 0})
        sub = rep["subsets"].get(f"humanevalpack-{lang}", {})
        per = seconds[lang] / max(c["answers"], 1)
        print(
            f"{lang:10} {c['answers']:8d} {c['executed']:9d} {c['not_executed']:13d} {c['with_exit_status']:13d} "
            f"{per:9.2f} {sub.get('accuracy', 0):7.4f} {sub.get('position_consistency', 0):8.4f}"
        )
    print(
        "(+exit status: answers whose test program kept assertions that run by exit status, beside the "
        f"outputs-only tests; s/answer: wall time per distinct answer, {args.workers} in parallel, compile + run)"
    )
    rep["execution"] = counts
    rep["seconds"] = seconds
    if args.report:
        Path(args.report).write_text(json.dumps(rep, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
