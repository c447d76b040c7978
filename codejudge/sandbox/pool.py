"""Run many jobs in parallel, writing results incrementally and resuming after a crash.

Each worker thread owns one executor (one sandbox slot); the sandboxes are
separate processes, so threads are enough. Every result is appended to
``out_path`` as one JSON line and flushed; a rerun skips job ids already there
(a truncated last line left by a crash is ignored and rewritten).

>>> from codejudge.sandbox import get_executor
>>> for res in run_batch(lambda: get_executor("bwrap"), jobs, Limits(), "out.jsonl"):  # doctest: +SKIP
...     print(res.job_id, res.status.value)
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import ExecResult

_DONE = object()


def done_ids(out_path: str | Path) -> set[str]:
    """Job ids already recorded in ``out_path``; drops a truncated last line."""
    path = Path(out_path)
    if not path.exists():
        return set()
    data = path.read_bytes()
    ids: set[str] = set()
    good_end = 0
    pos = 0
    for line in data.split(b"\n")[:-1]:
        pos += len(line) + 1
        try:
            rec = json.loads(line)
        except ValueError:
            break
        if isinstance(rec, dict) and isinstance(rec.get("job_id"), str):
            ids.add(rec["job_id"])
        good_end = pos
    if good_end != len(data):  # cut off the partial record a crash left behind
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
    return ids


def run_batch(
    executor_factory: Callable[[], Executor],
    jobs: Iterable[Job],
    limits: Limits,
    out_path: str | Path | None,
    workers: int | None = None,
    progress: bool = True,
    serialize: Callable[[ExecResult], dict] = ExecResult.to_dict,
) -> Iterator[ExecResult]:
    """Run ``jobs``; yield each new result as it completes (order not kept).

    ``serialize`` turns a result into the JSON line written to ``out_path`` (a caller that
    knows the expected outputs may leave out what it can rebuild)."""
    skip = done_ids(out_path) if out_path else set()
    todo = [j for j in jobs if j.id not in skip]
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    tasks: queue.Queue = queue.Queue()
    for job in todo:
        tasks.put(job)
    results: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        try:
            executor = executor_factory()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            results.put(exc)
            results.put(_DONE)
            return
        try:
            while not stop.is_set():
                try:
                    job = tasks.get_nowait()
                except queue.Empty:
                    break
                try:
                    results.put(executor.run(job, limits))
                except BaseException as exc:  # noqa: BLE001
                    results.put(exc)
                    break
        finally:
            executor.close()
            results.put(_DONE)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="job", disable=None, desc="sandbox")
    out = open(out_path, "a", encoding="utf-8") if out_path else None
    try:
        running = len(threads)
        while running:
            item = results.get()
            if item is _DONE:
                running -= 1
                continue
            if isinstance(item, BaseException):
                stop.set()
                raise item
            if out is not None:
                out.write(json.dumps(serialize(item)) + "\n")
                out.flush()
            if bar is not None:
                bar.update(1)
            yield item
    finally:
        stop.set()
        if out is not None:
            out.close()
        if bar is not None:
            bar.close()
