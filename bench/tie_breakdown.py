"""Why each tied pair of ``bench/judge_without_tests.py`` stayed a tie (counts per cause).

    python bench/judge_without_tests.py --sets humaneval,humaneval-canonical --no-ablation --workdir W
    python bench/tie_breakdown.py --workdir W --sets humaneval,humaneval-canonical [--list] [--split odd]

Reads the verdicts the first command kept (``W/<set>.jsonl``, both orders of
every pair; a pair counts as tied when either order is a tie) and sorts each
tied pair into the first cause that applies:

- ``extraction``: an answer's code could not be extracted, or extracted code
  that cannot be run (no entry point, does not parse);
- ``derivation failure``: the grounding stage ran nothing for a runnable pair
  (a note says why);
- ``examples missed by the miner``: no example was mined although the
  statement shows example-like lines (the entry point called next to
  ``=>``/``->``/``==``/``should``/``returns``, or an ``Example`` heading with
  values below it): a miner gap;
- ``statement shows no example``: nothing to mine, and only generated inputs;
- ``answers differ, nothing arbitrates``: examples mined and both answers pass
  them, the generated inputs separate the answers, and no reference, example
  or property says which output is right (``decided_by: disagreement``);
- ``same behaviour on every derived input``: examples mined, both pass, and
  the answers agree on every generated input too (``decided_by: none``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from judge_without_tests import in_split, pair_set  # noqa: E402

CAUSES = (
    "extraction",
    "derivation failure",
    "examples missed by the miner",
    "statement shows no example",
    "answers differ, nothing arbitrates",
    "same behaviour on every derived input",
)
_EXAMPLE_HEAD = re.compile(r"^\s*(?:for\s+)?examples?\s*:?\s*$", re.IGNORECASE | re.MULTILINE)


def _example_like(instruction: str, entry: str | None) -> bool:
    # HumanEvalPack's "Write a Rust function `f(xs: Vec<i32>) -> i32` ..." is a signature, not an example
    instruction = re.sub(r"^Write an? [\w+#]+ function `[^`\n]*`", "", instruction)
    if entry and re.search(
        rf"\b{re.escape(entry)}\s*\([^\n]*\)\s*(?:=>|->|==|➞|should|returns?|is)\b|"
        rf"\b{re.escape(entry)}\s*\([^\n]*\)\s*(?:=>|->|==|➞)",
        instruction,
    ):
        return True
    return bool(_EXAMPLE_HEAD.search(instruction))


def cause(rec: dict, instruction: str) -> str:
    ev = rec.get("evidence", {})
    derived = ev.get("derived") or {}
    if any((ev.get(s) or {}).get("extraction", {}).get("failure") for s in ("A", "B")) or any(
        "cannot" in str(p) or "no entry point" in str(p) for p in derived.get("entry", {}).values()
    ):
        return "extraction"
    counts = derived.get("counts", {})
    notes = " ".join(derived.get("notes", []))
    if not derived or ("no response could be run" in notes):
        return "derivation failure"
    if not counts.get("statement"):
        entry = next(
            (m.group(1) for p in derived.get("entry", {}).values() if (m := re.match(r"(\w+)\(", str(p)))),
            None,
        )
        return (
            "examples missed by the miner"
            if _example_like(instruction, entry)
            else "statement shows no example"
        )
    if rec["decided_by"] == "disagreement":
        return "answers differ, nothing arbitrates"
    return "same behaviour on every derived input"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--sets", default="humaneval,humaneval-canonical")
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--list", action="store_true", help="print every tied pair with its cause")
    ap.add_argument(
        "--split",
        choices=("all", "odd", "even"),
        default="all",
        help="odd (dev) or even (held-out) task numbers",
    )
    args = ap.parse_args()
    for name in args.sets.split(","):
        pairs = {p.id: p for p in pair_set(Path(args.data), name) if in_split(p.id, args.split)}
        recs = [json.loads(line) for line in (Path(args.workdir) / f"{name}.jsonl").read_text().splitlines()]
        by_pair: dict[str, list[dict]] = {}
        for r in recs:
            if in_split(r["id"], args.split):
                by_pair.setdefault(r["id"].rsplit("#", 1)[0], []).append(r)
        counts: Counter[str] = Counter()
        for pid, rs in sorted(by_pair.items()):
            tied = [r for r in rs if r.get("winner") in (None, "tie")]
            if not tied:
                continue
            c = cause(tied[0], pairs[pid].instruction if pid in pairs else "")
            counts[c] += 1
            if args.list:
                print(f"  {pid:40} {c:40} {tied[0]['decided_by']}")
        print(
            f"{name}: {sum(counts.values())} tied pairs of {len(by_pair)}: "
            + ", ".join(f"{c} {counts[c]}" for c in CAUSES if counts[c])
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
