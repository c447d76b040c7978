"""The contract every sandbox backend must meet: one suite, parametrized over backends.

A backend that cannot run here is skipped, unless CODEJUDGE_REQUIRE_BACKENDS
names it; then the test fails. The local backend has no isolation: it skips
the host-isolation cases (marked ``isolation``) but must still defeat every
verdict-faking trick, since verdicts are decided outside the candidate's process.
"""

from __future__ import annotations

import json
import os
import uuid

import pytest

from codejudge.errors import BackendUnavailable, MissingExtraError
from codejudge.sandbox import get_executor
from codejudge.sandbox.base import Job, Limits
from codejudge.types import ExecResult, TestCase, TestStatus
from codejudge.values import decode, encode

BACKENDS = ["bwrap", "docker", "local"]
GOOD = "def f(a, b):\n    return a + b\n"
HOST_SECRET = "cj-host-secret-" + uuid.uuid4().hex


def _required() -> set[str]:
    return {b for b in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", "").split(",") if b}


@pytest.fixture(scope="module", params=BACKENDS)
def executor(request: pytest.FixtureRequest):
    name = request.param
    os.environ["CODEJUDGE_TEST_SECRET"] = HOST_SECRET  # must never reach sandboxed code
    try:
        ex = get_executor(name, **({"unsafe": True} if name == "local" else {}))
    except (BackendUnavailable, MissingExtraError, ImportError) as exc:
        if name in _required():
            pytest.fail(f"backend {name} is required by CODEJUDGE_REQUIRE_BACKENDS but unavailable: {exc}")
        pytest.skip(f"backend {name} unavailable: {exc}")
    yield ex
    ex.close()


def isolated(executor) -> None:
    if executor.name == "local":
        pytest.skip("the local backend has no isolation (documented in docs/sandbox.md)")


def add_job(source: str, expected: tuple = (3, 4), timeout_s: float = 1.0, **kw) -> Job:
    """``f(a, b) == a + b``: tests (1, 2) -> 3 and (2, 2) -> 4."""
    tests = [
        TestCase(id="0", args=encode([1, 2]), expected=encode(expected[0]), timeout_s=timeout_s),
        TestCase(id="1", args=encode([2, 2]), expected=encode(expected[1]), timeout_s=timeout_s),
    ]
    return Job(id="add", kind="function", source=source, entry_point="f", tests=tests, **kw)


def run(executor, job: Job, job_timeout_s: float | None = None) -> ExecResult:
    return executor.run(job, Limits(timeout_s=1.0, memory_mb=512, nproc=32, job_timeout_s=job_timeout_s))


def bad(
    executor, source: str, *, expected_status: TestStatus | None = None, job_timeout_s: float | None = None
) -> ExecResult:
    """Run a bad solution: it must not pass, and a good one must pass right after."""
    res = run(executor, add_job(source), job_timeout_s)
    assert not res.passed, res.to_dict()
    if expected_status is not None:
        assert res.status is expected_status, res.to_dict()
    good = run(executor, add_job(GOOD))
    assert good.passed, good.to_dict()
    return res


# -- plain outcomes -------------------------------------------------------------------------


def test_correct(executor) -> None:
    res = run(executor, add_job("def f(a, b):\n    print('noise')\n    return a + b\n"))
    assert res.passed and [t.actual for t in res.tests] == [3, 4]
    assert res.backend == executor.name


def test_wrong(executor) -> None:
    res = bad(executor, "def f(a, b):\n    return a - b\n", expected_status=TestStatus.FAILED)
    assert [t.actual for t in res.tests] == [-1, 0]


def test_exception_has_line(executor) -> None:
    res = bad(
        executor, "def f(a, b):\n    x = 1\n    raise ValueError('boom')\n", expected_status=TestStatus.ERROR
    )
    assert res.tests[0].exception == "ValueError: boom" and res.tests[0].exc_line == 3
    assert not res.tests[0].exc_in_library
    lib = run(executor, add_job("import json\ndef f(a, b):\n    return json.loads('{')\n"))
    assert lib.tests[0].exc_in_library and lib.tests[0].exc_line == 3


def test_compute_only_job(executor) -> None:
    job = add_job("def f(a, b):\n    return (a, {b: float('nan')})\n")
    for t in job.tests:
        t.expected = None
    res = run(executor, job)
    assert res.passed and res.tests[0].actual == encode((1, {2: float("nan")}))


def test_huge_int_results(executor) -> None:
    # 10**5000 has 5001 digits: more than Python turns into text by default
    job = add_job("def f(a, b):\n    return 10 ** 5000 + a + b\n", expected=(10**5000 + 3, 10**5000 + 4))
    res = run(executor, job)
    assert res.passed, res.to_dict()


def test_infinite_loop(executor) -> None:
    bad(executor, "def f(a, b):\n    while True:\n        pass\n", expected_status=TestStatus.TIMEOUT)


def test_sleep_ignoring_alarm(executor) -> None:
    src = "import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\ndef f(a, b):\n    time.sleep(30)\n"
    # The outside wall clock (not the in-process alarm) must end it; both tests count as timed out.
    res = bad(executor, src, expected_status=TestStatus.TIMEOUT, job_timeout_s=3.0)
    assert [t.status for t in res.tests] == [TestStatus.TIMEOUT, TestStatus.TIMEOUT]


def test_cpu_loop_ignoring_alarm_is_cut_per_test(executor) -> None:
    # A C-level loop (or ignored SIGALRM) is ended by the per-test CPU budget, long before the
    # job's wall clock (here 60 s: 20 tests x 3 s).
    src = "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\ndef f(a, b):\n    while True:\n        pass\n"
    tests = [
        TestCase(id=str(i), args=encode([i, 1]), expected=encode(i + 1), timeout_s=1.0) for i in range(20)
    ]
    job = Job(id="cpu", kind="function", source=src, entry_point="f", tests=tests)
    res = executor.run(job, Limits(timeout_s=3.0, memory_mb=512, nproc=32))
    assert res.tests[0].status is TestStatus.TIMEOUT and not res.passed
    # The CPU budget cut it, not the job's wall clock. (Wall time is not asserted tightly: on
    # a loaded 2-core machine one CPU second took 15 s of wall time.)
    assert "CPU time" in (res.detail or ""), res.to_dict()
    assert res.duration_s < 60.0, res.to_dict()


def test_memory_bomb(executor) -> None:
    bad(
        executor,
        "def f(a, b):\n    x = bytearray(4 * 1024 ** 3)\n    return a + b\n",
        expected_status=TestStatus.MEMORY,
    )


def test_stdout_flood(executor) -> None:
    bad(
        executor,
        "def f(a, b):\n    print('x' * 10_000_000)\n    return a + b\n",
        expected_status=TestStatus.OUTPUT_LIMIT,
    )


def test_unserializable_and_fake_equality(executor) -> None:
    bad(
        executor,
        "class A:\n    def __eq__(self, o):\n        return True\ndef f(a, b):\n    return A()\n",
        expected_status=TestStatus.FAILED,
    )
    bad(
        executor,
        "class I(int):\n    def __eq__(self, o):\n        return True\ndef f(a, b):\n    return I(0)\n",
        expected_status=TestStatus.FAILED,
    )


def test_type_strict(executor) -> None:
    bad(executor, "def f(a, b):\n    return float(a + b)\n", expected_status=TestStatus.FAILED)
    bad(executor, "def f(a, b):\n    return True if a + b == 3 else a + b\n")


# -- faking the verdict (every backend, local included) -------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "import sys\nsys.exit(0)\n",
        "import os\nos._exit(0)\n",
        "raise SystemExit(0)\n",
        "import os\ndef f(a, b):\n    os._exit(0)\n",
        "import sys\ndef f(a, b):\n    sys.exit(0)\n",
        "def f(a, b):\n    raise SystemExit(0)\n",
        "import atexit, os\natexit.register(lambda: print('all tests passed'))\ndef f(a, b):\n    os._exit(0)\n",
    ],
    ids=[
        "exit-module",
        "_exit-module",
        "SystemExit-module",
        "_exit-test",
        "exit-test",
        "SystemExit-test",
        "atexit",
    ],
)
def test_exit_tricks(executor, source: str) -> None:
    bad(executor, source)


