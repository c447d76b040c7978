"""Judge a file of rows, writing one JSON line per verdict and resuming after a crash.

Records are flushed as they are written; on ``resume`` the ids already in the
output are skipped (a torn last line from a crash is cut off first), so a rerun
computes only the remainder.

>>> done_ids("/nonexistent.jsonl")
set()
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codejudge.jsonl import ResultLog
from codejudge.judge.grounded import GroundedJudge, PairItem, SingleItem
from codejudge.judge.inputs import JudgeRow


def done_ids(path: str | Path) -> set[str]:
    """Ids of complete records in ``path``; cuts a torn trailing line (``codejudge.jsonl.ResultLog``)."""
    return {str(i) for i in ResultLog(path, key="id").done()}


def record(row: JudgeRow, verdict: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": row.id, **verdict.to_dict()}
    if row.label is not None:
        out["label"] = row.label
    if row.subset is not None:
        out["subset"] = row.subset
    return out


def judge_rows(
    judge: GroundedJudge,
    rows: list[JudgeRow],
    mode: str,
    out_path: str | Path | None = None,
    resume: bool = False,
    chunk: int = 16,
    progress: bool = True,
) -> Iterator[dict[str, Any]]:
    """Yield one record per row not yet done, writing each to ``out_path`` as it comes.

    Rows are judged ``chunk`` at a time so LLM calls are batched; a crash loses
    at most the chunk in flight.
    """
    skip = done_ids(out_path) if (out_path and resume) else set()
    todo = [r for r in rows if r.id not in skip]
    sink: ResultLog | None = None
    if out_path is not None:
        if not resume:
            Path(out_path).unlink(missing_ok=True)
        sink = ResultLog(
            out_path, key="id"
        )  # closed in finally: a generator cannot hold a with block across yields
    bar = _bar(len(todo), progress)
    try:
        for start in range(0, len(todo), chunk):
            part = todo[start : start + chunk]
            verdicts = _judge_chunk(judge, part, mode)
            for row, verdict in zip(part, verdicts):
                rec = record(row, verdict)
                if sink is not None:
                    sink.append(rec)
                bar.update(1)
                yield rec
    finally:
        bar.close()
        if sink is not None:
            sink.close()


def _judge_chunk(judge: GroundedJudge, rows: list[JudgeRow], mode: str) -> list[Any]:
    if mode == "pairwise":
        return judge.pairwise_many(
            [
                PairItem(
                    r.instruction,
                    r.responses[0],
                    r.responses[1],
                    r.tests,
                    r.reference,
                    r.criterion,
                    r.entry_point,
                    r.language,
                )
                for r in rows
            ]
        )
    return judge.single_many(
        [
            SingleItem(
                r.instruction, r.responses[0], r.tests, r.reference, r.criterion, r.entry_point, r.language
            )
            for r in rows
        ]
    )


def _bar(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="row", disable=not (enabled and sys.stderr.isatty()), file=sys.stderr)
