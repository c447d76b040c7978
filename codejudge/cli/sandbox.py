"""``codejudge sandbox``: run jobs in a sandbox, check backends, build the Docker image.

codejudge sandbox run --backend bwrap --job jobs.jsonl --out results.jsonl
codejudge sandbox doctor
codejudge sandbox build-image --tag codejudge-sandbox:latest
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from codejudge.cli.flags import add_sandbox_flags
from codejudge.errors import InputError
from codejudge.jsonl import iter_jsonl
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import SEMANTIC_KEYS, Job, Limits
from codejudge.types import TestCase

_JOB_FIELDS = {"id": str, "kind": str, "source": str, "tests": list}
_KINDS = ("function", "script", "stdio")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    run = sub.add_parser("run", help="run a JSONL file of jobs")
    add_sandbox_flags(run)
    run.add_argument("--job", required=True, type=Path, help="JSONL: id, kind, source, entry_point, tests")
    run.add_argument("--out", type=Path, default=None, help="results JSONL (appended; resumes)")
    run.add_argument("--workers", type=int, default=None, help="parallel sandboxes (default: CPU cores)")
    run.add_argument("--timeout", type=float, default=Limits.timeout_s, help="default per-test timeout (s)")
    run.add_argument("--memory-mb", type=int, default=Limits.memory_mb)
    sub.add_parser("doctor", help="which backends work here, and how to fix the others")
    img = sub.add_parser("build-image", help="build the Docker sandbox image")
    img.add_argument("--tag", default="codejudge-sandbox:latest")
    img.add_argument(
        "--dockerfile",
        dest="offline",
        action="store_false",
        help="build from sandbox/Dockerfile (needs a registry) instead of offline",
    )


def load_jobs(path: Path) -> list[Job]:
    """Read a job file; every malformed line names file, line and field."""
    if not path.is_file():
        raise InputError("no such file", path=path, fix="pass an existing JSONL file to --job")
    jobs = []
    for lineno, obj in iter_jsonl(path, required=_JOB_FIELDS):
        if obj["kind"] not in _KINDS:
            raise InputError(
                f"unknown kind {obj['kind']!r}",
                path=path,
                line=lineno,
                field="kind",
                fix=f"use one of: {', '.join(_KINDS)}",
            )
        try:
            tests = [TestCase.from_dict({"kind": obj["kind"], **t}) for t in obj["tests"]]
        except TypeError as exc:
            raise InputError(f"bad test ({exc})", path=path, line=lineno, field="tests") from None
        extra: dict[str, Any] = {
            k: obj[k]
            for k in ("entry_point", "normalizer", "stop_on_first_failure", "meta", *SEMANTIC_KEYS)
            if k in obj
        }
        if "seeds" in obj:
            extra["seeds"] = tuple(obj["seeds"])
        jobs.append(Job(id=obj["id"], kind=obj["kind"], source=obj["source"], tests=tests, **extra))
    return jobs


def run(args: argparse.Namespace) -> int:
    if args.action == "doctor":
        from codejudge.sandbox.doctor import report

        text, ok = report()
        print(text)
        return 0 if ok else 1
    if args.action == "build-image":
        from codejudge.sandbox.image import build_image

        print(build_image(tag=args.tag, offline=args.offline))
        return 0
    from codejudge.sandbox.pool import run_batch

    jobs = load_jobs(args.job)
    options = {"unsafe": True} if args.backend == "local" and args.unsafe_local else {}
    get_executor(args.backend, **options).close()  # fail fast (unavailable / refused) before threads start
    limits = Limits(timeout_s=args.timeout, memory_mb=args.memory_mb)
    failed = 0
    for res in run_batch(
        lambda: get_executor(args.backend, **options),
        jobs,
        limits,
        args.out,
        args.workers,
        progress=sys.stderr.isatty(),
    ):
        failed += not res.passed
        if args.out is None:
            print(json.dumps(res.to_dict()))
        else:
            print(f"{res.job_id}: {res.status.value}", file=sys.stderr)
    return 1 if failed else 0