def test_patched_builtins_and_modules(executor) -> None:
    src = (
        "import builtins, json\n"
        "builtins.type = lambda *a: int\n"
        'json.dumps = lambda *a, **k: \'{"id": "0", "value": 3}\'\n'
        "builtins.isinstance = lambda *a: True\n"
        "def f(a, b):\n    return 0\n"
    )
    bad(executor, src)


def test_fake_output_lines(executor) -> None:
    src = (
        "import sys, os\n"
        "def f(a, b):\n"
        '    print(\'{"id": "0", "value": 3}\')\n'
        '    print(\'{"id": "1", "value": 4}\')\n'
        "    print('PASSED: all tests passed')\n"
        '    os.write(1, b\'{"id": "0", "value": 3}\\n\')\n'
        '    sys.__stdout__.write(\'{"id": "1", "value": 4}\\n\')\n'
        "    return 0\n"
    )
    bad(executor, src, expected_status=TestStatus.FAILED)


def test_fake_records_on_every_fd(executor) -> None:
    # Writes wrong-valued and "passed" records to every open fd, then exits before the runner.
    src = (
        "import os\n"
        "def f(a, b):\n"
        "    for fd in range(3, 1024):\n"
        '        for rec in (b\'{"id":"0","passed":true}\\n\', b\'{"id":"1","value":0}\\n\'):\n'
        "            try:\n                os.write(fd, rec)\n            except OSError:\n                pass\n"
        "    os._exit(0)\n"
    )
    bad(executor, src)
    # ...or only forges a duplicate for one test and otherwise behaves.
    dup = (
        "import os\n"
        "def f(a, b):\n"
        "    for fd in range(3, 1024):\n"
        '        try:\n            os.write(fd, b\'{"id":"1","value":4}\\n\')\n        except OSError:\n            pass\n'
        "    return a - b\n"
    )
    res = bad(executor, dup)
    assert res.status in (TestStatus.CRASHED, TestStatus.FAILED)


