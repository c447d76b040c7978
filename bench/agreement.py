"""Agreement of codejudge's verdicts with evalplus 0.3.1's, on samples the developers did not pick.

For each ``<dataset>--<model>.eval_results.json`` in ../shared/data/evalplus_samples (greedy
LLM solutions with the verdicts evalplus recorded when they were published), two sample sets:

* ``original``: the solutions as published;
* ``mutants``: every solution rewritten by each mutation that fits it (bench/agreement_mutants.py:
  an import dropped, a top-level print, a stray ``input()``, module-level asserts, an
  ``if __name__ == "__main__":`` block, ``exit()`` calls, recursion-heavy wrappers).

Each set is evaluated by codejudge (bwrap sandbox) and by evalplus 0.3.1 installed here
(``python -m evalplus.evaluate``), the same way: same samples file, same pinned dataset
release, same parallelism, offline. Base and plus statuses are compared sample by sample
(for the originals, also against the published verdicts). Every disagreement is then rerun
on both sides (``--reruns``, to tell flaky timeouts from real differences), printed with
codejudge's evidence and evalplus's failing input, and classified by ``explain``: the reason
and which side is right, or UNEXPLAINED.

    python bench/agreement.py                                   # all four files, originals + mutants
    python bench/agreement.py --files humaneval --sets original # one dataset, no mutants
    python bench/agreement.py --no-evalplus                     # against the published verdicts only
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
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from agreement_mutants import mutants  # noqa: E402

from codejudge.evaluate.engine import EvalConfig, evaluate  # noqa: E402
from codejudge.problems import mbpp_inputs  # noqa: E402

DATA = REPO.parent / "shared" / "data"
DATASETS = {
    "humaneval": DATA / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz",
    "mbpp": DATA / "mbppplus" / "MbppPlus-v0.2.0.jsonl.gz",
}
OVERRIDE = {"humaneval": "HUMANEVAL_OVERRIDE_PATH", "mbpp": "MBPP_OVERRIDE_PATH"}
GROUPS = ("base", "plus")


# -- sample sets ---------------------------------------------------------------------------


def release_rows(dataset: str) -> dict[str, dict]:
    with gzip.open(DATASETS[dataset], "rt", encoding="utf-8") as f:
        return {r["task_id"]: r for r in map(json.loads, f)}


def _mutation_inputs(dataset: str, row: dict) -> tuple[list, str]:
    """The first base input (as the function receives it) and the dataset's example asserts."""
    args = row["base_input"][0]
    if dataset == "mbpp":
        args = mbpp_inputs.deserialize(mbpp_inputs.task_number(row["task_id"]), [args])[0]
        return args, row.get("assertion", "")
    return args, row.get("test", "") + f"\n\ncheck({row['entry_point']})\n"


def sample_sets(
    ref: dict, dataset: str, rows: dict[str, dict], sets: tuple[str, ...]
) -> dict[str, list[dict]]:
    """``{set name: [{"task_id", "solution", "kind"}, ...]}``; every task appears in every set
    (evalplus refuses a samples file that misses one), a task without any mutant keeps its
    original as a filler."""
    out: dict[str, list[dict]] = {}
    if "original" in sets:
        out["original"] = [
            {"task_id": t, "solution": r["solution"], "kind": "original"}
            for t, rs in ref["eval"].items()
            for r in rs
        ]
    if "mutants" in sets:
        items = []
        for task_id, rs in ref["eval"].items():
            row = rows[task_id]
            args, asserts = _mutation_inputs(dataset, row)
            found = [
                {"task_id": task_id, "solution": code, "kind": kind}
                for r in rs
                for kind, code in mutants(r["solution"], row["entry_point"], args, asserts)
            ]
            items += found or [
                {"task_id": task_id, "solution": rs[0]["solution"], "kind": "original (filler)"}
            ]
        out["mutants"] = items
    return out


def write_samples(items: list[dict], path: Path) -> None:
    path.write_text(
        "".join(json.dumps({"task_id": i["task_id"], "solution": i["solution"]}) + "\n" for i in items),
        encoding="utf-8",
    )


def _index(items: list[dict]) -> list[tuple[str, int]]:
    """(task_id, index within the task) per item, as both tools number samples."""
    seen: Counter[str] = Counter()
    keys = []
    for i in items:
        keys.append((i["task_id"], seen[i["task_id"]]))
        seen[i["task_id"]] += 1
    return keys


# -- the two evaluators, run the same way ---------------------------------------------------


RELAXED = ["--min-time-limit", "4", "--gt-time-limit-factor", "16"]  # 4x evalplus's default limits


