"""Efficiency for whole programs that read stdin (JavaScript, C++, Java, Go, Rust): is it honest?

Two figures, both in the real bubblewrap sandbox (timings: run it on a quiet machine, or say it
was shared):

1. **Clear gaps**: the O(n) vs O(n^2) maximum-subarray programs of
   ``tests/fixtures/ground/efficiency_stdin_programs.jsonl`` (five languages, both orders) through
   ``codejudge judge --input`` rows of only instruction, response_a, response_b, language,
   criterion: how many are decided for the faster program.
2. **False decisions**: every correct program of ``bench/stdin_pairs.py`` (seven tasks) and both
   programs of the fixture, each against itself (two separate measurements of one program on the
   grown samples, ``measure_stdio_pair``) and, through ``GroundedJudge.pairwise(criterion=
   "efficiency")``, against a reformatted copy. Neither may be decided. Also printed: the largest
   ratio of added CPU time between the two measurements at the top rung, and how far apart they
   were in milliseconds (the noise the ``RATIO``/``MIN_S`` rule must stay above).

Results are written per program to ``--workdir``/falses.jsonl and resumed.

    PYTHONPATH=$PWD python bench/stdin_efficiency.py --workdir /tmp/stdin-eff
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from program_efficiency import _judge_file, reformatted  # noqa: E402
from stdin_pairs import FENCE, PROGRAMS, TASKS  # noqa: E402

from codejudge.ground.derive import ground  # noqa: E402
from codejudge.ground.stdio_timing import compare_stdio, measure_stdio_pair  # noqa: E402
from codejudge.judge import evidence as evid  # noqa: E402
from codejudge.judge.grounded import GroundedJudge  # noqa: E402
from codejudge.sandbox import get_executor  # noqa: E402

LANGUAGES = ("js", "cpp", "java", "go", "rust")
FIXTURE = REPO / "tests/fixtures/ground/efficiency_stdin_programs.jsonl"


def programs(languages: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(id, language, statement, code): the correct programs of stdin_pairs and the fixture's."""
    out = [
        (f"{lang}:{task}", lang, TASKS[task], PROGRAMS[lang][task][0]) for lang in languages for task in TASKS
    ]
    for line in FIXTURE.read_text().splitlines():
        r = json.loads(line)
        if r["language"] in languages and r["id"].endswith("fast-first"):
            for side, name in (("response_a", "kadane"), ("response_b", "all_subarrays")):
                code = evid.code_for_judge(r[side], r["language"], None)[0] or ""
                out.append((f"{r['language']}:{name}", r["language"], r["instruction"], code))
    return out


def _top(a: dict, b: dict, base_of: dict[str, str], sizes: dict[str, int]) -> tuple[float, float] | None:
    """(largest ratio, largest gap in ms) of added CPU time between two measurements at the top rung."""
    grown = [k for k, s in base_of.items() if all(x in a and x in b for x in (k, s))]
    if not grown:
        return None
    top = max(sizes[k] for k in grown)
    ratios, gaps = [], []
    for k in grown:
        if 3 * sizes[k] < top:
            continue
        x, y = (max(0.0, m[k][0] - m[base_of[k]][0]) for m in (a, b))
        ratios.append(max(x, y) / max(1e-3, min(x, y)))
        gaps.append(abs(x - y) * 1000)
    return max(ratios), max(gaps)


def false_decisions(workdir: Path, languages: tuple[str, ...]) -> None:
    executor = get_executor("bwrap")
    judge = GroundedJudge(executor)
    out = workdir / "falses.jsonl"
    done = {json.loads(x)["id"] for x in out.read_text().splitlines()} if out.exists() else set()
    with out.open("a") as f:
        for key, lang, statement, code in programs(languages):
            if key in done:
                continue
            t0 = time.perf_counter()
            rec: dict = {"id": key, "language": lang}
            copy = reformatted(code, lang)
            g = ground(executor, statement, [code, copy], language=lang, efficiency=True)
            rec["ladder"] = len(g.cost_stdin)
            if g.cost_stdin:
                inputs = {f"s{k}": text for k, (text, _, _) in enumerate(g.cost_stdin)}
                base_of = {f"s{k}": f"s{b}" for k, (_, _, b) in enumerate(g.cost_stdin) if b != k}
                sizes = {f"s{k}": n for k, (_, n, _) in enumerate(g.cost_stdin)}
                ta, tb = measure_stdio_pair(executor, [(code, lang), (code, lang)], inputs, job_id="self")
                rec["self"], rec["self_why"] = compare_stdio(ta, tb, base_of, sizes)
                tops = [_top(x, y, base_of, sizes) for x, y in zip(ta.rounds, tb.rounds)]
                tops = [t for t in tops if t is not None]
                rec["self_top_ratio"] = max((t[0] for t in tops), default=None)
                rec["self_top_gap_ms"] = max((t[1] for t in tops), default=None)
            else:
                rec["self"], rec["self_why"] = None, "no ladder: " + "; ".join(g.notes[-2:])
            fenced = f"Here is my solution:\n\n```{FENCE[lang]}\n{code}```\n"
            other = f"This should work:\n\n```{FENCE[lang]}\n{copy}```\n"
            v = judge.pairwise(statement, fenced, other, criterion="efficiency", language=lang)
            rec["copy"], rec["copy_by"], rec["copy_why"] = v.winner, v.decided_by, v.rationale[:300]
            rec["seconds"] = round(time.perf_counter() - t0, 2)
            f.write(json.dumps(rec) + "\n")
            f.flush()
            print(
                f"{key}: ladder {rec['ladder']} self {rec['self']} copy {rec['copy']}/{rec['copy_by']} "
                f"top ratio {rec.get('self_top_ratio')} gap {rec.get('self_top_gap_ms')} ms ({rec['seconds']}s)",
                flush=True,
            )
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    recs = [x for x in recs if x["language"] in languages]
    print("\n== false decisions: a stdin program against itself and against a reformatted copy")
    for lang in (*languages, "all"):
        sub = [x for x in recs if lang in ("all", x["language"])]
        timed = [x for x in sub if x.get("self_top_ratio") is not None]
        ratios = [x["self_top_ratio"] for x in timed]
        gaps = [x["self_top_gap_ms"] for x in timed]
        print(
            f"{lang:5s} programs {len(sub):3d}  laddered {len(timed):3d}  "
            f"self decided {sum(1 for x in sub if x['self'] in ('A', 'B'))}/{len(timed)}  "
            f"copy decided by cost {sum(1 for x in sub if x['copy_by'] == 'cost')}/{len(sub)} "
            f"(any decision {sum(1 for x in sub if x['copy'] in ('A', 'B'))})  "
            f"top-rung ratio max {max(ratios) if ratios else 0:.2f}, gap max {max(gaps) if gaps else 0:.1f} ms  "
            f"s/program {statistics.median([x['seconds'] for x in sub]) if sub else 0:.1f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument("--workdir", default=None, help="results (resumed) go here")
    ap.add_argument("--skip-gaps", action="store_true")
    args = ap.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="stdin-eff-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if not args.skip_gaps:
        _judge_file(
            workdir, "efficiency_stdin_programs.jsonl", "max subarray O(n) vs O(n^2), stdin", "faster"
        )
    false_decisions(workdir, tuple(args.languages.split(",")))


if __name__ == "__main__":
    main()
