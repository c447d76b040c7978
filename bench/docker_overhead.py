"""Per-job overhead of the Docker backend against bubblewrap, the local runner and in-process.

    python bench/docker_overhead.py [--jobs 40]

Runs the same trivial one-test job (``f(a, b) = a + b``) N times per backend,
one at a time, and prints milliseconds per job (median and p90). "docker warm"
reuses pooled containers; "docker cold" starts a fresh container per job (what
happens after a container was discarded). Backends that cannot run here are
reported as skipped. Figures and the machine they came from: docs/docker.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from codejudge.errors import CodejudgeError
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Job, Limits
from codejudge.types import TestCase
from codejudge.values import encode

SOURCE = "def f(a, b):\n    return a + b\n"
JOB = Job(
    id="bench",
    kind="function",
    source=SOURCE,
    entry_point="f",
    tests=[TestCase(id="0", args=encode([1, 2]), expected=encode(3), timeout_s=1.0)],
)


def timed(fn: Callable[[], object], n: int) -> list[float]:
    fn()  # warm-up: first container, first import
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def in_process() -> object:
    ns: dict = {}
    exec(compile(SOURCE, "solution.py", "exec"), ns)  # noqa: S102 - the baseline: our own trusted source
    return ns["f"](1, 2) == 3


def backend_runner(name: str, **options: object) -> tuple[Callable[[], object], Callable[[], None]]:
    ex = get_executor(name, **options)

    def run() -> object:
        res = ex.run(JOB, Limits())
        if not res.passed:
            raise RuntimeError(f"{name}: the trivial job did not pass: {res.to_dict()}")
        return res

    return run, ex.close


def docker_cold() -> tuple[Callable[[], object], Callable[[], None]]:
    ex = get_executor("docker", pool_size=0)  # keep nothing warm: a fresh container per job
    return (lambda: ex.run(JOB, Limits())), ex.close


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=40, help="jobs per backend")
    args = parser.parse_args()
    rows: list[tuple[str, list[float] | str]] = [("in-process (no sandbox)", timed(in_process, args.jobs))]
    setups = [
        ("local runner (no sandbox)", lambda: backend_runner("local", unsafe=True)),
        ("bwrap", lambda: backend_runner("bwrap")),
        ("docker warm", lambda: backend_runner("docker")),
        ("docker cold", docker_cold),
    ]
    for label, setup in setups:
        try:
            run, close = setup()
        except CodejudgeError as exc:
            rows.append((label, f"skipped: {exc}"))
            continue
        try:
            rows.append((label, timed(run, args.jobs if "cold" not in label else max(args.jobs // 4, 5))))
        finally:
            close()
    print(f"{'backend':28s} {'median ms':>10s} {'p90 ms':>8s} {'jobs':>5s}")
    for label, data in rows:
        if isinstance(data, str):
            print(f"{label:28s} {data}")
            continue
        p90 = sorted(data)[int(0.9 * (len(data) - 1))]
        print(f"{label:28s} {statistics.median(data):10.1f} {p90:8.1f} {len(data):5d}")


if __name__ == "__main__":
    main()