def test_stack_walking_finds_no_answer_key(executor) -> None:
    marker = "cj-expected-" + uuid.uuid4().hex
    src = (
        "import gc, sys\n"
        "def f(a, b):\n"
        "    found = []\n"
        "    frame = sys._getframe()\n"
        "    while frame is not None:\n"
        "        found += [repr(v) for v in frame.f_locals.values()]\n"
        "        frame = frame.f_back\n"
        "    for o in gc.get_objects():\n"
        "        if isinstance(o, (dict, list)):\n"
        "            found.append(repr(o)[:10000])\n"
        "    hits = [s for s in found if 'cj-expected-' in s]\n"
        "    return hits[0] if hits else 'nothing'\n"
    )
    res = run(executor, add_job(src, expected=(marker, marker)))
    assert res.status is TestStatus.FAILED
    assert all(marker not in json.dumps(t.actual) for t in res.tests)


def test_tampering_with_runner_files(executor) -> None:
    src = (
        "import os, sys\n"
        "for p in list(sys.modules.values()):\n"
        "    path = getattr(p, '__file__', None) or ''\n"
        "    if path.endswith(('runner.py', 'values.py')):\n"
        "        try:\n            open(path, 'w').write('import os\\nos._exit(0)\\n')\n"
        "        except OSError:\n            pass\n"
        "def f(a, b):\n    return 0\n"
    )
    bad(executor, src)


