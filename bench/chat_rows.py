"""The grounded judge on rows written the way users write them: a hand-written check in six languages.

    python bench/chat_rows.py                    # bwrap
    python bench/chat_rows.py --backend docker --report out.json

``bench/data/chat_rows.jsonl`` holds 26 rows as code-preference data brings them: an
instruction and two chat answers, no tests, no ``language`` field, no entry point. They were
written while trying codejudge as a user (2026-11-30) and each exercises one way real rows
differ from benchmark rows (the ``exercises`` field):

- LeetCode's ``class Solution`` in C++ (a ``vector<int>&`` parameter), Java, Python,
  Rust's ``impl Solution`` (no ``struct Solution;`` in sight), JavaScript's
  ``var twoSum = function``, with ``Input: nums = [...], target = 9`` blocks;
- two examples on one line ("f(a) returns 3 and f(b) returns -1"), non-ASCII strings;
- an answer that shows a naive version first and the final one after it; usage blocks,
  ``main`` demos, ``module.exports``;
- named inputs reaching an answer whose parameters come in another order;
- constraint lines (``-10^4 <= nums[i] <= 10^4``) that make negative inputs valid;
- nested lists written in each language's own types;
- design problems (LeetCode's ``["LRUCache", "put", "get"]`` / ``[[2], [1, 1], [1]]`` examples):
  a class driven by a sequence of operations, in Python and JavaScript;
- LeetCode's ``ListNode``/``TreeNode`` values (``head = [1,2,3]``, ``root = [3,9,20,null,null,15,7]``),
  including an answer that changes the list in place.

The author knew the bugs, so the figures show that these paths work, not an unbiased
accuracy; the public sets (``bench/judge_without_tests.py``) measure that. Every row's label
is the correct answer; one row (``max_subarray_all_negative_python``) has no expected value
for the input that separates the answers, so a tie is its honest verdict. Each row is judged
in both orders with the default grounded judge (no LLM); printed: per row the winners and what
decided, then decided / correct / ties / accuracy (ties 0.5) and seconds per row.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codejudge.judge.grounded import GroundedJudge  # noqa: E402
from codejudge.sandbox import get_executor  # noqa: E402

ROWS = REPO / "bench" / "data" / "chat_rows.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", default=str(ROWS), help="JSONL rows (name, instruction, response_a/b, label)")
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument("--report", help="write the per-row verdicts and totals as JSON here")
    args = ap.parse_args()
    rows = [json.loads(line) for line in Path(args.rows).read_text().splitlines() if line.strip()]
    judge = GroundedJudge(get_executor(args.backend))
    out = []
    for row in rows:
        t0 = time.perf_counter()
        # as `codejudge judge` reads a row without `language`: told from the answers
        v1 = judge.pairwise(row["instruction"], row["response_a"], row["response_b"], language="auto")
        v2 = judge.pairwise(row["instruction"], row["response_b"], row["response_a"], language="auto")
        swapped = {"A": "B", "B": "A", "tie": "tie"}
        winners = [v1.winner, swapped[v2.winner]]  # both as "which of the row's answers"
        score = sum(0.5 if w == "tie" else float(w == row["label"]) for w in winners) / 2
        out.append(
            {
                "name": row["name"],
                "label": row["label"],
                "winners": winners,
                "decided_by": [v1.decided_by, v2.decided_by],
                "score": score,
                "seconds": round(time.perf_counter() - t0, 1),
                "exercises": row["exercises"],
            }
        )
        print(json.dumps(out[-1]), flush=True)
    decided = [r for r in out if r["winners"][0] == r["winners"][1] != "tie"]
    totals = {
        "rows": len(out),
        "decided": len(decided),
        "correct": sum(r["winners"][0] == r["label"] for r in decided),
        "ties": sum(r["winners"] == ["tie", "tie"] for r in out),
        "accuracy": round(sum(r["score"] for r in out) / len(out), 3),
        "seconds_per_row": round(sum(r["seconds"] for r in out) / len(out), 1),
        "decided_by": dict(Counter(d for r in out for d in r["decided_by"])),
    }
    print()
    print(
        f"{totals['rows']} rows: {totals['decided']} decided ({totals['correct']} correct), "
        f"{totals['ties']} ties, accuracy {totals['accuracy']:.3f} (ties 0.5), "
        f"{totals['seconds_per_row']} s per row (both orders); decided by {totals['decided_by']}"
    )
    if args.report:
        Path(args.report).write_text(json.dumps({"rows": out, "totals": totals}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