def run_evalplus(
    samples: Path, dataset: str, dataset_file: Path, cache: Path, workers: int, extra: list[str] | None = None
) -> tuple[dict, float]:
    env = {
        **os.environ,
        OVERRIDE[dataset]: str(dataset_file),
        "XDG_CACHE_HOME": str(cache),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
    }
    result = samples.with_name(samples.stem + "_eval_results.json")
    result.unlink(missing_ok=True)
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "evalplus.evaluate",
            "--dataset",
            dataset,
            "--samples",
            str(samples),
            "--parallel",
            str(workers),
            *(extra or []),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if not result.is_file():
        sys.exit(f"evalplus failed on {samples}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return json.loads(result.read_text(encoding="utf-8")), time.perf_counter() - start


def run_codejudge(
    samples: Path,
    dataset: str,
    out: Path,
    args: argparse.Namespace,
    tasks: list[str] | None = None,
    relaxed: bool = False,
) -> tuple[dict, dict, float]:
    start = time.perf_counter()
    summary = evaluate(
        EvalConfig(
            dataset=dataset,
            samples=samples,
            dataset_path=DATASETS[dataset],
            backend=args.backend,
            unsafe_local=args.backend == "local",
            workers=args.workers,
            out=out,
            tasks=tasks,
            cache_dir=args.cache_dir / "codejudge",
            progress=False,
            no_analysis=True,
            min_time_limit=4.0 if relaxed else 1.0,
            gt_time_limit_factor=16.0 if relaxed else 4.0,
        )
    )
    seconds = time.perf_counter() - start
    ours = json.loads((summary.out_dir / "eval_results.json").read_text(encoding="utf-8"))
    records = {
        (r["task_id"], r["index"]): r
        for r in map(json.loads, (summary.out_dir / "results.jsonl").read_text(encoding="utf-8").splitlines())
    }
    return ours, records, seconds


def statuses(results: dict) -> dict[tuple[str, int], dict[str, str | None]]:
    return {
        (t, i): {g: r[f"{g}_status"] for g in GROUPS}
        | {"fail_tests": {g: r[f"{g}_fail_tests"] for g in GROUPS}}
        for t, rows in results["eval"].items()
        for i, r in enumerate(rows)
    }


# -- disagreements: rerun, then explain ----------------------------------------------------


def rerun(
    diffs: list[dict],
    items: list[dict],
    keys: list[tuple[str, int]],
    dataset: str,
    rows: dict[str, dict],
    work: Path,
    args: argparse.Namespace,
) -> None:
    """Evaluate the disagreeing samples again, ``args.reruns`` times per side, to tell a
    flaky verdict from a real difference, then once more per side with 4x the time limits, to
    tell a sample that runs close to its limit (its verdict depends on the machine's load).
    evalplus needs every task of its dataset in the samples, so it gets a dataset file with
    only these tasks."""
    if not diffs or args.reruns <= 0:
        return
    wanted = sorted({(d["task_id"], d["index"]) for d in diffs})
    pos = {k: n for n, k in enumerate(keys)}
    sub = [items[pos[k]] for k in wanted]
    sub_keys = _index(sub)
    samples = work / "rerun.jsonl"
    write_samples(sub, samples)
    sub_dataset = work / "rerun-dataset.jsonl"
    sub_dataset.write_text(
        "".join(json.dumps(rows[t]) + "\n" for t in sorted({t for t, _ in wanted})), encoding="utf-8"
    )
    runs: dict[tuple[str, int], dict[str, list]] = {
        k: {"codejudge": [], "evalplus": [], "codejudge_relaxed": [], "evalplus_relaxed": []} for k in wanted
    }
    tasks = sorted({t for t, _ in wanted})
    for n in range(args.reruns + 1):
        relaxed = n == args.reruns
        tag = "_relaxed" if relaxed else ""
        if args.evalplus:
            theirs, _ = run_evalplus(
                samples,
                dataset,
                sub_dataset,
                args.cache_dir / "evalplus-rerun",
                args.workers,
                RELAXED if relaxed else None,
            )
            for k, v in zip(wanted, (statuses(theirs)[sk] for sk in sub_keys)):
                runs[k]["evalplus" + tag].append((v["base"], v["plus"]))
        ours, _, _ = run_codejudge(samples, dataset, work / f"rerun-cj-{n}", args, tasks, relaxed)
        for k, v in zip(wanted, (statuses(ours)[sk] for sk in sub_keys)):
            runs[k]["codejudge" + tag].append((v["base"], v["plus"]))
    for d in diffs:
        r = runs[(d["task_id"], d["index"])]
        gi = GROUPS.index(d["group"])
        d["reruns"] = {side: [v[gi] for v in vs] for side, vs in r.items() if not side.endswith("_relaxed")}
        d["relaxed"] = {
            side.removesuffix("_relaxed"): vs[0][gi]
            for side, vs in r.items()
            if side.endswith("_relaxed") and vs
        }


def explain(d: dict) -> tuple[str, str] | None:
    """(reason, which side is right) for a disagreement, or None when unexplained. Rules look
    at what was observed (reruns, the mutation, codejudge's evidence), never at task ids."""
    re_cj, re_ep = d.get("reruns", {}).get("codejudge", []), d.get("reruns", {}).get("evalplus", [])
    cj_all, ep_all = [d["codejudge"], *re_cj], [d["evalplus"], *re_ep]
    relaxed = d.get("relaxed", {})
    timing = len(relaxed) == 2 and relaxed["codejudge"] == relaxed["evalplus"]
    if len(set(ep_all)) > 1 and len(set(cj_all)) == 1:
        return (
            f"evalplus is flaky on this sample ({', '.join(ep_all)} over {len(ep_all)} runs; codejudge "
            f"{cj_all[0]} every time)"
            + (
                f"; with 4x the time limits both say {relaxed['evalplus']}: it runs close to its time limit"
                if timing
                else ""
            ),
            "codejudge",
        )
    if len(set(cj_all)) > 1:
        return (
            f"codejudge is flaky on this sample ({', '.join(cj_all)} over {len(cj_all)} runs)"
            + (
                f"; with 4x the time limits both say {relaxed['codejudge']}: it runs close to its time limit"
                if timing
                else ""
            ),
            "evalplus" if len(set(ep_all)) == 1 else "neither",
        )
    if timing:
        return (
            f"time limit: each side is consistent over {len(cj_all)} runs, and with 4x the time limits both "
            f"say {relaxed['codejudge']}: the sample runs close to its limit, so its verdict depends on how "
            "loaded the machine is (evalplus's processes share one scheduling group, each codejudge sandbox "
            "has its own session)",
            "neither",
        )
    return None


def compare_set(
    name: str,
    items: list[dict],
    dataset: str,
    ref: dict | None,
    rows: dict[str, dict],
    work: Path,
    args: argparse.Namespace,
) -> dict:
    samples = work / f"{name}.jsonl"
    write_samples(items, samples)
    keys = _index(items)
    kinds = {k: i["kind"] for k, i in zip(keys, items)}
    ours, records, cj_s = run_codejudge(samples, dataset, work / f"{name}-cj", args)
    mine = statuses(ours)
    theirs, ep_s = (
        run_evalplus(samples, dataset, args.plain[dataset], args.cache_dir / "evalplus", args.workers)
        if args.evalplus
        else ({}, 0.0)
    )
    other = statuses(theirs) if theirs else {}
    published = statuses(ref) if ref is not None else {}
    diffs, vs_published, ep_vs_published, published_diffs = [], 0, 0, []
    per_kind: dict[str, Counter] = {}
    for key in keys:
        c = per_kind.setdefault(kinds[key], Counter())
        rec = records.get(key, {})
        for g in GROUPS:
            c["verdicts"] += 1
            fails = rec.get("groups", {}).get(g, {}).get("failures", [])
            if published:
                vs_published += mine[key][g] != published[key][g]
                ep_vs_published += bool(other) and other[key][g] != published[key][g]
                if mine[key][g] != published[key][g] or (other and other[key][g] != published[key][g]):
                    published_diffs.append(
                        {
                            "task_id": key[0],
                            "index": key[1],
                            "group": g,
                            "published": published[key][g],
                            "codejudge": mine[key][g],
                            "evalplus": other[key][g] if other else None,
                            "published_fail_tests": json.dumps(published[key]["fail_tests"][g])[:300],
                            "codejudge_failure": fails[0] if fails else None,
                        }
                    )
            if not other:
                continue
            if mine[key][g] == other[key][g]:
                c["agree"] += 1
                continue
            diffs.append(
                {
                    "set": name,
                    "task_id": key[0],
                    "index": key[1],
                    "kind": kinds[key],
                    "group": g,
                    "codejudge": mine[key][g],
                    "evalplus": other[key][g],
                    "evalplus_fail_tests": json.dumps(other[key]["fail_tests"][g])[:300],
                    "codejudge_failure": fails[0] if fails else None,
                }
            )
    rerun(diffs, items, keys, dataset, rows, work, args)
    for d in diffs:
        why = explain(d)
        d["reason"], d["right"] = why if why else ("UNEXPLAINED", "?")
    for d in published_diffs:
        status = (d["codejudge_failure"] or {}).get("status")
        if d["evalplus"] == d["codejudge"] and status == "timeout":
            d["reason"] = (
                "both tools here time out where the published run passed: a sample close to its time "
                "limit, on a loaded machine here"
            )
        elif d["evalplus"] == d["codejudge"]:
            d["reason"] = "both tools here agree; the published verdict differs (UNEXPLAINED)"
        else:
            d["reason"] = "see the codejudge/evalplus difference above"
    return {
        "set": name,
        "samples": len(items),
        "verdicts": 2 * len(items),
        "codejudge_s": round(cj_s, 1),
        "evalplus_s": round(ep_s, 1),
        "differences": diffs,
        "per_kind": {k: dict(v) for k, v in per_kind.items()},
        "vs_published": vs_published if published else None,
        "published_differences": published_diffs,
        "evalplus_vs_published": ep_vs_published if published and other else None,
        "hash_matches": ref is None or ours["hash"] == ref["hash"],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--files", default="humaneval,mbpp", help="dataset prefixes of the sample files to include"
    )
    p.add_argument("--sets", default="original,mutants", help="original, mutants or both")
    p.add_argument("--backend", default="bwrap")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--reruns", type=int, default=3, help="reruns of each disagreeing sample, per side")
    p.add_argument(
        "--no-evalplus",
        dest="evalplus",
        action="store_false",
        help="compare with the published verdicts only (originals)",
    )
    p.add_argument("--cache-dir", type=Path, default=None, help="expected-output caches of both tools (kept)")
    p.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = p.parse_args(argv)
    sets = tuple(s for s in args.sets.split(",") if s)
    prefixes = tuple(args.files.split(","))
    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        args.cache_dir = args.cache_dir or work / "cache"
        args.plain = {}
        for d, f in DATASETS.items():  # evalplus records the md5 of the decompressed release
            args.plain[d] = work / f.name.removesuffix(".gz")
            args.plain[d].write_bytes(gzip.decompress(f.read_bytes()))
        for ref_file in sorted((DATA / "evalplus_samples").glob("*.eval_results.json")):
            if not ref_file.name.startswith(prefixes):
                continue
            dataset = ref_file.name.split("--", 1)[0]
            ref = json.loads(ref_file.read_text(encoding="utf-8"))
            rows = release_rows(dataset)
            for name, items in sample_sets(ref, dataset, rows, sets).items():
                sub = work / ref_file.name.removesuffix(".eval_results.json") / name
                sub.mkdir(parents=True)
                rep = compare_set(name, items, dataset, ref if name == "original" else None, rows, sub, args)
                rep["file"] = ref_file.name
                reports.append(rep)
                print_report(rep, args.evalplus)
                if args.json:  # after every set: a long run that stops keeps what it measured
                    args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    total = sum(r["verdicts"] for r in reports)
    diffs = [d for r in reports for d in r["differences"]]
    unexplained = [d for d in diffs if d["reason"] == "UNEXPLAINED"]
    print(
        f"TOTAL: {total - len(diffs)}/{total} verdicts agree with evalplus 0.3.1 run here; "
        f"{len(diffs)} differences, {len(unexplained)} unexplained"
    )
    if args.json:
        args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    return 0


def print_report(rep: dict, with_evalplus: bool) -> None:
    agree = rep["verdicts"] - len(rep["differences"])
    line = f"{rep['file']} [{rep['set']}]: {rep['samples']} samples"
    if with_evalplus:
        line += f", {agree}/{rep['verdicts']} verdicts agree with evalplus here"
    if rep["vs_published"] is not None:
        line += f"; vs published: codejudge {rep['verdicts'] - rep['vs_published']}/{rep['verdicts']}" + (
            f", evalplus here {rep['verdicts'] - rep['evalplus_vs_published']}/{rep['verdicts']}"
            if rep["evalplus_vs_published"] is not None
            else ""
        )
    print(
        line
        + f"; codejudge {rep['codejudge_s']} s, evalplus {rep['evalplus_s']} s, hash ok: {rep['hash_matches']}"
    )
    if rep["set"] == "mutants":
        print(
            "   per mutation (agree/verdicts): "
            + ", ".join(
                f"{k} {v.get('agree', 0)}/{v['verdicts']}" for k, v in sorted(rep["per_kind"].items())
            )
        )
    for d in rep.get("published_differences", []):
        print(
            f"  PUBLISHED {d['task_id']} #{d['index']} {d['group']}: published={d['published']} "
            f"codejudge={d['codejudge']} evalplus here={d['evalplus']}"
        )
        print(f"       published fail tests: {d['published_fail_tests'][:200]}")
        print(f"       codejudge failure:    {json.dumps(d['codejudge_failure'])[:400]}")
        print(f"       -> {d['reason']}")
    for d in rep["differences"]:
        print(
            f"  DIFF {d['task_id']} #{d['index']} [{d['kind']}] {d['group']}: codejudge={d['codejudge']} "
            f"evalplus={d['evalplus']} reruns={d.get('reruns')} 4x limits={d.get('relaxed')}"
        )
        print(f"       evalplus fail tests: {d['evalplus_fail_tests'][:200]}")
        print(f"       codejudge failure:   {json.dumps(d['codejudge_failure'])[:400]}")
        print(f"       -> {d['reason']} (right: {d['right']})")


if __name__ == "__main__":
    sys.exit(main())
