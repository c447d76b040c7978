"""Run many jobs in parallel, writing results incrementally and resuming after a crash.

Each worker thread owns one executor (one sandbox slot); the sandboxes are
separate processes, so threads are enough. Every result is appended to
``out_path`` as one JSON line and flushed (a ``codejudge.jsonl.ResultLog``); a rerun
skips job ids already there (a torn last line left by a crash is cut off and redone; a
corrupt line before it is an InputError, never skipped silently).

>>> from codejudge.sandbox import get_executor
>>> for res in run_batch(lambda: get_executor("bwrap"), jobs, Limits(), "out.jsonl"):  # doctest: +SKIP
...     print(res.job_id, res.status.value)
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from codejudge.jsonl import ResultLog
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import ExecResult


def done_ids(out_path: str | Path) -> set[str]:
    """Job ids already recorded in ``out_path``; cuts a torn last line (``codejudge.jsonl.ResultLog``)."""
    return {i for i in ResultLog(out_path, key="job_id").done() if isinstance(i, str)}


class Pool:
    """Worker threads, one executor each, running jobs as they are submitted, each job with its
    own limits and priority (lower first); iterating yields ``(job, result)`` as jobs finish,
    until none is pending. Submitting while iterating is the point: a result may release more
    jobs (the evaluation starts a task's samples as soon as its reference outputs are in).
    A job that makes its executor raise (a malfunction, not a verdict) is re-raised here.

    >>> with Pool(lambda: get_executor("bwrap"), workers=2) as pool:   # doctest: +SKIP
    ...     pool.submit(job, Limits())
    ...     for job, result in pool:
    ...         print(job.id, result.status.value)
    """

    def __init__(self, executor_factory: Callable[[], Executor], workers: int | None = None) -> None:
        self.factory = executor_factory
        self.size = max(1, workers or os.cpu_count() or 1)
        self._tasks: queue.PriorityQueue = queue.PriorityQueue()
        self._results: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._seq = 0  # submission order among equal priorities
        self.pending = 0

    def submit(self, job: Job, limits: Limits, priority: float = 0.0) -> None:
        self._seq += 1
        self.pending += 1
        self._tasks.put((priority, self._seq, job, limits))
        if len(self._threads) < min(self.size, self.pending):
            t = threading.Thread(target=self._work, daemon=True)
            t.start()
            self._threads.append(t)

    def _work(self) -> None:
        try:
            executor = self.factory()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            self._results.put((None, exc))
            return
        try:
            while not self._stop.is_set():
                _, _, job, limits = self._tasks.get()
                if job is None:
                    break
                try:
                    self._results.put((job, executor.run(job, limits)))
                except BaseException as exc:  # noqa: BLE001
                    self._results.put((job, exc))
                    break
        finally:
            executor.close()

    def __iter__(self) -> Iterator[tuple[Job, ExecResult]]:
        while self.pending:
            job, item = self._results.get()
            if isinstance(item, BaseException):
                self.close()
                raise item
            self.pending -= 1
            yield job, item

    def close(self) -> None:
        self._stop.set()
        for n in range(len(self._threads)):  # wake idle workers; busy ones stop after their job
            self._tasks.put((float("-inf"), -n - 1, None, None))

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="job", disable=None, desc="sandbox")
    out = ResultLog(out_path, key="job_id") if out_path else None
    try:
        with Pool(executor_factory, min(workers or os.cpu_count() or 1, len(todo) or 1)) as pool:
            for job in todo:
                pool.submit(job, limits)
            for _, item in pool:
                if out is not None:
                    out.append(serialize(item))
                if bar is not None:
                    bar.update(1)
                yield item
    finally:
        if out is not None:
            out.close()
        if bar is not None:
            bar.close()