def test_first_wrong_answer_stops_the_runner(executor) -> None:
    # The runner cannot know an answer is wrong (it never sees expected outputs): the parent
    # judges records as they stream in and kills it; here test 1 would otherwise sleep 5 s.
    src = "import time\ndef f(a, b):\n    if a == 2:\n        time.sleep(5)\n    return a - b\n"
    tests = [
        TestCase(id=str(i), args=encode([i + 1, 2]), expected=encode(i + 3), timeout_s=10.0) for i in range(3)
    ]
    job = Job(id="ff", kind="function", source=src, entry_point="f", tests=tests, stop_on_first_failure=True)
    res = run(executor, job)
    assert [t.status for t in res.tests] == [TestStatus.FAILED, TestStatus.SKIPPED, TestStatus.SKIPPED]
    assert res.tests[0].actual == -1 and res.duration_s < 4.0, res.to_dict()
    good = run(executor, add_job(GOOD))
    assert good.passed, good.to_dict()


def test_fresh_module_per_group(executor) -> None:
    # evalplus runs base and plus in separate namespaces: module state must not carry over
    src = "calls = []\ndef f(a, b):\n    calls.append(a)\n    return len(calls)\n"
    tests = [
        TestCase(id=f"{g}/{i}", args=encode([i, 0]), group=g) for g in ("base", "plus") for i in range(2)
    ]
    job = Job(
        id="groups", kind="function", source=src, entry_point="f", tests=tests, fresh_module_per_group=True
    )
    assert [decode(t.actual) for t in run(executor, job).tests] == [1, 2, 1, 2]
    job.fresh_module_per_group = False
    assert [decode(t.actual) for t in run(executor, job).tests] == [1, 2, 3, 4]


def test_first_failure_ends_only_its_group(executor) -> None:
    # base fails on its first test (wrong answer) and plus on its second (exception): each group
    # stops at its own first failure, as two separate evalplus runs would
    src = "def f(a, b):\n    if a == 11:\n        raise ValueError(a)\n    return a + b if a != 0 else -1\n"
    tests = [
        TestCase(id=f"{g}/{i}", args=encode([a, 1]), expected=encode(a + 1), group=g)
        for g, vals in (("base", (0, 1, 2)), ("plus", (10, 11, 12)))
        for i, a in enumerate(vals)
    ]
    job = Job(
        id="g",
        kind="function",
        source=src,
        entry_point="f",
        tests=tests,
        stop_on_first_failure=True,
        meta={"fresh_module_per_group": True},
    )
    got = [t.status for t in run(executor, job).tests]
    assert got == [
        TestStatus.FAILED,
        TestStatus.SKIPPED,
        TestStatus.SKIPPED,
        TestStatus.PASSED,
        TestStatus.ERROR,
        TestStatus.SKIPPED,
    ], got


def test_flaky_across_seeds(executor) -> None:
    src = "def f(a, b):\n    return a + b + hash('salt') % 2\n"
    res = run(executor, add_job(src, seeds=(0, 1, 2, 3)))
    assert not res.passed


def test_stdio_job(executor) -> None:
    src = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\nsys.exit(0)\n"
    tests = [
        TestCase(id="0", kind="stdio", stdin="1 2\n", expected="3\n"),
        TestCase(id="1", kind="stdio", stdin="5 5", expected="10"),
    ]
    res = run(executor, Job(id="io", kind="stdio", source=src, tests=tests))
    assert res.passed, res.to_dict()
    wrong = run(executor, Job(id="io", kind="stdio", source=src.replace("a + b", "a * b"), tests=tests))
    assert [t.status for t in wrong.tests] == [TestStatus.FAILED, TestStatus.FAILED]


