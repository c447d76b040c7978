"""Expected outputs, computed by running each reference solution INSIDE the
sandbox (never in this process), timed, and cached on disk.

The cache is one gzipped JSON file per task and dataset hash under the cache dir
(default ``~/.cache/codejudge``, or ``$CODEJUDGE_CACHE``)::

    expected-<dataset md5>-v2/<task id>.json.gz = {test_id: [tagged output, seconds]}

Tasks missing from the cache are computed and merged in, so evaluating a
subset first and the whole set later reuses the work. Per-test time limits
follow evalplus: ``max(min_time_limit, gt_time_limit_factor * reference time)``.

>>> time_limit(0.5, min_time_limit=1.0, factor=4.0)
2.0
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from codejudge.evaluate.adapters import adapter_meta
from codejudge.sandbox.base import Job, Limits
from codejudge.sandbox.compare import FLOAT_ATOL
from codejudge.types import ExecResult, Problem, TestCase

log = logging.getLogger(__name__)

FORMAT = "v4"  # bump when outputs are computed or encoded differently (v2: adapters; v3: $int/$f64 tags;
# v4: references run as in a fresh interpreter: default recursion limit, no inherited future flags)
DEFAULT_MIN_TIME_LIMIT = 1.0  # evalplus 0.3.1 defaults
DEFAULT_GT_TIME_LIMIT_FACTOR = 4.0
# evalplus runs references unlimited; a few outputs are megabytes (HumanEval/15 joins 10^5 numbers).
REFERENCE_LIMITS = Limits(timeout_s=60.0, memory_mb=4096, result_bytes=256 << 20)

RunBatch = Callable[[list[Job], Limits, "Path | None"], Iterator[ExecResult]]


def default_cache_dir() -> Path:
    env = os.environ.get("CODEJUDGE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "codejudge"


def time_limit(reference_s: float, min_time_limit: float = DEFAULT_MIN_TIME_LIMIT,
               factor: float = DEFAULT_GT_TIME_LIMIT_FACTOR) -> float:
    return max(min_time_limit, factor * reference_s)


def _floats_tagged(items: Any) -> bool:
    if type(items) is dict:  # a packed list: all floats unless some positions are ints
        return "$f64" in items and bool(items["$f64"]) and not items.get("ints")
    return type(items) is list and bool(items) and all(
        type(v) is float or (type(v) is dict and v.keys() == {"$float"}) for v in items)


def is_floats_tagged(value: Any) -> bool:
    """``compare.is_floats(decode(value))`` on the tagged form, without decoding (some
    expected outputs are millions of numbers)."""
    if type(value) is float:
        return True
    if type(value) is dict and len(value) == 1:
        (tag, payload), = value.items()
        return tag == "$float" or (tag == "$tuple" and _floats_tagged(payload))
    return _floats_tagged(value)


def carry_atol(problem: Problem) -> None:
    """evalplus keeps one ``atol`` per group run: once a test's expected output is a float or a
    flat list of floats, the 1e-6 tolerance it gets also applies to every later test of that
    group (say a nested list of floats, which alone would need exact equality). Reproduced
    here by setting those tests' ``atol``; tasks with their own ``atol`` are unchanged, and so
    is HumanEval/32, whose oracle check comes before evalplus's bump."""
    for group in ("base", "plus"):
        carried = False
        for t in problem.tests:
            if t.group != group or t.kind != "function" or t.expected is None or t.atol \
                    or t.oracle == "humaneval_find_zero":
                continue
            if carried:
                t.atol = FLOAT_ATOL
            else:
                carried = is_floats_tagged(t.expected)


def needs_expected(problem: Problem) -> bool:
    return any(t.kind == "function" and t.expected is None for t in problem.tests)


def reference_job(problem: Problem) -> Job:
    """One job per task for all its groups, each group in a fresh module (evalplus times base
    and plus in separate namespaces, so a cache warmed by base cannot tighten plus limits)."""
    tests = [TestCase(id=t.id, args=t.args, expected=None, group=t.group)
             for g in ("base", "plus") for t in problem.tests if t.group == g and t.kind == "function"]
    return Job(id=f"expected::{problem.id}", kind="function", source=problem.reference or "",
               entry_point=problem.entry_point, tests=tests,
               meta={"equality": "python", "fresh_module_per_group": True, **adapter_meta(problem)})


def _cache_file(cache_dir: Path, dataset_hash: str, task_id: str) -> Path:
    # One file per task: a subset run reads only what it needs (a few outputs are megabytes).
    return cache_dir / f"expected-{dataset_hash}-{FORMAT}" / (task_id.replace("/", "_") + ".json.gz")


