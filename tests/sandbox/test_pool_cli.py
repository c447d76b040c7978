"""Batch runs (incremental JSONL, resume) and the `codejudge sandbox` command."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.errors import InputError, UnsafeExecutionRefused
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Job, Limits
from codejudge.sandbox.pool import done_ids, run_batch
from codejudge.types import TestCase
from codejudge.values import encode


def _job(i: int) -> Job:
    return Job(
        id=f"j{i}",
        kind="function",
        source="def f(x):\n    return x * 2\n",
        entry_point="f",
        tests=[TestCase(id="0", args=encode([i]), expected=encode(2 * i))],
    )


def test_local_requires_opt_in() -> None:
    with pytest.raises(UnsafeExecutionRefused, match="WITHOUT isolation"):
        get_executor("local")


def test_run_batch_writes_incrementally_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    factory = functools.partial(get_executor, "local", unsafe=True)
    first = list(run_batch(factory, [_job(i) for i in range(3)], Limits(), out, workers=2, progress=False))
    assert sorted(r.job_id for r in first) == ["j0", "j1", "j2"] and all(r.passed for r in first)
    with open(out, "a") as fh:  # a crash mid-write leaves a truncated line
        fh.write('{"job_id": "j3", "tests": [')
    assert done_ids(out) == {"j0", "j1", "j2"}
    again = list(run_batch(factory, [_job(i) for i in range(5)], Limits(), out, workers=2, progress=False))
    assert sorted(r.job_id for r in again) == ["j3", "j4"]
    lines = out.read_text().splitlines()
    assert sorted(json.loads(line)["job_id"] for line in lines) == ["j0", "j1", "j2", "j3", "j4"]


def test_cli_run_local(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    jobs = tmp_path / "jobs.jsonl"
    rows = [
        {
            "id": "ok",
            "kind": "function",
            "source": "def f(x):\n    return x\n",
            "entry_point": "f",
            "tests": [{"id": "0", "args": [5], "expected": 5}],
        },
        {
            "id": "bad",
            "kind": "function",
            "source": "def f(x):\n    return 0\n",
            "entry_point": "f",
            "tests": [{"id": "0", "args": [5], "expected": 5}],
        },
    ]
    jobs.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["sandbox", "run", "--backend", "local", "--job", str(jobs)]) == 2  # refused without opt-in
    code = main(
        ["sandbox", "run", "--backend", "local", "--unsafe-local", "--job", str(jobs), "--out", str(out)]
    )
    assert code == 1  # one job failed
    status = {json.loads(line)["job_id"]: json.loads(line)["status"] for line in out.read_text().splitlines()}
    assert status == {"ok": "passed", "bad": "failed"}


def test_cli_job_file_errors_name_line_and_field(tmp_path: Path) -> None:
    from codejudge.cli.sandbox import load_jobs

    bad = tmp_path / "jobs.jsonl"
    bad.write_text('{"id": "a", "kind": "function", "source": "", "tests": []}\n{"id": 3}\n')
    with pytest.raises(InputError) as err:
        load_jobs(bad)
    assert err.value.line == 2 and err.value.field == "id" and str(bad) in str(err.value)
    bad.write_text('{"id": "a", "kind": "functon", "source": "", "tests": []}\n')
    with pytest.raises(InputError, match="kind"):
        load_jobs(bad)
    bad.write_text("not json\n")
    with pytest.raises(InputError, match=":1: not valid JSON"):
        load_jobs(bad)


def test_cli_doctor(capsys: pytest.CaptureFixture) -> None:
    code = main(["sandbox", "doctor"])
    text = capsys.readouterr().out
    assert {"bwrap", "docker", "local"} <= {
        line.split()[1] for line in text.splitlines() if line[:3] in ("ok ", "NO ")
    }
    assert code in (0, 1)


def test_cli_doctor_reports_each_language_and_the_fix(
    capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codejudge.sandbox import toolchains

    monkeypatch.setitem(toolchains.TOOLS, "go", ("/usr/lib/no-such-go/bin/go",))
    main(["sandbox", "doctor"])
    lines = capsys.readouterr().out.split("languages:")[1].splitlines()
    host = {line.split()[1]: line for line in lines if "bwrap/local" in line}
    assert set(host) == set(toolchains.LANGUAGES)
    assert host["go"].startswith("NO ") and "apt-get install --no-install-recommends golang-go" in host["go"]
