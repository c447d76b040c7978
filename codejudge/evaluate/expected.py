"""Expected outputs, computed by running each reference solution INSIDE the
sandbox (never in this process), timed, and cached on disk.

The cache is one file per task and dataset hash under the cache dir
(default ``~/.cache/codejudge``, or ``$CODEJUDGE_CACHE``)::

    expected-<dataset md5>-v5-py<major><minor>m<marshal version>/<task id>.marshal
        = {test_id: [tagged output, seconds]}

Not compressed: a few tasks' outputs are 100+ MB, and gzip cost more time than the whole
rest of writing and reading them (evalplus's own cache is an uncompressed pickle, of the
same size). Not JSON either: the tagged outputs are plain values (dict, list, str, int,
float, bool, None), which ``marshal`` writes and reads 4-5x faster than ``json`` (HumanEval+'s
two largest entries, 140 and 100 MB: 6.3 s to encode as JSON, 1.4 s with marshal) and,
unlike pickle, loads without running any code. Its format may change between Python
versions, hence the version in the folder name. Tasks missing from the cache are computed and added, so evaluating a subset
first and the whole set later reuses the work; the engine starts a task's samples as soon as
that task's reference job is done (``codejudge.evaluate.engine``). Per-test time limits
follow evalplus: ``max(min_time_limit, gt_time_limit_factor * reference time)``.

>>> time_limit(0.5, min_time_limit=1.0, factor=4.0)
2.0
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from codejudge.evaluate.adapters import adapter_fields
from codejudge.sandbox.base import Job, Limits
from codejudge.sandbox.compare import FLOAT_ATOL
from codejudge.types import ExecResult, Problem, TestCase

log = logging.getLogger(__name__)

FORMAT = "v5"  # bump when outputs are computed or encoded differently (v2: adapters; v3: $int/$f64 tags;
# v4: references run as in a fresh interpreter: default recursion limit, no inherited future flags; v5: marshal)
# marshal's format belongs to the interpreter: a cache written by another Python is not read
ENCODING = f"py{sys.version_info[0]}{sys.version_info[1]}m{marshal.version}"
DEFAULT_MIN_TIME_LIMIT = 1.0  # evalplus 0.3.1 defaults
DEFAULT_GT_TIME_LIMIT_FACTOR = 4.0
# evalplus runs references unlimited; a few outputs are megabytes (HumanEval/15 joins 10^5 numbers),
# and Mbpp/255's slowest input took over 60 s on a loaded 2-core machine: the references are
# trusted, so the limit is only there to end a run that hangs.
REFERENCE_LIMITS = Limits(timeout_s=600.0, memory_mb=4096, result_bytes=256 << 20)


def default_cache_dir() -> Path:
    env = os.environ.get("CODEJUDGE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "codejudge"


def time_limit(
    reference_s: float,
    min_time_limit: float = DEFAULT_MIN_TIME_LIMIT,
    factor: float = DEFAULT_GT_TIME_LIMIT_FACTOR,
) -> float:
    return max(min_time_limit, factor * reference_s)


def _floats_tagged(items: Any) -> bool:
    if type(items) is dict:  # a packed list: all floats unless some positions are ints
        return "$f64" in items and bool(items["$f64"]) and not items.get("ints")
    return (
        type(items) is list
        and bool(items)
        and all(type(v) is float or (type(v) is dict and v.keys() == {"$float"}) for v in items)
    )


def is_floats_tagged(value: Any) -> bool:
    """``compare.is_floats(decode(value))`` on the tagged form, without decoding (some
    expected outputs are millions of numbers)."""
    if type(value) is float:
        return True
    if type(value) is dict and len(value) == 1:
        ((tag, payload),) = value.items()
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
            if (
                t.group != group
                or t.kind != "function"
                or t.expected is None
                or t.atol
                or t.oracle == "humaneval_find_zero"
            ):
                continue
            if carried:
                t.atol = FLOAT_ATOL
            else:
                carried = is_floats_tagged(t.expected)


def needs_expected(problem: Problem) -> bool:
    return any(t.kind == "function" and t.expected is None for t in problem.tests)


REFERENCE_PREFIX = "expected::"


def reference_job(problem: Problem) -> Job:
    """One job per task for all its groups, each group in a fresh module (evalplus times base
    and plus in separate namespaces, so a cache warmed by base cannot tighten plus limits)."""
    tests = [
        TestCase(id=t.id, args=t.args, expected=None, group=t.group)
        for g in ("base", "plus")
        for t in problem.tests
        if t.group == g and t.kind == "function"
    ]
    return Job(
        id=REFERENCE_PREFIX + problem.id,
        kind="function",
        source=problem.reference or "",
        entry_point=problem.entry_point,
        tests=tests,
        equality="python",
        fresh_module_per_group=True,
        **adapter_fields(problem),
    )


class ExpectedCache:
    """The on-disk cache of reference outputs, one file per task (a subset run reads only what
    it needs). ``use=False`` (``--no-cache``) reads and writes nothing."""

    def __init__(self, cache_dir: Path | None = None, use: bool = True) -> None:
        self.dir, self.use = Path(cache_dir) if cache_dir else default_cache_dir(), use

    def path(self, problem: Problem) -> Path:
        dataset_hash = str(problem.meta.get("hash", problem.version))
        return (
            self.dir
            / f"expected-{dataset_hash}-{FORMAT}-{ENCODING}"
            / (problem.id.replace("/", "_") + ".marshal")
        )

    def load(self, problem: Problem) -> dict[str, list] | None:
        path = self.path(problem)
        if not self.use or not path.is_file():
            return None
        try:
            data = marshal.loads(path.read_bytes())
        except (
            OSError,
            ValueError,
            EOFError,
            TypeError,
        ) as exc:  # a torn or corrupt entry is recomputed, not trusted
            log.warning("ignoring unreadable expected-output cache %s (%s)", path, exc)
            return None
        return data if type(data) is dict else None

    def save(self, problem: Problem, entry: dict[str, list]) -> None:
        if not self.use:
            return
        try:
            data = marshal.dumps(entry)
        except ValueError as exc:  # nested deeper than marshal goes: recomputed next time, never wrong
            log.warning("%s: expected outputs not cached (%s)", problem.id, exc)
            return
        path = self.path(problem)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)  # atomic: a crash never leaves half an entry


def reference_entry(result: ExecResult) -> dict[str, list]:
    """A reference job's outputs as a cache entry: ``[tagged output, seconds]`` per test, or
    ``[None, None, why]`` for a test the reference failed (dropped, never guessed)."""
    entry: dict[str, list] = {}
    for t in result.tests:
        if t.passed:
            entry[t.id] = [t.actual, t.duration_s]
        else:
            entry[t.id] = [None, None, f"{t.status.value}: {t.exception or t.detail}".strip()]
    return entry


def apply_expected(
    problem: Problem,
    entry: dict[str, list],
    min_time_limit: float = DEFAULT_MIN_TIME_LIMIT,
    gt_time_limit_factor: float = DEFAULT_GT_TIME_LIMIT_FACTOR,
) -> None:
    """Fill ``expected`` and ``timeout_s`` of the problem's function tests from a cache entry.
    Tests on which the reference failed in the sandbox are dropped and listed in
    ``problem.dropped_tests`` (evalplus would stop the whole run)."""
    kept, dropped, total = [], [], 0.0
    for t in problem.tests:
        if t.kind == "function" and t.expected is None:
            value, seconds, *why = entry[t.id]
            if why:
                dropped.append(f"{t.id} ({why[0]})")
                continue
            t.expected = value
            t.timeout_s = time_limit(seconds, min_time_limit, gt_time_limit_factor)
            total += seconds
        kept.append(t)
    problem.reference_s = total  # how long the reference took: the engine starts long tasks first
    if dropped:
        log.warning(
            "%s: reference solution failed on %d test(s), dropped: %s",
            problem.id,
            len(dropped),
            ", ".join(dropped[:3]),
        )
        problem.tests, problem.dropped_tests = kept, dropped
