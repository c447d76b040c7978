"""Wall time of a full HumanEval+ and MBPP+ evaluation: codejudge (bwrap sandbox) vs evalplus 0.3.1,
side by side in one run, cold and warm, repeated.

Both evaluate the same real LLM samples (../shared/data/evalplus_samples) against the same
local dataset file with the same parallelism, offline:

* evalplus: ``python -m evalplus.evaluate --dataset D --samples S --parallel W`` with
  ``HUMANEVAL_OVERRIDE_PATH`` / ``MBPP_OVERRIDE_PATH`` pointing at the decompressed
  release (so its hash is the md5 it records) and its cache dir (``XDG_CACHE_HOME``) in a
  temporary folder: cold = empty, warm = the ``<hash>.pkl`` of that round's cold run.
* codejudge: ``codejudge eval D --samples S --dataset FILE --workers W --backend bwrap``
  with ``--cache-dir`` in a temporary folder (cold = empty, warm = that round's cold cache).

Each round runs all four (tool x cache) once, the two tools interleaved and in alternating
order (round 1 starts with codejudge, round 2 with evalplus, ...), so a change in the
machine's load hits both alike; the table gives medians over the rounds, the range, and the
load average around each run. "to results" is the time until eval_results.json was written
(its mtime); evalplus's process itself lingers up to 20 s more (a watchdog thread sleeping),
so the bench ends it once that file is complete. codejudge writes the file as soon as every
verdict is final and then runs its diagnosis step (mistake tags for failing samples), which
the bench lets finish before the next run starts, uncounted.

    python bench/eval_vs_evalplus.py                                  # both datasets, 3 rounds, 2 workers
    python bench/eval_vs_evalplus.py --datasets mbpp --rounds 5
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
FILES = {
    "humaneval": DATA / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz",
    "mbpp": DATA / "mbppplus" / "MbppPlus-v0.2.0.jsonl.gz",
}
OVERRIDE = {"humaneval": "HUMANEVAL_OVERRIDE_PATH", "mbpp": "MBPP_OVERRIDE_PATH"}
TOOLS = ("codejudge", "evalplus")


def timed(cmd: list[str], env: dict[str, str], result: Path, stop_at_results: bool = False) -> dict:
    """One run; ``stop_at_results``: end the process once its results file is complete (evalplus
    0.3.1 lingers up to 20 s after writing it, a watchdog thread sleeping; the time measured is
    the file's own mtime either way, so this only saves the bench's wall time)."""
    result.unlink(missing_ok=True)
    load_before = os.getloadavg()[0]
    start = time.time()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        while proc.poll() is None:
            time.sleep(0.5)
            if stop_at_results and _complete(result):
                time.sleep(1.0)
                proc.terminate()
                proc.wait()
                break
        out.seek(0)
        err.seek(0)
        if (proc.returncode != 0 and not stop_at_results) or not _complete(result):
            sys.exit(f"failed: {' '.join(cmd)}\n{out.read()[-2000:]!r}\n{err.read()[-4000:]!r}")
    return {
        "to_results": result.stat().st_mtime - start,
        "load": (load_before, os.getloadavg()[0]),
        "process": None if stop_at_results else time.time() - start,
        "statuses": statuses(result),
    }


def _complete(result: Path) -> bool:
    try:
        json.loads(result.read_text())
    except (OSError, ValueError):
        return False
    return True


def statuses(path: Path) -> dict:
    ev = json.loads(path.read_text())["eval"]
    return {
        f"{t}#{i}": (r["base_status"], r["plus_status"]) for t, rows in ev.items() for i, r in enumerate(rows)
    }


class Bench:
    def __init__(self, dataset: str, model: str, workers: int, tmp: Path) -> None:
        self.dataset, self.workers, self.tmp = dataset, workers, tmp
        ref = json.loads((DATA / "evalplus_samples" / f"{dataset}--{model}.eval_results.json").read_text())
        self.samples = tmp / "samples.jsonl"
        self.samples.write_text(
            "".join(
                json.dumps({"task_id": t, "solution": r["solution"]}) + "\n"
                for t, rs in ref["eval"].items()
                for r in rs
            )
        )
        self.n = sum(len(rs) for rs in ref["eval"].values())
        self.plain = tmp / FILES[dataset].name.replace(".gz", "")
        self.plain.write_bytes(gzip.decompress(FILES[dataset].read_bytes()))
        self.env = {
            **os.environ,
            "HF_DATASETS_OFFLINE": "1",
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
        }

    def run(self, tool: str, cache: Path) -> dict:
        """One evaluation with the cache in ``cache`` (empty: cold; filled by a cold run: warm)."""
        if tool == "evalplus":
            env = {**self.env, OVERRIDE[self.dataset]: str(self.plain), "XDG_CACHE_HOME": str(cache)}
            cmd = [
                sys.executable,
                "-m",
                "evalplus.evaluate",
                "--dataset",
                self.dataset,
                "--samples",
                str(self.samples),
                "--parallel",
                str(self.workers),
            ]
            return timed(cmd, env, self.tmp / "samples_eval_results.json", stop_at_results=True)
        out = self.tmp / "cj"
        cmd = [
            sys.executable,
            "-c",
            "import sys; from codejudge.cli import main; sys.exit(main())",
            "eval",
            self.dataset,
            "--samples",
            str(self.samples),
            "--dataset",
            str(FILES[self.dataset]),
            "--workers",
            str(self.workers),
            "--backend",
            "bwrap",
            "--cache-dir",
            str(cache),
            "--out",
            str(out),
            "--no-progress",
            "--show-failures",
            "0",
        ]
        return timed(cmd, {**self.env, "PYTHONPATH": str(REPO)}, out / "eval_results.json")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--datasets", default="humaneval,mbpp")
    p.add_argument("--model", default="meta-llama--Meta-Llama-3-8B-Instruct")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--json", type=Path, default=None, help="also write every run here")
    args = p.parse_args(argv)
    runs: list[dict] = []
    for dataset in args.datasets.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            bench = Bench(dataset, args.model, args.workers, Path(tmp))
            for n in range(args.rounds):
                order = TOOLS if n % 2 == 0 else TOOLS[::-1]
                caches = {tool: Path(tmp) / f"cache-{tool}-{n}" for tool in TOOLS}
                for cache_state in ("cold", "warm"):
                    for tool in order:
                        r = bench.run(tool, caches[tool])
                        r |= {"dataset": dataset, "tool": tool, "cache": cache_state, "round": n}
                        runs.append(r)
                        print(
                            f"{dataset} round {n} {tool:9} {cache_state}: {r['to_results']:6.1f} s "
                            + (f"(process {r['process']:.1f} s) " if r["process"] else "")
                            + f"(load {r['load'][0]:.1f} -> {r['load'][1]:.1f})",
                            flush=True,
                        )
            report(dataset, bench.n, args, [r for r in runs if r["dataset"] == dataset])
    if args.json:
        args.json.write_text(
            json.dumps([{k: v for k, v in r.items() if k != "statuses"} for r in runs], indent=1)
        )
    return 0


def report(dataset: str, n: int, args: argparse.Namespace, runs: list[dict]) -> None:
    print(
        f"\n{dataset}+: {n} samples ({args.model}), {args.workers} workers, {os.cpu_count()} CPUs, "
        f"{args.rounds} rounds, tools interleaved"
    )
    print(f"{'tool':30} {'cache':6} {'median (s)':>10} {'min-max (s)':>14} {'load avg during':>16}")
    medians = {}
    for cache in ("cold", "warm"):
        for tool in TOOLS:
            rs = [r for r in runs if r["tool"] == tool and r["cache"] == cache]
            times = [r["to_results"] for r in rs]
            medians[(tool, cache)] = statistics.median(times)
            loads = [x for r in rs for x in r["load"]]
            name = "codejudge (bwrap sandbox)" if tool == "codejudge" else "evalplus 0.3.1 (no isolation)"
            process = [r["process"] for r in rs if r["process"]]
            print(
                f"{name:30} {cache:6} {medians[(tool, cache)]:10.1f} {min(times):6.1f}-{max(times):<6.1f} "
                f"{min(loads):7.1f}-{max(loads):<7.1f}"
                + (
                    f"  process median {statistics.median(process):.1f} s (diagnosis included)"
                    if process
                    else ""
                )
            )
    for cache in ("cold", "warm"):
        ratio = medians[("codejudge", cache)] / medians[("evalplus", cache)]
        print(
            f"{cache}: codejudge / evalplus = {ratio:.2f}x ({'met' if ratio <= 1.0 else 'NOT met'}: target <= 1.0x)"
        )
    ours = [r["statuses"] for r in runs if r["tool"] == "codejudge"]
    theirs = [r["statuses"] for r in runs if r["tool"] == "evalplus"]
    same = sum(ours[0][k] == theirs[0].get(k) for k in ours[0])
    print(
        f"verdicts equal on {same}/{len(ours[0])} samples (first runs); codejudge runs identical to each other: "
        f"{all(o == ours[0] for o in ours)}, evalplus runs: {all(t == theirs[0] for t in theirs)}"
    )


if __name__ == "__main__":
    sys.exit(main())
