"""Where sandbox jobs run: the local thread pool (default) or a Ray cluster.

Both take the same jobs and write the same incremental, resumable JSONL;
``make_batch`` returns ``run(jobs, limits, out_path) -> Iterator[ExecResult]``.
The executor factory is a ``functools.partial`` so Ray can ship it to workers.

>>> run = make_batch("bwrap", workers=2)                         # doctest: +SKIP
>>> results = list(run(jobs, Limits(), Path("out/exec.jsonl")))  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from codejudge.errors import ConfigError, UnknownNameError, require
from codejudge.evaluate.report import clip
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import ExecResult

EXECUTORS = ("local", "ray")
RAY_CHUNK = 8  # jobs per Ray task: one sandbox executor serves a chunk


def executor_factory(backend: str, unsafe_local: bool = False) -> Callable[[], Executor]:
    options: dict[str, Any] = {"unsafe": True} if backend == "local" and unsafe_local else {}
    return functools.partial(get_executor, backend, **options)


def make_batch(backend: str, executor: str = "local", workers: int | None = None, unsafe_local: bool = False,
               progress: bool = True, ray_address: str | None = None
               ) -> Callable[[list[Job], Limits, Path | None], Iterator[ExecResult]]:
    if executor not in EXECUTORS:
        raise UnknownNameError("executor", executor, EXECUTORS)
    factory = executor_factory(backend, unsafe_local)
    factory().close()  # fail early (BackendUnavailable, UnsafeExecutionRefused) before any work

    def run(jobs: list[Job], limits: Limits, out_path: Path | None) -> Iterator[ExecResult]:
        if executor == "ray":
            return run_batch_ray(factory, jobs, limits, out_path, workers, progress, ray_address)
        from codejudge.sandbox.pool import run_batch

        return run_batch(factory, jobs, limits, out_path, workers=workers, progress=progress,
                         serialize=compact_dict)

    return run


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


def run_batch_ray(factory: Callable[[], Executor], jobs: list[Job], limits: Limits, out_path: Path | None,
                  workers: int | None = None, progress: bool = True, address: str | None = None
                  ) -> Iterator[ExecResult]:
    """Run jobs as Ray tasks; results are appended to ``out_path`` as they arrive
    (job ids already there are skipped, so a crashed run resumes)."""
    ray = require("ray", "ray")
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS")
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    done: set[str] = set()
    if out_path is not None and out_path.is_file():
        for line in out_path.read_text(encoding="utf-8").splitlines():
            try:
                done.add(json.loads(line)["job_id"])
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line from a crash
    todo = [j for j in jobs if j.id not in done]
    remote = ray.remote(_run_chunk)
    pending = [remote.remote(factory, todo[i:i + RAY_CHUNK], limits) for i in range(0, len(todo), RAY_CHUNK)]
    from tqdm import tqdm

    bar = tqdm(total=len(todo), disable=not progress or not sys.stderr.isatty(), desc="ray", file=sys.stderr)
    out = None
    if out_path is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out = out_path.open("a", encoding="utf-8")
    try:
        while pending:
            ready, pending = ray.wait(pending, num_returns=1)
            for d in ray.get(ready[0]):
                if out is not None:
                    out.write(json.dumps(d) + "\n")
                    out.flush()
                bar.update(1)
                yield ExecResult.from_dict(d)
    finally:
        if out is not None:
            out.close()
        bar.close()
