"""Samples run in the environment evalplus 0.3.1 gives them (the default ``harness:
"evalplus"``), checked against evalplus itself: the same probe programs get the same verdicts
from ``python -m evalplus.evaluate`` and from codejudge. ``--plain-python`` is the opt-in
for plain ``python3`` semantics, where some of these verdicts differ on purpose."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codejudge.evaluate.engine import EvalConfig, _split, build_jobs
from codejudge.evaluate.report import SampleOutcome
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Limits
from codejudge.sandbox.bwrap import check as bwrap_check
from codejudge.types import Candidate, Problem, TestCase
from codejudge.values import encode

_OK, _WHY = bwrap_check()
pytestmark = [
    pytest.mark.bwrap,
    pytest.mark.slow,
    pytest.mark.skipif(
        not _OK and "bwrap" not in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", ""),
        reason=f"bwrap sandbox unavailable: {_WHY}",
    ),
]

DEPTH = "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n"
# (name, program defining f(x) -> x, verdict under plain python3 when it differs from evalplus's:
#  one status for both groups, or (base, plus))
PROBES = [
    ("plain", "def f(x):\n    return x\n", None),
    ("stray input", "line = input()\ndef f(x):\n    return x\n", None),
    (
        "input expecting EOF",
        "try:\n    line = input()\nexcept EOFError:\n    line = ''\ndef f(x):\n    return x\n",
        "pass",
    ),
    (
        "stdin read in f",
        "import sys\ndef f(x):\n    try:\n        sys.stdin.read()\n    except EOFError:\n"
        "        pass\n    return x\n",
        "pass",
    ),
    (
        "exit caught as Exception",
        "try:\n    exit()\nexcept Exception:\n    pass\ndef f(x):\n    return x\n",
        "fail",
    ),
    ("exit at the end", "def f(x):\n    return x\nexit()\n", None),
    ("open a file", "open('notes.txt', 'w').write('x')\ndef f(x):\n    return x\n", "pass"),
    ("os.getcwd", "import os\nHERE = os.getcwd()\ndef f(x):\n    return x\n", "pass"),
    ("import resource", "import resource\ndef f(x):\n    return x\n", "pass"),
    (
        "OMP_NUM_THREADS",
        "import os\ndef f(x):\n    return x if os.environ.get('OMP_NUM_THREADS') == '1' else -1\n",
        "fail",
    ),
    ("large prints", "def f(x):\n    print('x' * 200_000)\n    return x\n", "fail"),
    ("stdout.buffer", "import sys\ndef f(x):\n    sys.stdout.buffer.write(b'x')\n    return x\n", "pass"),
    ("recursion 966", DEPTH + "def f(x):\n    depth(966)\n    return x\n", None),
    ("recursion 967", DEPTH + "def f(x):\n    depth(967)\n    return x\n", "pass"),
    ("recursion 990", DEPTH + "def f(x):\n    depth(990)\n    return x\n", "pass"),
    ("recursion 996", DEPTH + "def f(x):\n    depth(996)\n    return x\n", None),
    (
        "memoized recursion 50000",
        "import sys\nfrom functools import lru_cache\nsys.setrecursionlimit(10 ** 6)\n"
        "@lru_cache(maxsize=None)\ndef t(n):\n    return 0 if n == 0 else 1 + t(n - 1)\n"
        "def f(x):\n    t.cache_clear()\n    t(50_000)\n    return x\n",
        "fail",
    ),
    ("List without import", "def f(x: List[int]):\n    return x\n", None),
    ("str of a huge int", "def f(x):\n    str(10 ** 5000)\n    return x\n", None),
    ("main block", "def f(x):\n    return x\nif __name__ == '__main__':\n    input()\n    exit(1)\n", None),
    # evalplus gives a group's process min(60, sum of test limits) + 2 s in all (here 2 x 1 s for
    # base, 1 s for plus), module code included, then kills it: status "timeout"
    ("slow module code", "import time\ntime.sleep(2.5)\ndef f(x):\n    return x\n", None),
    ("module code over the budget", "import time\ntime.sleep(6)\ndef f(x):\n    return x\n", "fail"),
    (
        "alarm ignored, slow test",
        "import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "def f(x):\n    time.sleep(1.5)\n    return x\n",
        None,
    ),
]


def _evalplus_verdicts(tmp_path: Path) -> list[tuple[str, str]]:
    pytest.importorskip("evalplus")
    row = {
        "task_id": "HumanEval/0",
        "prompt": "def f(x):\n",
        "entry_point": "f",
        "canonical_solution": "    return x\n",
        "test": "",
        "contract": "",
        "base_input": [[1], [2]],
        "plus_input": [[3]],
        "atol": 0,
    }
    (tmp_path / "d.jsonl").write_text(json.dumps(row) + "\n")
    samples = tmp_path / "s.jsonl"
    samples.write_text(
        "".join(json.dumps({"task_id": "HumanEval/0", "solution": code}) + "\n" for _, code, _ in PROBES)
    )
    env = {
        **os.environ,
        "HUMANEVAL_OVERRIDE_PATH": str(tmp_path / "d.jsonl"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "evalplus.evaluate",
            "--dataset",
            "humaneval",
            "--samples",
            str(samples),
            "--parallel",
            "2",
        ],
        env=env,
        capture_output=True,
        check=True,
        cwd=tmp_path,
    )
    rows = json.loads((tmp_path / "s_eval_results.json").read_text())["eval"]["HumanEval/0"]
    return [(r["base_status"], r["plus_status"]) for r in rows]


def _codejudge_verdicts(plain_python: bool) -> list[tuple[str, str]]:
    tests = [
        TestCase(id=f"{g}/{i}", args=encode([v]), expected=encode(v), timeout_s=1.0, group=g)
        for g, values in (("base", (1, 2)), ("plus", (3,)))
        for i, v in enumerate(values)
    ]
    problem = Problem(id="HumanEval/0", prompt="def f(x):\n", entry_point="f", tests=tests)
    cfg = EvalConfig(dataset="humaneval", plain_python=plain_python)
    ex = get_executor("bwrap")
    try:
        verdicts = []
        for i, (_, code, _) in enumerate(PROBES):
            outcome = SampleOutcome(Candidate(problem_id="HumanEval/0", code=code, index=i), problem)
            for job in build_jobs(problem, outcome.candidate, cfg):
                result = ex.run(job, Limits(timeout_s=1.0, memory_mb=4096, result_bytes=1 << 20))
                outcome.groups.update({g: r for g, r in _split(result).items() if r is not None})
            verdicts.append((outcome.status("base"), outcome.status("plus")))
        return verdicts
    finally:
        ex.close()


def test_same_verdicts_as_evalplus_by_default_plain_python_on_request(tmp_path: Path) -> None:
    theirs = _evalplus_verdicts(tmp_path)
    ours = _codejudge_verdicts(plain_python=False)
    assert {n: v for (n, _, _), v in zip(PROBES, ours)} == {n: v for (n, _, _), v in zip(PROBES, theirs)}
    plain = _codejudge_verdicts(plain_python=True)
    want = [_plain(differs, v) for (_, _, differs), v in zip(PROBES, theirs)]
    assert {n: v for (n, _, _), v in zip(PROBES, plain)} == {n: v for (n, _, _), v in zip(PROBES, want)}


def _plain(differs: str | tuple[str, str] | None, evalplus: tuple[str, str]) -> tuple[str, str]:
    """The verdict expected under --plain-python: evalplus's, or the one given when it differs."""
    if differs is None:
        return evalplus
    return differs if isinstance(differs, tuple) else (differs, differs)
