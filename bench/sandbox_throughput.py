"""Sandbox throughput on HumanEval+: every canonical solution on all base + plus inputs.

One job per task (all of its inputs, outputs computed, not compared), per
backend, against an unsandboxed in-process loop (the floor: exec the solution,
call it on freshly decoded arguments). Prints wall time, jobs/s, tests/s and
the ratio to the floor.

    python bench/sandbox_throughput.py [--backends bwrap,docker,local] [--workers 1] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import signal
import sys
import time
from pathlib import Path

from codejudge.errors import BackendUnavailable, MissingExtraError
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Job, Limits
from codejudge.sandbox.pool import run_batch
from codejudge.types import TestCase
from codejudge.values import decode, encode

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "humanevalplus"
    / "HumanEvalPlus-v0.1.10.jsonl.gz"
)


def load_jobs(limit: int | None) -> list[Job]:
    jobs = []
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            inputs = p["base_input"] + p["plus_input"]
            tests = [TestCase(id=str(i), args=encode(inp), timeout_s=5.0) for i, inp in enumerate(inputs)]
            jobs.append(
                Job(
                    id=p["task_id"],
                    kind="function",
                    source=p["prompt"] + p["canonical_solution"],
                    entry_point=p["entry_point"],
                    tests=tests,
                )
            )
            if limit and len(jobs) >= limit:
                break
    return jobs


def _alarm(signum, frame) -> None:
    raise TimeoutError


def floor(jobs: list[Job]) -> tuple[float, int]:
    """In-process, unsandboxed: exec each solution and call it on every input."""
    signal.signal(signal.SIGALRM, _alarm)
    start, failures = time.perf_counter(), 0
    for job in jobs:
        ns: dict = {}
        exec(compile(job.source, job.id, "exec"), ns)
        fn = ns[job.entry_point]
        for t in job.tests:
            signal.setitimer(signal.ITIMER_REAL, t.timeout_s)
            try:
                encode(fn(*decode(t.args)))
            except BaseException:  # noqa: BLE001
                failures += 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - start, failures


def cpu_s() -> float:
    """CPU seconds of this process and of every reaped descendant (the sandboxes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def job_overhead_ms(executor, n: int = 30) -> float:  # noqa: ANN001
    """Median wall time of a trivial one-test job: the fixed cost of one sandbox."""
    job = Job(
        id="t",
        kind="function",
        source="def f():\n    return 1\n",
        entry_point="f",
        tests=[TestCase(id="0", args=encode([]), expected=encode(1))],
    )
    times = []
    for _ in range(n):
        start = time.perf_counter()
        executor.run(job, Limits())
        times.append(time.perf_counter() - start)
    return 1000 * sorted(times)[n // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backends", default="bwrap,docker,local")
    ap.add_argument("--workers", type=int, default=1, help="parallel sandboxes (floor is one thread)")
    ap.add_argument("--limit", type=int, default=None, help="first N tasks only")
    args = ap.parse_args()
    jobs = load_jobs(args.limit)
    n_tests = sum(len(j.tests) for j in jobs)
    print(
        f"{len(jobs)} HumanEval+ tasks, {n_tests} tests, workers={args.workers}, python {sys.version.split()[0]}"
    )
    cpu0 = cpu_s()
    floor_s, floor_fail = floor(jobs)
    floor_cpu = cpu_s() - cpu0
    rows = [("in-process floor", floor_s, floor_cpu, floor_fail)]
    overhead: dict[str, float] = {}
    for name in args.backends.split(","):
        opts = {"unsafe": True} if name == "local" else {}
        try:
            get_executor(name, **opts).close()
        except (BackendUnavailable, MissingExtraError, ImportError) as exc:
            print(f"{name}: skipped ({exc})")
            continue
        with get_executor(name, **opts) as ex:
            overhead[name] = job_overhead_ms(ex)
        start, cpu0 = time.perf_counter(), cpu_s()
        limits = Limits(result_bytes=256 * 1024 * 1024)  # some outputs are long strings (HumanEval/15)
        results = list(
            run_batch(lambda: get_executor(name, **opts), jobs, limits, None, args.workers, progress=False)
        )
        wall, cpu = time.perf_counter() - start, cpu_s() - cpu0
        rows.append((name, wall, cpu, sum(not t.passed for r in results for t in r.tests)))
    # CPU of the sandboxes is not comparable (bwrap's pid 1 and containers are not our reaped
    # children), so only wall time is reported; the 1-minute load average says how busy the machine was.
    print(f"{'backend':<18}{'wall s':>9}{'jobs/s':>9}{'tests/s':>10}{'x floor':>9}{'not passed':>12}")
    for name, wall, _cpu, bad in rows:
        print(
            f"{name:<18}{wall:>9.2f}{len(jobs) / wall:>9.1f}{n_tests / wall:>10.0f}{wall / floor_s:>9.2f}{bad:>12}"
        )
    print(
        "median wall time of a trivial one-test job: "
        + ", ".join(f"{name} {ms:.0f} ms" for name, ms in overhead.items())
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
