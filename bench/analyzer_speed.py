"""Static analysis speed on real LLM solutions, next to ``ruff check`` on the same files.

Loads every ``solution`` in ../shared/data/evalplus_samples/*.eval_results.json,
replicates the set to --target solutions, and times ``analyze_source`` on one core
(this process, no workers). ruff is timed on the same solutions written out as
files, pinned to one thread (``--no-cache``, RAYON_NUM_THREADS=1).

    python bench/analyzer_speed.py --target 10000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from codejudge.analyze import analyze_source

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "evalplus_samples"


def solutions() -> list[str]:
    out = []
    for f in sorted(DATA.glob("*.eval_results.json")):
        for samples in json.loads(f.read_text())["eval"].values():
            out += [s["solution"] for s in samples if s.get("solution")]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", type=int, default=10_000)
    ap.add_argument("--no-ruff", action="store_true")
    a = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    base = solutions()
    work = (base * (a.target // len(base) + 1))[: a.target]
    n_funcs = sum(s.count("def ") for s in work)
    analyze_source(base[0])  # warm: grammar load and rule import
    t0 = time.perf_counter()
    codes: Counter = Counter()
    flagged = 0
    for i, src in enumerate(work):
        fs = analyze_source(src, path=f"s{i}.py")
        codes.update(f.code for f in fs)
        flagged += bool(fs)
    dt = time.perf_counter() - t0
    print(f"unique solutions: {len(base)}; analyzed: {len(work)} ({n_funcs} function definitions)")
    print(
        f"codejudge analyze (in-process, 1 core): {dt:.2f} s = {len(work) / dt:,.0f} solutions/s, "
        f"{n_funcs / dt:,.0f} functions/s"
    )
    print(
        f"solutions with findings: {flagged} ({flagged / len(work):.1%}); codes: {dict(codes.most_common())}"
    )
    ruff = shutil.which("ruff")
    if ruff and not a.no_ruff:
        with tempfile.TemporaryDirectory() as d:
            for i, src in enumerate(work):
                (Path(d) / f"s{i}.py").write_text(src)
            env = {**os.environ, "RAYON_NUM_THREADS": "1"}
            t0 = time.perf_counter()
            subprocess.run(
                [ruff, "check", "--no-cache", "--isolated", "--exit-zero", "--quiet", d],
                env=env,
                stdout=subprocess.DEVNULL,
                check=False,
            )
            rt = time.perf_counter() - t0
            print(
                f"ruff check (default rules, 1 thread, files on disk): {rt:.2f} s = {len(work) / rt:,.0f} solutions/s"
            )
            t0 = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from codejudge.cli import main; sys.exit(main(sys.argv[1:]))",
                    "analyze",
                    d,
                ],
                stdout=subprocess.DEVNULL,
                check=False,
            )
            ct = time.perf_counter() - t0
            print(
                f"codejudge analyze CLI (new process, 1 core, files on disk): {ct:.2f} s = "
                f"{len(work) / ct:,.0f} solutions/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
