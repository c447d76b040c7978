"""Draw real failing LLM solutions for labelling and write one labelling sheet per row.

The hand-labelled real failures (``datasets/evalplus-failures-labelled``) are the only measure of
the mistake tagger on real code, and every earlier round read part of the first batch. This
script makes what a blind measurement needs:

* ``--draw``: a fresh batch, disjoint from every row already labelled: from each samples file of
  ``../shared/data/evalplus_samples``, ``--per-file`` failing (base or plus), non-empty solutions
  whose task has no labelled row in that file, drawn with ``random.Random(--seed).sample`` over
  the sorted task ids (the first batch used seed 14 and 30 per file). The rows are written with
  ids following the last labelled id, without labels, to ``--draw-out``.
* ``--relabel N``: N rows of the first batch, drawn with ``random.Random(--seed + 1)``, for a
  second labeller who never sees the first labels (inter-labeller agreement).
* sheets: for every drawn row, a Markdown file with what a labeller reads and nothing else: the
  task prompt, the canonical solution, the LLM's solution and the first failing base and plus
  test (input, expected, actual, exception) from ``codejudge eval`` with analysis and diagnosis
  off, so no tag, finding or repair can bias the label.

    python bench/label_sheets.py --draw --per-file 20 --seed 15 --relabel 40 --out out/sheets
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from codejudge.evaluate.engine import EvalConfig, evaluate, load_problem_set  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SAMPLES = DATA / "evalplus_samples"
LABELLED = ROOT / "datasets" / "evalplus-failures-labelled"
SETS = {
    "humaneval": DATA / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz",
    "mbpp": DATA / "mbppplus" / "MbppPlus-v0.2.0.jsonl.gz",
}


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _labelled_rows() -> list[dict]:
    """Every row with an id so far: the first batch and any later batch file (``batch*.jsonl``)."""
    rows = _read_jsonl(LABELLED / "labels.jsonl")
    for extra in sorted(LABELLED.glob("batch*.jsonl")):
        rows += _read_jsonl(extra)
    return rows


def _solutions(samples: str) -> dict[str, dict]:
    return json.loads((SAMPLES / samples).read_text())["eval"]


def draw(per_file: int, seed: int) -> list[dict]:
    known = _labelled_rows()
    taken = {(r["samples"], r["task_id"]) for r in known}
    next_id = max(r["id"] for r in known) + 1
    rows = []
    for path in sorted(SAMPLES.glob("*.eval_results.json")):
        ev = _solutions(path.name)
        failing = sorted(
            t
            for t, v in ev.items()
            if v[0]["solution"].strip()
            and (v[0]["base_status"] != "pass" or v[0]["plus_status"] != "pass")
            and (path.name, t) not in taken
        )
        if len(failing) < per_file:
            raise SystemExit(
                f"{path.name}: only {len(failing)} unlabelled failing solutions, asked for {per_file}"
            )
        for t in random.Random(seed).sample(failing, per_file):
            sol = ev[t][0]["solution"]
            rows.append(
                {
                    "id": next_id,
                    "samples": path.name,
                    "task_id": t,
                    "solution_sha256": hashlib.sha256(sol.encode()).hexdigest(),
                }
            )
            next_id += 1
    return rows


def _fence(text: str) -> str:
    return "```python\n" + text.rstrip() + "\n```"


def _short(value: object, limit: int = 600) -> str:
    s = json.dumps(value)
    return s if len(s) <= limit else s[:limit] + f" ... ({len(s)} characters)"


def sheets(rows: list[dict], out: Path, workers: int) -> None:
    """Evaluate ``rows`` with analysis and diagnosis off and write ``out/<id>.md`` for each."""
    out.mkdir(parents=True, exist_ok=True)
    for dataset in ("humaneval", "mbpp"):
        mine = [r for r in rows if r["samples"].startswith(dataset + "--")]
        if not mine:
            continue
        ev = {name: _solutions(name) for name in {r["samples"] for r in mine}}
        for r in mine:
            r["solution"] = ev[r["samples"]][r["task_id"]][0]["solution"]
            if hashlib.sha256(r["solution"].encode()).hexdigest() != r["solution_sha256"]:
                raise SystemExit(f"row {r['id']}: solution_sha256 does not match {r['samples']}")
        samples = out / f"{dataset}.samples.jsonl"
        samples.write_text(
            "".join(json.dumps({"task_id": r["task_id"], "solution": r["solution"]}) + "\n" for r in mine)
        )
        cfg = EvalConfig(
            dataset=dataset,
            samples=samples,
            dataset_path=SETS[dataset],
            out=out / dataset,
            workers=workers,
            progress=False,
            cache_dir=out / "cache",
            no_analysis=True,
            no_diagnosis=True,
        )
        evaluate(cfg)
        problems = {p.id: p for p in load_problem_set(cfg)}
        per_task: dict[str, list[dict]] = defaultdict(list)  # a sample's index counts within its task
        for r in mine:
            per_task[r["task_id"]].append(r)
        for rec in _read_jsonl(out / dataset / "results.jsonl"):
            r = per_task[rec["task_id"]][rec["index"]]
            p = problems[rec["task_id"]]
            parts = [
                f"# Row {r['id']}: {r['task_id']} ({r['samples'].split('--', 1)[1].split('.eval')[0]})",
                "",
                "## Task prompt",
                "",
                _fence(p.prompt),
                "",
                "## Canonical solution",
                "",
                _fence(p.reference or ""),
                "",
                "## The LLM's solution",
                "",
                _fence(r["solution"]),
                "",
                f"## Evaluation: base {rec['base_status']}, plus {rec['plus_status']}",
                "",
            ]
            for name, group in (rec.get("groups") or {}).items():
                parts.append(f"- {name}: {group.get('status')} {json.dumps(group.get('counts', {}))}")
                for f in group.get("failures", [])[:1]:
                    parts += [
                        f"  - first failing test `{f['test']}` ({f['status']})",
                        f"    - input: `{_short(f.get('input'))}`",
                        f"    - expected: `{_short(f.get('expected'))}`",
                        f"    - actual: `{_short(f.get('actual'))}`",
                    ]
                    if f.get("expected") == f.get("actual") and not f.get("exception"):
                        # JSON has no tuple, and 1 == 1.0 prints alike: say so rather than show a
                        # failure whose two sides read the same
                        parts.append(
                            "    - (equal as JSON: the difference is in the type, e.g. tuple vs list)"
                        )
                    if f.get("exception"):
                        parts.append(f"    - exception: `{_short(f['exception'])}`")
                    if f.get("detail"):
                        parts.append(f"    - detail: `{_short(f['detail'])}`")
            (out / f"{r['id']}.md").write_text("\n".join(parts) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draw", action="store_true", help="draw a fresh batch disjoint from every labelled row")
    ap.add_argument("--per-file", type=int, default=20)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--relabel", type=int, default=0, help="first-batch rows to label again, blind")
    ap.add_argument("--draw-out", default="out/sheets/draw.jsonl", help="the drawn rows, without labels")
    ap.add_argument("--out", default="out/sheets", help="where the sheets go (not committed)")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    rows: list[dict] = []
    if a.draw:
        fresh = draw(a.per_file, a.seed)
        Path(a.draw_out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.draw_out).write_text("".join(json.dumps(r) + "\n" for r in fresh))
        print(f"drew {len(fresh)} rows (ids {fresh[0]['id']}-{fresh[-1]['id']}) -> {a.draw_out}")
        rows += fresh
    if a.relabel:
        first = _read_jsonl(LABELLED / "labels.jsonl")
        pick = sorted(random.Random(a.seed + 1).sample([r["id"] for r in first], a.relabel))
        keep = ("id", "samples", "task_id", "solution_sha256")  # never the labels themselves
        again = [{k: r[k] for k in keep} for r in first if r["id"] in pick]
        Path(a.out).mkdir(parents=True, exist_ok=True)
        (Path(a.out) / "relabel.jsonl").write_text("".join(json.dumps(r) + "\n" for r in again))
        print(f"{len(again)} first-batch rows to label again: {pick}")
        rows += again
    sheets(rows, Path(a.out), a.workers)
    print(f"{len(rows)} sheets in {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
