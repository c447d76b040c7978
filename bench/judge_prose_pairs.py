"""Grounded judge on HumanEvalPack pairs written as chat answers (prose around the code).

    python bench/judge_prose_pairs.py --languages python,js,cpp,java,go,rust --backend bwrap

Builds canonical-vs-buggy pairs from ``../shared/data/humanevalpack`` with a
seeded random prose wrapper per answer (``codejudge.evaluate.prose_pairs``:
explanation then unfenced code, untagged or indented blocks, solution + example
``main``, two blocks, missing includes/imports, Java class variants), judges
each pair in both orders with the dataset's test program given (no LLM), and
prints per language:

- accuracy (one order, ties = 0.5), both-order accuracy, tie rate;
- not-run verdicts (code that never ran, e.g. a language with no runner here);
- extraction failures, and extraction-only accuracy (no execution): the
  extracted code holds every line of the wrapped solution and no other line
  (added imports and the Java class line aside).

Target (issue 15): accuracy >= 0.95 and tie rate <= 5% in every language.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codejudge.evaluate.meta_formats import read_pairs
from codejudge.evaluate.meta_run import evaluate_judge, format_report, load_verdicts
from codejudge.evaluate.pairs import write_jsonl
from codejudge.evaluate.prose_pairs import prose_pairs
from codejudge.extract import extract
from codejudge.judge.grounded import GroundedJudge
from codejudge.problems.humanevalpack import LANGUAGES
from codejudge.sandbox import get_executor


def extraction_ok(row: dict[str, Any], side: str) -> tuple[bool, bool]:
    """(extraction found code, the code is exactly the wrapped solution's lines) for one answer."""
    lang, entry = row["language"], row["entry_point"]
    ext = extract(row[side], lang, entry, strip_main=True, add_imports=True, java_class="Solution")
    if not ext.ok:
        return False, False
    written = row[f"{side}_code"]
    want = [ln.strip() for ln in written.splitlines() if ln.strip()]
    got = {ln.strip() for ln in ext.code.splitlines() if ln.strip()}
    # Lines a wrapper may legitimately leave out: imports (re-added as needed), the Java class line.
    optional = re.compile(
        r"^(import\b|from \S+ import|#include|using namespace|use |package |"
        r"(public )?class (Solution|Main)\b|\"[\w/]+\"$|\)$)"
    )
    missing = [w for w in want if w not in got and not optional.match(w)]
    allowed = set(want) | {a.strip() for a in ext.added} | {"class Solution {", "}"}
    extra = [g for g in got if g not in allowed]
    defines = ext.entry_point_found or not re.search(rf"\b{re.escape(entry)}\b", written)
    return True, not missing and not extra and defines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "humanevalpack"))
    ap.add_argument("--languages", default=",".join(LANGUAGES), help=f"comma list of {','.join(LANGUAGES)}")
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument("--seed", type=int, default=0, help="seed of the wrapper draw")
    ap.add_argument("--limit", type=int, default=0, help="pairs per language (0: all 164)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--workdir", help="keep pairs and verdicts here (resumable)")
    ap.add_argument("--report", help="write metrics JSON here")
    ap.add_argument("--extraction-only", action="store_true", help="score extraction only; run nothing")
    args = ap.parse_args()

    langs = args.languages.split(",")
    rows = prose_pairs(args.data, langs, seed=args.seed)
    if args.limit:
        rows = [r for lang in langs for r in [x for x in rows if x["language"] == lang][: args.limit]]

    stats: dict[str, dict[str, Any]] = {lang: defaultdict(float) for lang in langs}
    for r in rows:
        s = stats[r["language"]]
        for side in ("chosen", "rejected"):
            found, exact = extraction_ok(r, side)
            s["answers"] += 1
            s["extract_fail"] += not found
            s["extract_exact"] += exact
    print(f"extraction only ({len(rows)} pairs, seed {args.seed}):")
    for lang in langs:
        s = stats[lang]
        print(
            f"  {lang:7} answers {int(s['answers']):4d}  exact {s['extract_exact'] / s['answers']:.4f}  "
            f"failures {int(s['extract_fail'])}"
        )
    if args.extraction_only:
        return 0

    work = Path(args.workdir or tempfile.mkdtemp(prefix="judge-prose-"))
    work.mkdir(parents=True, exist_ok=True)
    pairs_path = work / "pairs.jsonl"
    write_jsonl(rows, pairs_path)
    pairs = read_pairs(pairs_path)
    judge = GroundedJudge(get_executor(args.backend), workers=args.workers)
    t0 = time.perf_counter()
    rep = evaluate_judge(judge, pairs, work / "verdicts.jsonl", resume=True, progress=False)
    wall = time.perf_counter() - t0
    verdicts = load_verdicts(work / "verdicts.jsonl")
    by_lang: dict[str, dict[str, Any]] = {}
    for lang in langs:
        mine = [p for p in pairs if p.subset == f"prose-{lang}"]
        n = len(mine)
        acc = ties = not_run = both_ok = 0.0
        decided: dict[str, int] = defaultdict(int)
        for p in mine:
            v1, v2 = verdicts[f"{p.id}#ab"], verdicts[f"{p.id}#ba"]
            w1 = v1.get("winner")
            acc += 1.0 if w1 == "A" else 0.5 if w1 in ("tie", None) else 0.0
            ties += w1 in ("tie", None)
            not_run += v1.get("decided_by") == "not_run"
            both_ok += w1 == "A" and v2.get("winner") == "B"
            decided[v1.get("decided_by", "none")] += 1
        s = stats[lang]
        by_lang[lang] = {
            "pairs": n,
            "accuracy": round(acc / n, 4),
            "both_orders": round(both_ok / n, 4),
            "tie_rate": round(ties / n, 4),
            "not_run": int(not_run),
            "extraction_failures": int(s["extract_fail"]),
            "extraction_exact": round(s["extract_exact"] / s["answers"], 4),
            "decided_by": dict(decided),
        }
    print(f"\n{len(pairs)} pairs, backend={args.backend}, {wall:.1f}s (machine shared)")
    print(
        f"{'lang':7} {'pairs':>5} {'acc':>7} {'both':>7} {'ties':>7} {'not_run':>8} {'ext_fail':>8} "
        f"{'ext_exact':>9}  decided_by"
    )
    for lang, b in by_lang.items():
        print(
            f"{lang:7} {b['pairs']:5d} {b['accuracy']:7.4f} {b['both_orders']:7.4f} {b['tie_rate']:7.4f} "
            f"{b['not_run']:8d} {b['extraction_failures']:8d} {b['extraction_exact']:9.4f}  {b['decided_by']}"
        )
    print()
    print(format_report(rep))
    if args.report:
        Path(args.report).write_text(json.dumps({"languages": by_lang, "meta": rep}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
