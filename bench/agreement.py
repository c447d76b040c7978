"""Agreement of codejudge's verdicts with evalplus 0.3.1's on real LLM samples.

For each ``<dataset>--<model>.eval_results.json`` in ../shared/data/evalplus_samples
(greedy solutions with the verdicts evalplus recorded), re-evaluate the same
solutions with codejudge against the same pinned dataset file and compare
base and plus statuses sample by sample. Every difference is printed with the
evidence codejudge recorded (the failing input, expected vs actual output, the
exception), so each one can be explained.

    python bench/agreement.py                       # all four files, bwrap backend
    python bench/agreement.py --tasks HumanEval/0,HumanEval/32 --files humaneval
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

from codejudge.evaluate.engine import EvalConfig, evaluate  # noqa: E402

DATA = REPO.parent / "shared" / "data"
DATASETS = {
    "humaneval": DATA / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz",
    "mbpp": DATA / "mbppplus" / "MbppPlus-v0.2.0.jsonl.gz",
}


def write_samples(reference: dict, path: Path, tasks: set[str] | None) -> None:
    with path.open("w", encoding="utf-8") as f:
        for task_id, rows in reference["eval"].items():
            if tasks is None or task_id in tasks:
                for r in rows:
                    f.write(json.dumps({"task_id": task_id, "solution": r["solution"]}) + "\n")


def compare(ref_file: Path, tasks: set[str] | None, args: argparse.Namespace, work: Path) -> dict:
    dataset = ref_file.name.split("--", 1)[0]
    reference = json.loads(ref_file.read_text(encoding="utf-8"))
    samples = work / (ref_file.name.replace(".eval_results.json", "") + ".jsonl")
    write_samples(reference, samples, tasks)
    start = time.perf_counter()
    summary = evaluate(EvalConfig(
        dataset=dataset, samples=samples, dataset_path=DATASETS[dataset], backend=args.backend,
        unsafe_local=args.backend == "local", workers=args.workers, out=work / samples.stem,
        cache_dir=args.cache_dir, progress=False, no_analysis=True))
    seconds = time.perf_counter() - start
    ours = json.loads((summary.out_dir / "eval_results.json").read_text(encoding="utf-8"))
    records = {(r["task_id"], r["index"]): r
               for r in map(json.loads, (summary.out_dir / "results.jsonl").read_text().splitlines())}
    diffs, n = [], 0
    for task_id, rows in ours["eval"].items():
        for i, (mine, theirs) in enumerate(zip(rows, reference["eval"][task_id])):
            n += 1
            for group in ("base", "plus"):
                if mine[f"{group}_status"] != theirs[f"{group}_status"]:
                    rec = records.get((task_id, i), {})
                    fails = rec.get("groups", {}).get(group, {}).get("failures", [])[:1]
                    diffs.append({"file": ref_file.name, "task_id": task_id, "group": group,
                                  "codejudge": mine[f"{group}_status"], "evalplus": theirs[f"{group}_status"],
                                  "evalplus_fail_tests": str(theirs[f"{group}_fail_tests"])[:300],
                                  "codejudge_failure": json.dumps(fails)[:600]})
    return {"file": ref_file.name, "samples": n, "verdicts": 2 * n, "differences": diffs,
            "seconds": round(seconds, 1), "phases": {k: round(v, 1) for k, v in summary.seconds.items()}, "pass_at_k": summary.pass_at_k, "hash_matches": ours["hash"] == reference["hash"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--files", default="humaneval,mbpp", help="dataset prefixes to include")
    p.add_argument("--tasks", default="", help="comma-separated task ids (default: all)")
    p.add_argument("--backend", default="bwrap")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--cache-dir", type=Path, default=None)
    p.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = p.parse_args(argv)
    tasks = set(args.tasks.split(",")) if args.tasks else None
    prefixes = tuple(args.files.split(","))
    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        for ref_file in sorted((DATA / "evalplus_samples").glob("*.eval_results.json")):
            if not ref_file.name.startswith(prefixes):
                continue
            rep = compare(ref_file, tasks, args, Path(tmp))
            reports.append(rep)
            agree = rep["verdicts"] - len(rep["differences"])
            print(f"{rep['file']}: {rep['samples']} samples, {agree}/{rep['verdicts']} verdicts agree, "
                  f"hash matches: {rep['hash_matches']}, {rep['seconds']}s {rep['phases']}, pass@k {rep['pass_at_k']}")
            for d in rep["differences"]:
                print(f"  DIFF {d['task_id']} {d['group']}: codejudge={d['codejudge']} evalplus={d['evalplus']}")
                print(f"       evalplus fail tests: {d['evalplus_fail_tests']}")
                print(f"       codejudge failure:   {d['codejudge_failure']}")
    if args.json:
        args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    total = sum(r["verdicts"] for r in reports)
    ndiff = sum(len(r["differences"]) for r in reports)
    print(f"TOTAL: {total - ndiff}/{total} verdicts agree ({ndiff} differences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
