"""What default diagnosis by repair adds to a full ``codejudge eval`` of real LLM samples.

For each samples file (default: the two HumanEval+ files in ``evalplus_samples``), runs
``codejudge eval humaneval`` with ``--no-diagnosis``, with the default configuration (diagnosis
within 15% of the evaluation's time, likeliest repairs first; the goal is that it adds at most
20%) and with every failing sample
diagnosed (``--diagnosis-budget 0``), side by side, ``--repeat`` times in alternating order, and
prints the median wall clock of each, the median time of the diagnosis step itself, the overhead
and how many failing samples were diagnosed and repaired. Expected outputs come from a warm
cache (computed once before timing) in both configurations; the repair cache is emptied before
every run with diagnosis, so each run diagnoses from scratch.

    python bench/diagnosis_cost.py --repeat 3 --workers 2
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from codejudge.evaluate.engine import EvalConfig, evaluate  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DATASET = DATA / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz"


def _samples(results_file: Path, out: Path) -> Path:
    d = json.loads(results_file.read_text())
    with out.open("w") as fh:
        for task, rows in d["eval"].items():
            for r in rows:
                fh.write(json.dumps({"task_id": task, "solution": r["solution"]}) + "\n")
    return out


MODES = {"off": None, "default": 0.15, "unbudgeted": 0.0}  # --diagnosis-budget of each configuration


def run(samples: Path, cache: Path, out: Path, mode: str, workers: int, backend: str) -> dict:
    for d in cache.glob("repair-*"):
        shutil.rmtree(d)  # every diagnosis from scratch
    budget = MODES[mode]
    cfg = EvalConfig(
        dataset="humaneval",
        samples=samples,
        dataset_path=DATASET,
        out=out,
        workers=workers,
        backend=backend,
        cache_dir=cache,
        no_diagnosis=budget is None,
        progress=False,
        diagnosis_budget=budget or 0.0,
    )
    t0 = time.perf_counter()
    s = evaluate(cfg)
    wall = time.perf_counter() - t0
    failing = sum(o.status("base") != "pass" or o.status("plus") != "pass" for o in s.outcomes)
    return {
        "wall": wall,
        "diagnosis": s.seconds.get("diagnosis", 0.0),
        "failing": failing,
        "diagnosed": int(s.diagnosis.get("samples", 0) - s.diagnosis.get("out_of_time", 0)),
        "repaired": int(s.diagnosis.get("repaired", 0)),
        "samples": s.samples,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--files",
        nargs="*",
        default=sorted(str(p) for p in (DATA / "evalplus_samples").glob("humaneval--*.eval_results.json")),
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument(
        "--modes",
        nargs="+",
        default=list(MODES),
        choices=list(MODES),
        help="configurations to time; the first is the baseline (off)",
    )
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        for f in map(Path, a.files):
            samples = _samples(f, Path(tmp) / f"{f.name}.samples.jsonl")
            run(samples, cache, Path(tmp) / "warm", "off", a.workers, a.backend)  # warm the expected outputs
            rows: dict[str, list[dict]] = {m: [] for m in a.modes}
            for i in range(a.repeat):
                for mode in a.modes if i % 2 == 0 else a.modes[::-1]:
                    rows[mode].append(
                        run(samples, cache, Path(tmp) / f"run-{mode}", mode, a.workers, a.backend)
                    )
            off = statistics.median(r["wall"] for r in rows["off"])
            r0 = rows["off"][0]
            print(
                f"{f.name}: {r0['samples']} samples, {r0['failing']} failing; eval --no-diagnosis: {off:.1f} s "
                f"(runs {[round(r['wall'], 1) for r in rows['off']]})"
            )
            for mode in a.modes[1:]:
                on = statistics.median(r["wall"] for r in rows[mode])
                step = statistics.median(r["diagnosis"] for r in rows[mode])
                last = rows[mode][-1]
                print(
                    f"  {mode} (--diagnosis-budget {MODES[mode]}): {on:.1f} s, diagnosis step {step:.1f} s = "
                    f"{step / off:.0%} of the evaluation, +{(on - off) / off:.0%} wall; {last['diagnosed']} of "
                    f"{last['failing']} failing samples diagnosed, {last['repaired']} repaired "
                    f"(runs {[round(r['wall'], 1) for r in rows[mode]]})"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
