"""Where sandbox jobs run: the local thread pool (default) or a Ray cluster.

Both take the same jobs and write the same incremental, resumable JSONL;
``make_batch`` returns ``run(jobs, limits, out_path) -> Iterator[ExecResult]``.
``open_stream`` takes jobs as they become ready instead (the evaluation submits a task's
samples when its reference outputs arrive): the local pool runs everything side by side,
Ray in rounds. The executor factory is a ``functools.partial`` so Ray can ship it to workers.

>>> run = make_batch("bwrap", workers=2)                         # doctest: +SKIP
>>> results = list(run(jobs, Limits(), Path("out/exec.jsonl")))  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from codejudge.errors import ConfigError, UnknownNameError, require
from codejudge.evaluate.report import clip
from codejudge.jsonl import ResultLog
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import ExecResult

EXECUTORS = ("local", "ray")
RAY_CHUNK = 8  # jobs per Ray task: one sandbox executor serves a chunk


def executor_factory(backend: str, unsafe_local: bool = False) -> Callable[[], Executor]:
    options: dict[str, Any] = {"unsafe": True} if backend == "local" and unsafe_local else {}
    return functools.partial(get_executor, backend, **options)


def make_batch(
    backend: str,
    executor: str = "local",
    workers: int | None = None,
    unsafe_local: bool = False,
    progress: bool = True,
    ray_address: str | None = None,
) -> Callable[[list[Job], Limits, Path | None], Iterator[ExecResult]]:
    if executor not in EXECUTORS:
        raise UnknownNameError("executor", executor, EXECUTORS)
    factory = executor_factory(backend, unsafe_local)
    factory().close()  # fail early (BackendUnavailable, UnsafeExecutionRefused) before any work

    def run(jobs: list[Job], limits: Limits, out_path: Path | None) -> Iterator[ExecResult]:
        if executor == "ray":
            return run_batch_ray(factory, jobs, limits, out_path, workers, progress, ray_address)
        from codejudge.sandbox.pool import run_batch

        return run_batch(
            factory, jobs, limits, out_path, workers=workers, progress=progress, serialize=compact_dict
        )

    return run


class Stream:
    """Jobs in as they become ready, ``(job, result)`` out as they finish, until nothing is
    pending; results of jobs submitted with ``log=True`` are appended to ``log_path`` (the
    resume log). Here: the local pool, where a job submitted while others run starts as soon
    as a worker is free."""

    def __init__(
        self,
        factory: Callable[[], Executor],
        workers: int | None,
        log_path: Path | None,
        progress: bool = True,
    ) -> None:
        from codejudge.sandbox.pool import Pool

        self._out = ResultLog(log_path, key="job_id") if log_path is not None else None
        if self._out is not None:
            self._out.done()  # cuts a torn last line a crash left behind (the engine reads the rest)
        self.pool = Pool(factory, workers)
        self.log_path, self.logged = log_path, set[str]()
        self._bar: Any = None
        if progress:
            from tqdm import tqdm

            self._bar = tqdm(total=0, unit="job", disable=None, desc="sandbox")

    def submit(self, job: Job, limits: Limits, priority: float = 0.0, log: bool = True) -> None:
        if log:
            self.logged.add(job.id)
        if self._bar is not None:
            self._bar.total += 1
            self._bar.refresh()
        self.pool.submit(job, limits, priority)

    def _log(self, result: ExecResult) -> None:
        if self._out is None or result.job_id not in self.logged:
            return
        self._out.append(compact_dict(result))

    def __iter__(self) -> Iterator[tuple[Job, ExecResult]]:
        for job, result in self.pool:
            self._log(result)
            if self._bar is not None:
                self._bar.update(1)
            yield job, result

    def close(self) -> None:
        self.pool.close()
        if self._out is not None:
            self._out.close()
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RayStream(Stream):
    """The same on Ray, in rounds: what was submitted so far runs as batches of equal limits
    (``run_batch_ray``), then whatever those results released."""

    def __init__(
        self,
        factory: Callable[[], Executor],
        workers: int | None,
        log_path: Path | None,
        progress: bool = True,
        address: str | None = None,
    ) -> None:
        self.factory, self.workers, self.log_path, self.progress, self.address = (
            factory,
            workers,
            log_path,
            progress,
            address,
        )
        self.queued: list[tuple[float, int, Job, Limits, bool]] = []

    def submit(self, job: Job, limits: Limits, priority: float = 0.0, log: bool = True) -> None:
        self.queued.append((priority, len(self.queued), job, limits, log))

    def __iter__(self) -> Iterator[tuple[Job, ExecResult]]:
        while self.queued:
            batch, self.queued = sorted(self.queued, key=lambda q: q[:2]), []
            rounds: dict[tuple[int, bool], list] = {}
            for _, _, job, limits, log in batch:
                rounds.setdefault((id(limits), log), []).append((job, limits))
            for (_, log), items in rounds.items():
                by_id = {job.id: job for job, _ in items}
                for result in run_batch_ray(
                    self.factory,
                    [j for j, _ in items],
                    items[0][1],
                    self.log_path if log else None,
                    self.workers,
                    self.progress,
                    self.address,
                ):
                    yield by_id[result.job_id], result

    def close(self) -> None:
        pass


def open_stream(
    backend: str,
    executor: str = "local",
    workers: int | None = None,
    unsafe_local: bool = False,
    progress: bool = True,
    log_path: Path | None = None,
) -> Stream:
    """A ``Stream`` on the local pool or Ray (fails early when the backend cannot run)."""
    if executor not in EXECUTORS:
        raise UnknownNameError("executor", executor, EXECUTORS)
    factory = executor_factory(backend, unsafe_local)
    factory().close()  # fail early (BackendUnavailable, UnsafeExecutionRefused) before any work
    if executor == "ray":
        return RayStream(factory, workers, log_path, progress)
    return Stream(factory, workers, log_path, progress)


MAX_ACTUAL_CHARS = 1 << 20


def compact_dict(result: ExecResult) -> dict[str, Any]:
    """``result.to_dict()`` for the resume log, without what the caller can rebuild: expected
    outputs (the engine holds them and puts them back on resume), the outputs of passed tests,
    and wrong outputs beyond 1 MiB of JSON (kept as a preview). Written whole, one wrong
    HumanEval+ sample alone took 124 MB. Compute-only tests (no expected value) keep their output."""
    d = result.to_dict()
    for t, src in zip(d["tests"], result.tests):
        if src.expected is not None:
            t["expected"] = None
            t["actual"] = None if src.passed else clip(src.actual, MAX_ACTUAL_CHARS)
    return d


def _run_chunk(factory: Callable[[], Executor], jobs: list[Job], limits: Limits) -> list[dict[str, Any]]:
    ex = factory()
    try:
        return [compact_dict(ex.run(job, limits)) for job in jobs]
    finally:
        ex.close()


def run_batch_ray(
    factory: Callable[[], Executor],
    jobs: list[Job],
    limits: Limits,
    out_path: Path | None,
    workers: int | None = None,
    progress: bool = True,
    address: str | None = None,
) -> Iterator[ExecResult]:
    """Run jobs as Ray tasks; results are appended to ``out_path`` as they arrive
    (job ids already there are skipped, so a crashed run resumes)."""
    out = ResultLog(out_path, key="job_id") if out_path is not None else None
    done = out.done() if out is not None else set()  # cuts a torn last line a crash left behind
    ray = require("ray", "ray")
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS")
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    todo = [j for j in jobs if j.id not in done]
    remote = ray.remote(_run_chunk)
    pending = [
        remote.remote(factory, todo[i : i + RAY_CHUNK], limits) for i in range(0, len(todo), RAY_CHUNK)
    ]
    from tqdm import tqdm

    bar = tqdm(total=len(todo), disable=not progress or not sys.stderr.isatty(), desc="ray", file=sys.stderr)
    try:
        while pending:
            ready, pending = ray.wait(pending, num_returns=1)
            for d in ray.get(ready[0]):
                if out is not None:
                    out.append(d)
                bar.update(1)
                yield ExecResult.from_dict(d)
    finally:
        if out is not None:
            out.close()
        bar.close()