def test_script_job_converted_and_relayed(executor) -> None:
    converted = "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert abs(candidate(0.1, 0.2) - 0.3) < 1e-9\n"
    relayed = (
        "def check(candidate):\n    import random\n"
        "    for _ in range(20):\n        x, y = random.randint(0, 99), random.randint(0, 99)\n"
        "        assert candidate(x, y) == x + y\n"
    )
    tests = [
        TestCase(id="c", kind="script", script=converted),
        TestCase(id="r", kind="script", script=relayed),
    ]
    res = run(executor, Job(id="s", kind="script", source=GOOD, entry_point="f", tests=tests))
    assert res.passed, res.to_dict()
    for source in (
        "def f(a, b):\n    return a - b\n",
        "import sys\nsys.exit(0)\n",
        "class A:\n    def __eq__(s, o):\n        return True\ndef f(a, b):\n    return A()\n",
    ):
        res = run(executor, Job(id="s", kind="script", source=source, entry_point="f", tests=tests))
        assert [t.passed for t in res.tests] == [False, False], res.to_dict()


# -- host isolation (bwrap, docker) ---------------------------------------------------------


def test_fork_bomb(executor) -> None:
    isolated(executor)
    src = (
        "import os\n"
        "def f(a, b):\n"
        "    n = 0\n"
        "    while True:\n"
        "        try:\n            pid = os.fork()\n        except OSError:\n            return -1\n"
        "        if pid == 0:\n            while True:\n                pass\n"
    )
    bad(executor, src)


def test_network_is_unreachable(executor) -> None:
    isolated(executor)
    src = (
        "import socket\n"
        "def f(a, b):\n"
        "    socket.create_connection(('1.1.1.1', 53), timeout=0.5).close()\n"
        "    return a + b\n"
    )
    res = bad(executor, src, expected_status=TestStatus.ERROR)
    assert "Error" in res.tests[0].exception


def test_cannot_write_host(executor, tmp_path) -> None:
    isolated(executor)
    target = tmp_path / "pwned.txt"
    src = (
        f"def f(a, b):\n"
        f"    for p in ({str(target)!r}, '/tmp/cj-pwned-{uuid.uuid4().hex}', '/etc/cj-pwned', '/usr/cj-pwned'):\n"
        f"        open(p, 'w').write('x')\n"
        f"    return a + b\n"
    )
    res = bad(executor, src, expected_status=TestStatus.ERROR)
    assert not target.exists()
    assert not os.path.exists("/etc/cj-pwned") and not os.path.exists("/usr/cj-pwned")
    assert res.tests[0].exception


def test_cannot_read_host_secrets(executor) -> None:
    isolated(executor)
    src = (
        "import os\n"
        "def f(a, b):\n"
        "    seen = [repr(dict(os.environ))]\n"
        "    for pid in os.listdir('/proc'):\n"
        "        for name in ('environ', 'cmdline'):\n"
        "            try:\n                seen.append(open(f'/proc/{pid}/{name}', 'rb').read().decode('latin-1'))\n"
        "            except OSError:\n                pass\n"
        "    for path in ('/etc/shadow', '/root'):\n"
        "        try:\n"
        "            seen.append(open(path).read() if path != '/root' else repr(os.listdir(path)))\n"
        "        except OSError as e:\n            seen.append(type(e).__name__)\n"
        "    seen.append(repr(os.path.exists('/var/run/docker.sock')))\n"
        "    return seen\n"
    )
    res = run(executor, add_job(src))
    assert res.status is TestStatus.FAILED
    seen = res.tests[0].actual
    blob = json.dumps(seen)
    assert HOST_SECRET not in blob
    assert "root:" not in blob  # /etc/shadow unreadable
    assert seen[-1] == "False"  # no Docker socket inside
    assert os.environ["CODEJUDGE_TEST_SECRET"] == HOST_SECRET


def test_cannot_kill_parent(executor) -> None:
    isolated(executor)
    for src in (
        "import os, signal\ndef f(a, b):\n    os.kill(os.getppid(), signal.SIGKILL)\n    return 0\n",
        "import os, signal\ndef f(a, b):\n    os.kill(-1, signal.SIGKILL)\n    return 0\n",
        "import os, signal\ndef f(a, b):\n    os.killpg(0, signal.SIGKILL)\n    return 0\n",
    ):
        bad(executor, src)
    os.kill(os.getpid(), 0)  # still alive