def _read_cache(path: Path) -> dict[str, list] | None:
    if not path.is_file():
        return None
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
        return data if type(data) is dict else None
    except (OSError, ValueError, EOFError) as exc:  # a torn or corrupt entry is recomputed, not trusted
        log.warning("ignoring unreadable expected-output cache %s (%s)", path, exc)
        return None


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8", compresslevel=1) as f:
        # dumps, not dump: json.dump streams through the pure-Python encoder, minutes on big outputs
        f.write(json.dumps(data, separators=(",", ":")))
    os.replace(tmp, path)  # atomic: a crash never leaves half an entry


def compute_expected(problems: Iterable[Problem], run_batch: RunBatch, cache_dir: Path | None = None,
                     use_cache: bool = True, min_time_limit: float = DEFAULT_MIN_TIME_LIMIT,
                     gt_time_limit_factor: float = DEFAULT_GT_TIME_LIMIT_FACTOR) -> dict[str, float]:
    """Fill ``expected`` and ``timeout_s`` of every function test in place.

    ``run_batch(jobs, limits, out_path)`` runs sandbox jobs (the local pool or
    Ray). Returns ``{"computed": tasks run now, "cached": tasks from the cache}``.
    Tests on which the reference solution fails in the sandbox are dropped and
    listed in ``problem.meta["dropped_tests"]`` (evalplus would stop the whole run).
    """
    cache_dir = cache_dir or default_cache_dir()
    todo = [p for p in problems if needs_expected(p)]
    by_hash: dict[str, list[Problem]] = {}
    for p in todo:
        by_hash.setdefault(str(p.meta.get("hash", p.version)), []).append(p)
    stats = {"computed": 0.0, "cached": 0.0}
    for dataset_hash, group in by_hash.items():
        cache: dict[str, dict[str, list]] = {}
        for p in group:
            entry = _read_cache(_cache_file(cache_dir, dataset_hash, p.id)) if use_cache else None
            if entry is not None:
                cache[p.id] = entry
        missing = [p for p in group if p.id not in cache]
        if missing:
            def save(task_id: str, entry: dict[str, list], h: str = dataset_hash) -> None:
                _write_cache(_cache_file(cache_dir, h, task_id), entry)

            # each task is written as soon as its reference job ends, while others still run
            cache.update(_run_references(missing, run_batch, cache_dir, save if use_cache else None))
        stats["computed"] += len(missing)
        stats["cached"] += len(group) - len(missing)
        for p in group:
            outputs, kept, dropped, total = cache[p.id], [], [], 0.0
            for t in p.tests:
                if t.kind == "function" and t.expected is None:
                    value, seconds, *why = outputs[t.id]
                    if why:
                        dropped.append(f"{t.id} ({why[0]})")
                        continue
                    t.expected = value
                    t.timeout_s = time_limit(seconds, min_time_limit, gt_time_limit_factor)
                    total += seconds
                kept.append(t)
            p.meta["reference_s"] = total  # how long the reference took: the engine starts long tasks first
            if dropped:
                log.warning("%s: reference solution failed on %d test(s), dropped: %s", p.id, len(dropped),
                            ", ".join(dropped[:3]))
                p.tests, p.meta["dropped_tests"] = kept, dropped
                stats["dropped_tests"] = stats.get("dropped_tests", 0.0) + len(dropped)
    return stats


def _run_references(problems: list[Problem], run_batch: RunBatch, cache_dir: Path,
                    on_task_done: Callable[[str, dict[str, list]], None] | None = None
                    ) -> dict[str, dict[str, list]]:
    jobs = [reference_job(p) for p in problems]
    cache_dir.mkdir(parents=True, exist_ok=True)
    out: dict[str, dict[str, list]] = {p.id: {} for p in problems}
    # No resume log (out_path None): the cache written per finished task is the resume point,
    # and logging every reference output as well cost seconds of JSON on the critical path.
    for result in run_batch(jobs, REFERENCE_LIMITS, None):
        task_id = result.job_id.split("::")[1]
        for t in result.tests:
            if t.passed:
                out[task_id][t.id] = [t.actual, t.duration_s]
            else:  # cached as unusable: the test is dropped (with a warning), never guessed
                out[task_id][t.id] = [None, None, f"{t.status.value}: {t.exception or t.detail}".strip()]
        if on_task_done is not None:
            on_task_done(task_id, out[task_id])
    return out
