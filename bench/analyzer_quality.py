"""Quality of the mistake tagger on a mutation corpus built from HumanEval+ and MBPP+.

For every problem: compute expected outputs by running the canonical solution
(base tests + up to --plus-tests plus tests), generate mutants of the entry point,
keep up to --per-category mutants per category that the tests catch, and tag
each with the static rules and the dynamic tagger. Per category we report
precision and recall of static, dynamic and combined tags, and the share of
unmutated canonical solutions with any tag (false-positive rate).

Records are written per problem to JSONL (resumable: done problems are skipped). They
hold each mutant's code and ExecResult, so ``--report-only`` re-tags the stored corpus
with the current rules without running anything again.

    python bench/analyzer_quality.py --out out/analyzer_quality.jsonl --workers 2
    python bench/analyzer_quality.py --out out/analyzer_quality.jsonl --report-only
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from codejudge.analyze import analyze_source
from codejudge.analyze.dynamic import tag_failures
from codejudge.analyze.mutate import OPERATORS, mutants
from codejudge.problems import load
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Job, Limits
from codejudge.types import ExecResult, Problem, TestCase, TestStatus

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SETS = {"humanevalplus": DATA / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz",
        "mbppplus": DATA / "mbppplus" / "MbppPlus-v0.2.0.jsonl.gz"}
CATEGORIES = list(OPERATORS)
LIMITS = Limits(timeout_s=1.0, job_timeout_s=15.0)
_EXECUTOR = None


def _executor():  # one local executor per worker process
    global _EXECUTOR
    if _EXECUTOR is None:
        # The canonical solutions and their mutants are trusted benchmark code; the local
        # backend keeps the run fast. Use --backend bwrap for isolation.
        _EXECUTOR = get_executor(ARGS_BACKEND, **({"unsafe": True} if ARGS_BACKEND == "local" else {}))
    return _EXECUTOR


ARGS_BACKEND = "local"


def _categories(findings: list) -> list[str]:
    return sorted({f.category for f in findings if f.category != "syntax"})


def one_problem(problem: Problem, plus_tests: int, per_category: int, tries: int, seed: int) -> dict:
    ex = _executor()
    base = [t for t in problem.tests if t.group == "base"]
    plus = [t for t in problem.tests if t.group != "base"][:plus_tests]
    tests = base + plus
    ref = ex.run(Job(id=problem.id, kind="function", source=problem.reference, entry_point=problem.entry_point,
                     tests=tests), LIMITS)
    good = {r.id: r.actual for r in ref.tests if r.status is TestStatus.PASSED}
    tests = [t for t in tests if t.id in good]
    for t in tests:
        t.expected = good[t.id]
    rec: dict = {"id": problem.id, "reference": problem.reference, "tests": [t.to_dict() for t in tests]}
    if not tests:
        rec["mutants"], rec["canonical_result"] = [], None
        return rec
    check = ex.run(Job(id=problem.id, kind="function", source=problem.reference, entry_point=problem.entry_point,
                       tests=tests), LIMITS)
    rec["canonical_result"] = check.to_dict()
    by_cat: dict[str, list] = defaultdict(list)
    for m in mutants(problem.reference, problem.entry_point, seed=seed):
        by_cat[m.category].append(m)
    out = []
    for cat in CATEGORIES:
        kept = 0
        for m in by_cat[cat][:tries]:
            if kept >= per_category:
                break
            r = ex.run(Job(id=f"{problem.id}/m", kind="function", source=m.code, entry_point=problem.entry_point,
                           tests=tests), LIMITS)
            if r.passed or r.status in (TestStatus.TIMEOUT, TestStatus.MEMORY, TestStatus.CRASHED):
                continue  # equivalent mutant, or one that hangs: not a clean example of its category
            kept += 1
            out.append({"category": cat, "operator": m.description, "line": m.line, "code": m.code,
                        "result": r.to_dict()})
    rec["mutants"] = out
    return rec


def _work(args: tuple) -> dict:
    problem, plus_tests, per_category, tries, seed, backend = args
    global ARGS_BACKEND
    ARGS_BACKEND = backend
    t = time.perf_counter()
    rec = one_problem(problem, plus_tests, per_category, tries, seed)
    rec["seconds"] = round(time.perf_counter() - t, 3)
    return rec


def tag(recs: list[dict]) -> tuple[list[dict], list[dict]]:
    """Re-tag every stored mutant and canonical solution with the current analyzer."""
    ms, canon = [], []
    for r in recs:
        tests = [TestCase.from_dict(t) for t in r["tests"]]
        st = analyze_source(r["reference"])
        c = {"static": [f.code for f in st], "dynamic": [], "passed": None}
        if r.get("canonical_result"):
            res = ExecResult.from_dict(r["canonical_result"])
            c["passed"] = res.passed
            c["dynamic"] = [f.code for f in tag_failures(r["reference"], res, tests)]
        canon.append(c)
        for m in r["mutants"]:
            st = analyze_source(m["code"])
            dy = tag_failures(m["code"], ExecResult.from_dict(m["result"]), tests)
            strong = [f for f in dy if f.severity != "note"]
            ms.append({**m, "static": [f.code for f in st], "static_cats": _categories(st),
                       "dynamic": [f.code for f in dy], "dynamic_cats": _categories(dy),
                       "strong_cats": _categories(strong), "problem": r["id"]})
    return ms, canon


def report(path: Path) -> str:
    recs = []
    for line in path.read_text().splitlines():
        try:
            recs.append(json.loads(line))
        except ValueError:  # a record still being written by a running benchmark
            continue
    ms, canon = tag(recs)
    lines = [(f"problems: {len(recs)}   killed mutants: {len(ms)}   "
              f"by category: {dict(Counter(m['category'] for m in ms))}"), ""]
    lines.append("| category | mutants | static P | static R | dynamic P | dynamic R | combined P | combined R "
                 "| confident P | confident R |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for cat in CATEGORIES:
        row = [cat, str(sum(m["category"] == cat for m in ms))]
        for kind in ("static", "dynamic", "combined", "confident"):
            def cats(m: dict, kind: str = kind) -> set:
                if kind == "combined":
                    return set(m["static_cats"]) | set(m["dynamic_cats"])
                if kind == "confident":  # static + dynamic warnings (notes left out)
                    return set(m["static_cats"]) | set(m["strong_cats"])
                return set(m[f"{kind}_cats"])
            tagged = [m for m in ms if cat in cats(m)]
            tp = sum(m["category"] == cat for m in tagged)
            n = sum(m["category"] == cat for m in ms)
            p = f"{tp / len(tagged):.2f} ({tp}/{len(tagged)})" if tagged else "n/a (0 tagged)"
            r = f"{tp / n:.2f}" if n else "n/a"
            row += [p, r]
        lines.append("| " + " | ".join(row) + " |")
    fp_static = sum(bool(c["static"]) for c in canon)
    fp_dyn = sum(bool(c.get("dynamic")) for c in canon)
    fp_any = sum(bool(c["static"]) or bool(c.get("dynamic")) for c in canon)
    codes = Counter(code for c in canon for code in c["static"] + c.get("dynamic", []))
    lines += ["", (f"canonical solutions with any tag: {fp_any}/{len(canon)} = {fp_any / max(1, len(canon)):.2%} "
                   f"(static {fp_static}, dynamic {fp_dyn}); codes: {dict(codes)}")]
    lines += ["", "combined tags by true category (rows) -> tagged category counts, and untagged:"]
    for cat in CATEGORIES:
        row = [m for m in ms if m["category"] == cat]
        got = Counter(c for m in row for c in set(m["static_cats"]) | set(m["dynamic_cats"]))
        untagged = sum(not (m["static_cats"] or m["dynamic_cats"]) for m in row)
        lines.append(f"  {cat}: {dict(got.most_common())}, untagged {untagged}/{len(row)}")
    lines += ["", "tag codes fired on mutants (static+dynamic): "
              + str(dict(Counter(c for m in ms for c in m["static"] + m["dynamic"]).most_common()))]
    not_passing = sum(c.get("passed") is False for c in canon)
    lines.append(f"canonical solutions failing their own computed tests (flaky/nondeterministic): {not_passing}")
    return "\n".join(lines)


def _repair_work(item: tuple) -> dict:
    from codejudge.analyze.repair import diagnose

    key, category, code, entry_point, tests, failing, limit, backend = item
    global ARGS_BACKEND
    ARGS_BACKEND = backend
    cases = [TestCase.from_dict(t) for t in tests]
    cases.sort(key=lambda t: t.id not in failing)  # failing tests first: wrong repairs stop early
    t = time.perf_counter()
    found = diagnose(code, cases[:20], _executor(), entry_point=entry_point, limit=limit, limits=LIMITS)
    return {"key": key, "category": category, "repair": [f.code for f in found],
            "repair_cats": sorted({f.category for f in found}), "seconds": round(time.perf_counter() - t, 2)}


def repair_run(corpus: Path, out: Path, per_category: int, limit: int, workers: int, backend: str, seed: int) -> None:
    """Run the opt-in repair diagnosis on a stratified sample of the stored corpus."""
    import random

    entry = {p.id: p.entry_point for name, f in SETS.items() for p in load(name, f)}
    recs = [json.loads(line) for line in corpus.read_text().splitlines() if line.strip()]
    pool_by_cat: dict[str, list] = defaultdict(list)
    for r in recs:
        for i, m in enumerate(r["mutants"]):
            failing = {t["id"] for t in m["result"]["tests"] if t["status"] != "passed"}
            pool_by_cat[m["category"]].append((f"{r['id']}#{i}", m["category"], m["code"], entry[r["id"]],
                                               r["tests"], failing, limit, backend))
    rng = random.Random(seed)
    items = [x for cat in CATEGORIES for x in rng.sample(pool_by_cat[cat], min(per_category, len(pool_by_cat[cat])))]
    done = {json.loads(line)["key"] for line in out.read_text().splitlines() if line.strip()} if out.exists() else set()
    items = [x for x in items if x[0] not in done]
    with out.open("a") as fh, ProcessPoolExecutor(workers) as pool:
        for i, fut in enumerate(as_completed([pool.submit(_repair_work, x) for x in items]), 1):
            fh.write(json.dumps(fut.result()) + "\n")
            fh.flush()
            if i % 20 == 0:
                print(f"repair {i}/{len(items)}", file=sys.stderr)


def repair_report(corpus: Path, out: Path) -> str:
    recs = [json.loads(line) for line in corpus.read_text().splitlines() if line.strip()]
    ms, _ = tag(recs)
    by_key, seen = {}, Counter()
    for m in ms:  # tag() keeps each record's mutant order
        by_key[f"{m['problem']}#{seen[m['problem']]}"] = m
        seen[m["problem"]] += 1
    rows = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    median = sorted(r["seconds"] for r in rows)[len(rows) // 2] if rows else 0.0
    lines = [f"repair diagnosis on {len(rows)} sampled killed mutants (median {median:.1f} s each)", "",
             "| category | sampled | repair P | repair R | confident+repair P | confident+repair R |",
             "|---|---|---|---|---|---|"]
    for cat in CATEGORIES:
        row = [cat, str(sum(r["category"] == cat for r in rows))]
        for kind in ("repair", "both"):
            def cats(r: dict, kind: str = kind) -> set:
                got = set(r["repair_cats"])
                if kind == "both":
                    m = by_key[r["key"]]
                    got |= set(m["static_cats"]) | set(m["strong_cats"])
                return got
            tagged = [r for r in rows if cat in cats(r)]
            tp = sum(r["category"] == cat for r in tagged)
            n = sum(r["category"] == cat for r in rows)
            row += [f"{tp / len(tagged):.2f} ({tp}/{len(tagged)})" if tagged else "n/a", f"{tp / n:.2f}" if n else "n/a"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="out/analyzer_quality.jsonl")
    ap.add_argument("--sets", default="humanevalplus,mbppplus")
    ap.add_argument("--limit", type=int, default=0, help="first N problems of each set (0: all)")
    ap.add_argument("--plus-tests", type=int, default=30)
    ap.add_argument("--per-category", type=int, default=1)
    ap.add_argument("--tries", type=int, default=4, help="mutants tried per category before giving up")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--backend", default="local")
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument("--repair-sample", type=int, default=0,
                    help="run the opt-in repair diagnosis on N stored mutants per category (needs --out corpus)")
    ap.add_argument("--repair-out", default="out/analyzer_repair.jsonl")
    ap.add_argument("--repair-limit", type=int, default=80, help="candidate edits tried per mutant")
    a = ap.parse_args(argv)
    out = Path(a.out)
    if a.repair_sample:
        rout = Path(a.repair_out)
        if not a.report_only:
            repair_run(out, rout, a.repair_sample, a.repair_limit, a.workers, a.backend, a.seed)
        print(repair_report(out, rout))
        return 0
    if not a.report_only:
        out.parent.mkdir(parents=True, exist_ok=True)
        done = {json.loads(line)["id"] for line in out.read_text().splitlines() if line.strip()} if out.exists() else set()
        problems = []
        for name in a.sets.split(","):
            ps = load(name, SETS[name])
            problems += [p for p in (ps[: a.limit] if a.limit else ps) if p.id not in done]
        t0 = time.perf_counter()
        with out.open("a") as fh, ProcessPoolExecutor(a.workers) as pool:
            futs = [pool.submit(_work, (p, a.plus_tests, a.per_category, a.tries, a.seed, a.backend)) for p in problems]
            for i, fut in enumerate(as_completed(futs), 1):
                fh.write(json.dumps(fut.result()) + "\n")
                fh.flush()
                if i % 25 == 0:
                    print(f"{i}/{len(problems)} problems, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    print(report(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
