"""How far two hand labellers of real failures agree: the ceiling of any tagger's figures.

The real-failure goal of the mistake tagger (micro P >= 0.8, R >= 0.7 against one labeller's
categories) only means something next to how well a second careful labeller, reading the same
task, code and failing test, reproduces those categories. This script compares the first batch's
labels (``labels.jsonl``) with a second, blind labelling of some of its rows
(``second-labels.jsonl``: same fields plus ``labeller``; made from sheets that show no label and
no tag, ``bench/label_sheets.py --relabel``) and prints:

* exact agreement (the same set of categories) and the reason agreement;
* micro precision / recall of the second labeller against the first, as if it were a tagger that
  tags every row (the tagger is scored the same way in ``bench/analyzer_quality.py --real``);
* per category: rows each labeller gives it, both, and Cohen's kappa of presence;
* with ``--tags DIR`` (an ``analyzer_quality.py --real`` output folder, ``aq-real``): the tagger's
  micro P / R on the same rows against each labeller.

    python bench/label_agreement.py
    python bench/label_agreement.py --tags out/final/aq-real
    python bench/label_agreement.py --first datasets/evalplus-failures-labelled/batch3.jsonl \
        --second datasets/evalplus-failures-labelled/batch3-second.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE  # noqa: E402

LABELLED = ROOT / "datasets" / "evalplus-failures-labelled"
CATEGORIES = (
    "conditional_error",
    "garbage_code",
    "math_logic_error",
    "output_formatting",
    "operation_misorder",
    "library_api_misuse",
    "index_off",
)


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        bad = [c for c in row.get("categories", []) if c not in CATEGORIES]
        if bad or "id" not in row:
            raise SystemExit(
                f"{path}:{n}: field {'categories' if bad else 'id'}: expected an id and categories among "
                f"{', '.join(CATEGORIES)}; got {bad or 'no id'}"
            )
        rows.append(row)
    return rows


def micro(truth: list[set[str]], pred: list[set[str]]) -> tuple[float, float]:
    tp = sum(len(t & p) for t, p in zip(truth, pred, strict=True))
    npred = sum(len(p) for p in pred)
    ntrue = sum(len(t) for t in truth)
    return tp / max(1, npred), tp / max(1, ntrue)


def kappa(a: list[bool], b: list[bool]) -> float | None:
    """Cohen's kappa of two binary labellings (None when both give one value to every row)."""
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return None if pe == 1 else (po - pe) / (1 - pe)


def _tags(folder: Path, rows: dict[int, dict], min_conf: float) -> dict[int, set[str]]:
    """The tagger's categories per first-batch id, from an ``aq-real`` folder's eval records."""
    order: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in sorted(rows.values(), key=lambda r: r["id"]):
        order[(r["samples"].split("--")[0], r["task_id"])].append(r["id"])
    out: dict[int, set[str]] = {}
    for dataset in ("humaneval", "mbpp"):
        path = folder / dataset / "results.jsonl"
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            rec = json.loads(line)
            ids = order.get((dataset, rec["task_id"]), [])
            if rec["index"] < len(ids):
                out[ids[rec["index"]]] = {
                    t["category"] for t in rec.get("tags", []) if t["confidence"] >= min_conf
                }
    return out


def report(first: list[dict], second: list[dict], tags_dir: Path | None, min_conf: float) -> str:
    by_id = {r["id"]: r for r in first}
    pairs = [(by_id[s["id"]], s) for s in second if s["id"] in by_id]
    if not pairs:
        raise SystemExit("no row of the second labelling has an id of the first labelling")
    a = [set(f["categories"]) for f, _ in pairs]
    b = [set(s["categories"]) for _, s in pairs]
    p, r = micro(a, b)
    labellers = Counter(s.get("labeller", "?") for _, s in pairs)
    lines = [
        f"{len(pairs)} rows labelled by both, each blind to the other (second: {dict(labellers)})",
        "",
        f"exact agreement (same set of categories): {sum(x == y for x, y in zip(a, b, strict=True))}/{len(pairs)}",
        f"at least one category shared: {sum(bool(x & y) or x == y for x, y in zip(a, b, strict=True))}/{len(pairs)}",
        f"same reason: {sum(f['reason'] == s['reason'] for f, s in pairs)}/{len(pairs)}",
        f"second labeller scored against the first as a tagger tagging every row: micro P {p:.2f} / R {r:.2f}",
        "",
        "| category | first | second | both | kappa |",
        "|---|---|---|---|---|",
    ]
    for c in CATEGORIES:
        x = [c in s for s in a]
        y = [c in s for s in b]
        k = kappa(x, y)
        both = sum(i and j for i, j in zip(x, y, strict=True))
        lines.append(f"| {c} | {sum(x)} | {sum(y)} | {both} | {'n/a' if k is None else f'{k:.2f}'} |")
    lines += ["", "Rows where they differ (id: first -> second):"]
    for (f, s), x, y in zip(pairs, a, b, strict=True):
        if x != y:
            lines.append(f"  {f['id']} {f['task_id']}: {sorted(x)} -> {sorted(y)}")
    if tags_dir is not None:
        tags = _tags(tags_dir, by_id, min_conf)
        have = [(f, s) for f, s in pairs if f["id"] in tags]
        if have:
            t = [tags[f["id"]] for f, _ in have]
            p1, r1 = micro([set(f["categories"]) for f, _ in have], t)
            p2, r2 = micro([set(s["categories"]) for _, s in have], t)
            lines += [
                "",
                f"the tagger (tags >= {min_conf}, from {tags_dir}) on the same {len(have)} rows: "
                f"against the first labeller micro P {p1:.2f} / R {r1:.2f}, against the second P {p2:.2f} / R {r2:.2f}",
            ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--first", default=str(LABELLED / "labels.jsonl"))
    ap.add_argument("--second", default=str(LABELLED / "second-labels.jsonl"))
    ap.add_argument("--tags", help="an analyzer_quality.py --real output folder (aq-real)")
    ap.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    a = ap.parse_args(argv)
    print(
        report(
            _read_jsonl(Path(a.first)),
            _read_jsonl(Path(a.second)),
            Path(a.tags) if a.tags else None,
            a.min_confidence,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
