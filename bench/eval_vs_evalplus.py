"""Wall time of a full HumanEval+ (or MBPP+) evaluation: codejudge (bwrap sandbox) vs evalplus 0.3.1.

Both evaluate the same real LLM samples (../shared/data/evalplus_samples) against the
same local dataset file with the same parallelism, offline, each with a cold and a
warm expected-output cache:

* evalplus: ``python -m evalplus.evaluate --dataset D --samples S --parallel W`` with
  ``HUMANEVAL_OVERRIDE_PATH`` / ``MBPP_OVERRIDE_PATH`` pointing at the decompressed
  release (so its hash is the md5 it records) and its cache dir (``XDG_CACHE_HOME``)
  in a temporary folder: cold = empty, warm = the ``<hash>.pkl`` of the cold run.
* codejudge: ``codejudge eval D --samples S --dataset FILE --workers W --backend bwrap``
  with ``--cache-dir`` in a temporary folder (cold = empty, warm = second run).

"to results" is the time until eval_results.json was written; "process" includes
interpreter exit (evalplus keeps a watchdog thread that sleeps up to 20 s).

    python bench/eval_vs_evalplus.py                            # HumanEval+, Llama-3-8B samples, 2 workers
    python bench/eval_vs_evalplus.py --dataset mbpp --workers 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
FILES = {"humaneval": DATA / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz",
         "mbpp": DATA / "mbppplus" / "MbppPlus-v0.2.0.jsonl.gz"}
OVERRIDE = {"humaneval": "HUMANEVAL_OVERRIDE_PATH", "mbpp": "MBPP_OVERRIDE_PATH"}


def timed(cmd: list[str], env: dict[str, str], result: Path) -> tuple[float, float]:
    result.unlink(missing_ok=True)
    start = time.time()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.time() - start
    if proc.returncode != 0 or not result.exists():
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return result.stat().st_mtime - start, wall


def statuses(path: Path) -> dict:
    ev = json.loads(path.read_text())["eval"]
    return {(t, i): (r["base_status"], r["plus_status"]) for t, rows in ev.items() for i, r in enumerate(rows)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", default="humaneval", choices=sorted(FILES))
    p.add_argument("--model", default="meta-llama--Meta-Llama-3-8B-Instruct")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--skip", default="", help="comma list of runs to skip: evalplus,codejudge")
    args = p.parse_args(argv)
    ref = json.loads((DATA / "evalplus_samples" / f"{args.dataset}--{args.model}.eval_results.json").read_text())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_p = Path(tmp)
        samples = tmp_p / "samples.jsonl"
        samples.write_text("".join(json.dumps({"task_id": t, "solution": r["solution"]}) + "\n"
                                   for t, rs in ref["eval"].items() for r in rs))
        n = sum(len(rs) for rs in ref["eval"].values())
        plain = tmp_p / FILES[args.dataset].name.replace(".gz", "")
        plain.write_bytes(gzip.decompress(FILES[args.dataset].read_bytes()))
        base_env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        results = {}
        if "evalplus" not in args.skip:
            env = {**base_env, OVERRIDE[args.dataset]: str(plain), "XDG_CACHE_HOME": str(tmp_p / "xdg")}
            cmd = [sys.executable, "-m", "evalplus.evaluate", "--dataset", args.dataset, "--samples", str(samples),
                   "--parallel", str(args.workers)]
            out = tmp_p / "samples_eval_results.json"
            for cache in ("cold", "warm"):
                to_results, wall = timed(cmd, env, out)
                rows.append(("evalplus 0.3.1 (no isolation)", cache, to_results, wall))
            results["evalplus"] = statuses(out)
        if "codejudge" not in args.skip:
            out_dir = tmp_p / "cj"
            cmd = [sys.executable, "-c", "import sys; from codejudge.cli import main; sys.exit(main())", "eval",
                   args.dataset, "--samples", str(samples), "--dataset", str(FILES[args.dataset]), "--workers",
                   str(args.workers), "--backend", "bwrap", "--cache-dir", str(tmp_p / "cj-cache"), "--out",
                   str(out_dir), "--no-progress"]
            for cache in ("cold", "warm"):
                to_results, wall = timed(cmd, base_env, out_dir / "eval_results.json")
                rows.append(("codejudge (bwrap sandbox)", cache, to_results, wall))
            results["codejudge"] = statuses(out_dir / "eval_results.json")
    print(f"{args.dataset}+: {n} samples ({args.model}), {args.workers} workers, {os.cpu_count()} CPUs")
    print(f"{'tool':32} {'cache':6} {'to results (s)':>15} {'process (s)':>12}")
    for tool, cache, to_results, wall in rows:
        print(f"{tool:32} {cache:6} {to_results:15.1f} {wall:12.1f}")
    if len(results) == 2:
        same = sum(results["evalplus"][k] == results["codejudge"].get(k) for k in results["evalplus"])
        print(f"verdicts equal on {same}/{len(results['evalplus'])} samples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
