"""Efficiency for JavaScript, C++, Java, Go and Rust answers: is measured CPU time honest?

Two figures, both in the real bubblewrap sandbox (timings: run it on a quiet machine, or say
it was shared):

1. **False decisions** on HumanEvalPack canonical solutions: for each task, the grounding stage
   builds the size ladder (``ground(..., efficiency=True)``), then the canonical solution is timed
   against itself (two separate measurements, as ``measure_pair`` does for any pair) and the judge
   compares it with a reformatted copy (a comment, other indentation, blank lines) through
   ``GroundedJudge.pairwise(criterion="efficiency")``. Neither may be decided; the rate of
   decisions is the false-decision rate. Also printed: the largest CPU-time ratio seen at the
   top rung between the two copies (how far the noise stays from the ``RATIO`` threshold).
   The same two measurements are compared on memory per call (``compare_memory``), and the
   largest memory ratio between the copies is printed.
2. **Clear gaps**: the O(n) vs O(n^2) pairs of ``tests/fixtures/ground/efficiency_programs.jsonl``
   (five languages, both orders) through ``codejudge judge --input`` rows of only instruction,
   response_a, response_b, language, criterion: how many are decided for the faster answer; and
   the memory pairs of ``tests/fixtures/ground/memory_programs.jsonl`` (a running total vs a list
   of the squares built first, criterion "memory usage"): how many are decided for the leaner one.

Results are written per task to ``--workdir``/falses.jsonl and resumed.

    PYTHONPATH=$PWD python bench/program_efficiency.py --limit 40 --workdir /tmp/prog-eff
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codejudge.evaluate.prose_pairs import prose_pairs  # noqa: E402
from codejudge.ground.derive import ground  # noqa: E402
from codejudge.ground.timing import MEMORY, compare_memory, compare_timing, measure_pair  # noqa: E402
from codejudge.judge.grounded import GroundedJudge  # noqa: E402
from codejudge.sandbox import get_executor  # noqa: E402

LANGUAGES = ("js", "cpp", "java", "go", "rust")
TAG = {"js": "javascript", "cpp": "cpp", "java": "java", "go": "go", "rust": "rust"}
FIELDS = ("instruction", "response_a", "response_b", "language", "criterion")


def reformatted(code: str, language: str) -> str:
    """The same program, laid out differently: a leading comment, deeper indentation, blank lines."""
    lines = []
    for ln in code.splitlines():
        lines.append("  " + ln if ln.strip() and not ln.startswith(("package ", "import ", "#")) else ln)
        if ln.rstrip().endswith("{"):
            lines.append("")
    return "// the same solution, laid out differently\n" + "\n".join(lines) + "\n"


def _top_ratio(a: dict, b: dict, sizes: dict[str, int], index: int = 0) -> float | None:
    common = [k for k in a if k in b and len(a[k]) > index and len(b[k]) > index]
    common = [k for k in common if a[k][index] is not None and b[k][index] is not None]
    if not common:
        return None
    top = max(sizes.get(k, 0) for k in common)
    ratios = [
        max(a[k][index], b[k][index]) / max(1.0, min(a[k][index], b[k][index]))
        for k in common
        if 3 * sizes.get(k, 0) >= top
    ]
    return max(ratios)


def false_decisions(limit: int, workdir: Path, languages: tuple[str, ...]) -> None:
    executor = get_executor("bwrap")
    out = workdir / "falses.jsonl"
    done = {json.loads(x)["id"] for x in out.read_text().splitlines()} if out.exists() else set()
    rows = [
        r
        for lang in languages
        for r in prose_pairs(str(REPO.parent / "shared" / "data" / "humanevalpack"), [lang])[:limit]
    ]
    judge = GroundedJudge(executor)
    with out.open("a") as f:
        for r in rows:
            key = f"{r['language']}:{r['id']}"
            if key in done:
                continue
            lang, code = r["language"], r["chosen_code"]
            t0 = time.perf_counter()
            rec: dict = {"id": key, "language": lang}
            g = ground(executor, r["prompt"], [code, reformatted(code, lang)], language=lang, efficiency=True)
            plan = g.cost_programs.get(0)
            rec["ladder"] = len(g.cost_inputs.get(0, []))
            if plan is not None and rec["ladder"]:
                sizes = {f"ladder{k}": n for k, n in enumerate(g.cost_sizes)}
                inputs = {f"ladder{k}": a for k, a in enumerate(g.cost_inputs[0])}
                ta, tb = measure_pair(executor, [(code, plan, inputs), (code, plan, inputs)], job_id="self")
                w, why = compare_timing(ta, tb, sizes)
                rec["self"], rec["self_why"] = w, why
                ratios = [_top_ratio(x, y, sizes) for x, y in zip(ta.rounds, tb.rounds)]
                rec["self_top_ratio"] = max((x for x in ratios if x is not None), default=None)
                rec["self_mem"], rec["self_mem_why"] = compare_memory(ta, tb, sizes)
                mem = [_top_ratio(x, y, sizes, MEMORY.index) for x, y in zip(ta.rounds, tb.rounds)]
                rec["self_mem_ratio"] = max((x for x in mem if x is not None), default=None)
            else:
                rec["self"], rec["self_why"] = None, "no ladder: " + "; ".join(g.notes[-2:])
            fenced = f"Here is my solution:\n\n```{TAG[lang]}\n{code}```\n"
            copy = f"This should work:\n\n```{TAG[lang]}\n{reformatted(code, lang)}```\n"
            v = judge.pairwise(r["prompt"], fenced, copy, criterion="efficiency", language=lang)
            rec["copy"], rec["copy_by"], rec["copy_why"] = v.winner, v.decided_by, v.rationale[:300]
            rec["seconds"] = round(time.perf_counter() - t0, 2)
            f.write(json.dumps(rec) + "\n")
            f.flush()
            print(
                f"{key}: self {rec['self']} copy {rec['copy']}/{rec['copy_by']} ({rec['seconds']}s)",
                flush=True,
            )
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    recs = [x for x in recs if x["language"] in languages]
    print("\n== false decisions on HumanEvalPack canonical solutions (self and reformatted copy)")
    for lang in (*languages, "all"):
        sub = [x for x in recs if lang in ("all", x["language"])]
        timed = [x for x in sub if x.get("self_top_ratio") is not None]
        self_dec = sum(1 for x in sub if x["self"] in ("A", "B"))
        mem_dec = sum(1 for x in sub if x.get("self_mem") in ("A", "B"))
        mem_ratios = [x["self_mem_ratio"] for x in sub if x.get("self_mem_ratio") is not None]
        copy_cost = sum(1 for x in sub if x["copy_by"] == "cost")
        copy_any = sum(1 for x in sub if x["copy"] in ("A", "B"))
        ratios = [x["self_top_ratio"] for x in timed]
        print(
            f"{lang:5s} tasks {len(sub):3d}  ladder timed {len(timed):3d}  "
            f"self decided {self_dec}/{len(timed)}  copy decided by cost {copy_cost}/{len(sub)} "
            f"(any decision {copy_any})  top-rung ratio self median {statistics.median(ratios) if ratios else 0:.2f} "
            f"max {max(ratios) if ratios else 0:.2f}  s/task {statistics.median([x['seconds'] for x in sub]) if sub else 0:.1f}"
        )
        print(
            f"      memory: self decided {mem_dec}/{len(mem_ratios)} measured  top-rung memory ratio self "
            f"median {statistics.median(mem_ratios) if mem_ratios else 0:.3f} max {max(mem_ratios) if mem_ratios else 0:.3f}"
        )


def _judge_file(workdir: Path, fixture: str, label: str, want: str) -> None:
    rows = [json.loads(x) for x in (REPO / "tests/fixtures/ground" / fixture).read_text().splitlines()]
    inp = workdir / fixture.replace(".jsonl", "_pairs.jsonl")
    inp.write_text("".join(json.dumps({k: r[k] for k in FIELDS}) + "\n" for r in rows))
    out = workdir / fixture.replace(".jsonl", "_verdicts.jsonl")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "codejudge", "judge", "--input", str(inp), "--out", str(out), "--no-progress"],
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        print(proc.stderr[-2000:])
        return
    verdicts = [json.loads(x) for x in out.read_text().splitlines()]
    right = sum(1 for r, v in zip(rows, verdicts) if v["winner"] == r[want] and v["decided_by"] == "cost")
    print(
        f"\n== {label}, five languages, both orders: {right}/{len(rows)} decided for the {want} answer "
        f"({time.perf_counter() - t0:.0f}s)"
    )
    for r, v in zip(rows, verdicts):
        print(f"  {r['id']:18s} {v['winner']:4s} {v['decided_by']:6s} {v['rationale'][60:200]}")


def clear_gaps(workdir: Path) -> None:
    _judge_file(workdir, "efficiency_programs.jsonl", "O(n) vs O(n^2)", "faster")
    _judge_file(workdir, "memory_programs.jsonl", "running total vs a list built first (memory)", "leaner")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=40, help="HumanEvalPack tasks per language")
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument("--workdir", default=None, help="results (resumed) go here")
    ap.add_argument("--skip-gaps", action="store_true")
    args = ap.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="prog-eff-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if not args.skip_gaps:
        clear_gaps(workdir)
    false_decisions(args.limit, workdir, tuple(args.languages.split(",")))


if __name__ == "__main__":
    main()
