"""Run a judge over meta-evaluation pairs in both orders and score it.

Every pair is judged as given and swapped (two rows, ``<id>#ab`` and
``<id>#ba``), written incrementally to a JSONL file so a crash resumes where it
stopped. Metrics come from ``codejudge.evaluate.meta``.

>>> pairs = read_pairs("pairs.jsonl")                              # doctest: +SKIP
>>> rep = evaluate_judge(GroundedJudge(get_executor("bwrap")), pairs, "verdicts.jsonl")  # doctest: +SKIP
>>> rep["overall"]["accuracy"]                                     # doctest: +SKIP
1.0
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.evaluate import meta
from codejudge.evaluate.meta_formats import Pair
from codejudge.jsonl import iter_jsonl
from codejudge.judge.batch import judge_rows
from codejudge.judge.grounded import GroundedJudge
from codejudge.judge.inputs import row_from_dict


def evaluate_judge(
    judge: GroundedJudge,
    pairs: list[Pair],
    out_path: str | Path,
    resume: bool = True,
    seed: int = 0,
    n_boot: int = 1000,
    progress: bool = True,
) -> dict[str, Any]:
    """Judge both orders of every pair (skipping rows already in ``out_path``) and report metrics."""
    rows = []
    for p in pairs:
        for swapped in (False, True):
            rows.append(row_from_dict(p.judge_row(swapped), "pairwise", path="<pairs>", line=0))
    for _ in judge_rows(judge, rows, "pairwise", out_path, resume=resume, progress=progress):
        pass
    verdicts = load_verdicts(out_path)
    return score_pairs(pairs, verdicts, seed=seed, n_boot=n_boot)


def load_verdicts(path: str | Path) -> dict[str, dict[str, Any]]:
    return {str(rec["id"]): rec for _, rec in iter_jsonl(path, required=("id",))}


def score_pairs(
    pairs: list[Pair], verdicts: dict[str, dict[str, Any]], seed: int = 0, n_boot: int = 1000
) -> dict[str, Any]:
    """Metrics from verdict records; also counts what decided the verdicts."""
    both, labels, subsets = [], [], []
    decided_by: dict[str, int] = {}
    parse_errors = 0
    for p in pairs:
        v1, v2 = verdicts[f"{p.id}#ab"], verdicts[f"{p.id}#ba"]
        for v in (v1, v2):
            decided_by[v["decided_by"]] = decided_by.get(v["decided_by"], 0) + 1
            parse_errors += v.get("parse_error") is not None
        both.append((v1.get("winner"), meta.flip(v2.get("winner"))))
        labels.append(p.label)
        subsets.append(p.subset)
    rep = meta.report(both, labels, subsets, seed=seed, n_boot=n_boot)
    rep["decided_by"] = decided_by
    rep["parse_errors"] = parse_errors
    return rep


def format_report(rep: dict[str, Any]) -> str:
    """A short text table: one line per subset."""
    lines = [
        f"{'subset':28} {'n':>5} {'acc':>7} {'95% CI':>15} {'both':>7} {'consist':>8} {'kappa':>7} {'F1':>6}"
    ]

    def line(name: str, b: dict[str, Any]) -> str:
        lo, hi = b["accuracy_ci"]
        return (
            f"{name:28} {b['n']:5d} {b['accuracy']:7.4f} {f'[{lo:.3f}, {hi:.3f}]':>15} "
            f"{b['both_order_accuracy']:7.4f} {b['position_consistency']:8.4f} "
            f"{b['cohen_kappa']:7.3f} {b['macro_f1']:6.3f}"
        )

    for name, b in rep.get("subsets", {}).items():
        lines.append(line(name, b))
    lines.append(line("OVERALL", rep["overall"]))
    lines.append(f"decided_by: {rep['decided_by']}  parse_errors: {rep['parse_errors']}")
    return "\n".join(lines)
