"""`codejudge judge` and `codejudge serve` in-process and as a process, with a crash and resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from codejudge.cli import main
from codejudge.judge.batch import done_ids
from codejudge.judge.serve import ChatServer, make_server

REPO = Path(__file__).resolve().parents[2]


def _write(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.mark.bwrap
def test_judge_pairwise_and_single_files(tmp_path: Path, executor) -> None:
    rows = [
        {
            "id": "p1",
            "instruction": "Add.",
            "response_a": "```python\ndef add(a, b):\n    return a - b\n```",
            "response_b": "def add(a, b):\n    return a + b\n",
            "tests": [{"input": [1, 2], "output": 3}],
            "entry_point": "add",
        },
        {
            "id": "p2",
            "instruction": "Add.",
            "response_a": "def add(a, b):\n    return a + b\n",
            "response_b": "def add(a, b):\n    return b + a\n",
            "tests": "assert add(1, 2) == 3",
            "entry_point": "add",
        },
    ]
    out = tmp_path / "v.jsonl"
    assert main(["judge", "--input", str(_write(tmp_path / "in.jsonl", rows)), "--out", str(out)]) == 0
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["winner"], r["decided_by"]) for r in recs] == [
        ("p1", "B", "tests"),
        ("p2", "tie", "none"),
    ]

    single = [
        {
            "id": "s1",
            "instruction": "Add.",
            "response": "def add(a, b):\n    return a + b\n",
            "tests": [{"input": [1, 2], "output": 3}],
            "entry_point": "add",
        }
    ]
    out2 = tmp_path / "s.jsonl"
    assert (
        main(
            [
                "judge",
                "--mode",
                "single",
                "--input",
                str(_write(tmp_path / "s_in.jsonl", single)),
                "--out",
                str(out2),
            ]
        )
        == 0
    )
    assert json.loads(out2.read_text())["score"] == 5


def test_bad_input_exits_2_naming_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "in.jsonl", [{"id": "1", "instruction": "x", "response_a": "a"}])
    assert main(["judge", "--input", str(path), "--no-tests"]) == 2
    assert f"{path}:1: field 'response_b'" in capsys.readouterr().err


def test_unknown_llm_backend_suggests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "in.jsonl", [{"instruction": "x", "response_a": "a", "response_b": "b"}])
    assert main(["judge", "--input", str(path), "--no-tests", "--llm", "openia:http://x"]) == 2
    assert "Did you mean: openai?" in capsys.readouterr().err


@pytest.fixture()
def server(says_a_model: Path) -> Iterator[ChatServer]:
    from codejudge.judge.llm.hf import TransformersLLM

    srv = make_server(TransformersLLM(says_a_model, max_new_tokens=2), port=0, model_name="says-a")
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.mark.slow
def test_thousand_pairs_resume_after_crash_without_redoing_work(tmp_path: Path, server: ChatServer) -> None:
    rows = [
        {"id": f"r{i}", "instruction": f"Task {i}.", "response_a": f"x = {i}", "response_b": f"x = {i + 1}"}
        for i in range(1000)
    ]
    inp, out = _write(tmp_path / "in.jsonl", rows), tmp_path / "out.jsonl"
    argv = [
        "judge",
        "--input",
        str(inp),
        "--out",
        str(out),
        "--no-tests",
        "--llm",
        f"openai:{server.url}",
        "--model",
        "says-a",
        "--max-tokens",
        "2",
        "--no-progress",
        "--resume",
    ]
    code = "import sys; from codejudge.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_text().count("\n") >= 300:
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
    proc.send_signal(signal.SIGKILL)  # a crash: no cleanup, possibly a torn last line
    proc.wait()
    time.sleep(0.3)  # let the server finish a request that was in flight
    done = len(done_ids(out))  # also cuts a torn last line
    assert 300 <= done < 1000
    before = server.requests_served

    assert main(argv) == 0  # exit 0: every answer parsed
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in recs) == sorted(r["id"] for r in rows)  # each id exactly once
    assert server.requests_served - before == 1000 - done  # only the remainder was computed
    assert all(r["decided_by"] == "llm" and r["winner"] == "A" for r in recs)


def test_serve_command_starts_a_server(says_a_model: Path) -> None:
    code = "import sys; from codejudge.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", str(says_a_model), "--port", "0", "--model-name", "judge"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("serving judge at http://127.0.0.1:")
        url = line.split(" at ")[1].split()[0]
        from codejudge.judge.llm.openai import OpenAILLM
        from codejudge.judge.parse import parse_pairwise

        [text] = OpenAILLM(url, model="judge", max_tokens=2).generate(
            [[{"role": "user", "content": "A or B"}]]
        )
        assert parse_pairwise(text) == ("A", None)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_unparseable_llm_output_exits_1(tmp_path: Path, tiny_model: Path) -> None:
    path = _write(
        tmp_path / "in.jsonl", [{"id": "1", "instruction": "x", "response_a": "a = 1", "response_b": "b = 2"}]
    )
    out = tmp_path / "out.jsonl"
    assert (
        main(
            [
                "judge",
                "--input",
                str(path),
                "--llm",
                f"transformers:{tiny_model}",
                "--max-tokens",
                "4",
                "--out",
                str(out),
            ]
        )
        == 1
    )
    rec = json.loads(out.read_text())
    assert rec["winner"] is None and rec["parse_error"].startswith("no verdict marker")


@pytest.mark.bwrap
def test_rows_that_name_no_language_are_told_from_their_answers(tmp_path: Path, executor) -> None:
    # CodeUltraFeedback-style rows: no language field, untagged Go and tagged JavaScript answers
    rows = [
        {
            "id": "go",
            "instruction": "Write Max(xs []int) int returning the largest value. Max([]int{3, 9, 2}) returns 9.",
            "response_a": "Sure:\n\nfunc Max(xs []int) int {\n    m := xs[0]\n    for _, x := range xs {\n"
            "        if x > m {\n            m = x\n        }\n    }\n    return m\n}\n",
            "response_b": "Here:\n\nfunc Max(xs []int) int {\n    return xs[len(xs)-1]\n}\n",
        },
        {
            "id": "js",
            "instruction": "Write add(a, b). add(1, 2) returns 3.",
            "response_a": "```javascript\nfunction add(a, b) { return a - b; }\n```",
            "response_b": "```javascript\nfunction add(a, b) { return a + b; }\n```",
        },
    ]
    out = tmp_path / "v.jsonl"
    assert main(["judge", "--input", str(_write(tmp_path / "in.jsonl", rows)), "--out", str(out)]) == 0
    recs = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert (recs["go"]["winner"], recs["go"]["decided_by"]) == ("A", "statement")
    assert recs["go"]["evidence"]["notes"][0].startswith("language: go (the answers' code reads as go")
    assert (recs["js"]["winner"], recs["js"]["decided_by"]) == ("B", "statement")
    assert recs["js"]["evidence"]["notes"][0].startswith(
        "language: js (the answers' code blocks are tagged js"
    )
