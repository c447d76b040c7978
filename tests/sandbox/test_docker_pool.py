"""Docker backend specifics: warm pool reuse, clean state between jobs, discarding
containers that misbehaved, attribution of OOM kills and output floods."""

from __future__ import annotations

import os
import threading

import pytest

from codejudge.errors import BackendUnavailable
from codejudge.sandbox.base import Job, Limits
from codejudge.types import TestCase, TestStatus
from codejudge.values import encode

pytestmark = pytest.mark.docker


def docker_executor(**options):
    """A DockerExecutor, or a skip (a failure when CI requires the docker backend)."""
    from codejudge.sandbox.docker import DockerExecutor

    try:
        return DockerExecutor(**options)
    except BackendUnavailable as exc:
        if "docker" in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", "").split(","):
            raise
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def ex():
    executor = docker_executor(pool_size=4)
    yield executor
    executor.close()


@pytest.fixture()
def ex1():
    """A pool of one: which container ran a job is unambiguous."""
    executor = docker_executor(pool_size=1)
    yield executor
    executor.close()


def _gone(executor, cid: str) -> bool:
    import docker

    for th in list(executor._reapers):
        th.join(timeout=30)
    try:
        executor.client.api.inspect_container(cid)
    except docker.errors.NotFound:
        return True
    return False


def job(source: str, args: list | None = None, timeout_s: float = 2.0, expected: object = None) -> Job:
    return Job(
        id="j",
        kind="function",
        source=source,
        entry_point="f",
        tests=[
            TestCase(
                id="0",
                args=encode(args or []),
                expected=None if expected is None else encode(expected),
                timeout_s=timeout_s,
            )
        ],
    )


def outcome(ex, j: Job, limits: Limits | None = None):
    res = ex.run(j, limits or Limits())
    return res.tests[0]


def test_warm_container_is_reused_for_well_behaved_jobs(ex) -> None:
    before = len(ex.started)
    for n in range(3):
        t = outcome(ex, job("def f(a, b):\n    return a + b\n", [n, 2], expected=n + 2))
        assert t.status is TestStatus.PASSED
    assert len(ex.started) - before <= 1  # at most one fresh container for three jobs


def test_no_files_or_processes_survive_into_the_next_job(ex) -> None:
    writer = (
        "import os, subprocess, sys\n"
        "def f():\n"
        "    open('/tmp/left', 'w').write('x')\n"
        "    open('left', 'w').write('x')\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        import time; time.sleep(60)\n"
        "    return os.getcwd()\n"
    )
    t = outcome(ex, job(writer))
    assert t.status is TestStatus.PASSED and t.actual == encode("/work/job")
    reader = (
        "import os\n"
        "def f():\n"
        "    mine = [p for p in os.listdir('/proc') if p.isdigit() and os.stat('/proc/' + p).st_uid == os.getuid()]\n"
        "    return [os.path.exists('/tmp/left'), os.path.exists('left'), os.listdir('/work'), len(mine)]\n"
    )
    t = outcome(ex, job(reader))
    assert t.status is TestStatus.PASSED
    assert t.actual == encode([False, False, ["job"], 1])  # only the runner itself


def test_wall_clock_kill_discards_the_container(ex1) -> None:
    assert outcome(ex1, job("def f():\n    return 1\n")).status is TestStatus.PASSED
    (warm,) = [box.id for box in ex1._idle]
    # SIGALRM ignored: the runner's own per-test timer cannot stop this, only the wall clock
    spin = "import signal\ndef f():\n    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n    while True:\n        pass\n"
    t = outcome(ex1, job(spin, timeout_s=0.5), Limits(job_timeout_s=1.5))
    assert t.status is TestStatus.TIMEOUT
    assert warm not in [box.id for box in ex1._idle]
    assert _gone(ex1, warm)  # removed, not just dropped from the pool
    assert outcome(ex1, job("def f():\n    return 1\n")).status is TestStatus.PASSED


def test_leftover_process_discards_the_container(ex1) -> None:
    assert outcome(ex1, job("def f():\n    return 1\n")).status is TestStatus.PASSED
    (warm,) = [box.id for box in ex1._idle]
    spawn = "import os\ndef f():\n    if os.fork() == 0:\n        os.setsid()\n        os.execv('/usr/bin/python3', ['python3', '-c', 'import time; time.sleep(60)'])\n    return 1\n"
    assert outcome(ex1, job(spawn)).status is TestStatus.PASSED  # the answer stands; the container goes
    assert warm not in [box.id for box in ex1._idle]


def test_oom_kill_is_attributed_to_memory(ex) -> None:
    hog = "def f():\n    x = b'a' * (400 * 1024 * 1024)\n    return len(x)\n"
    t = outcome(ex, job(hog, timeout_s=5.0), Limits(memory_mb=128))
    assert t.status is TestStatus.MEMORY, t.detail


def test_result_channel_flood_is_output_limit_and_discarded(ex) -> None:
    flood = (
        "import os\n"
        "def f():\n"
        "    for fd in range(3, 64):\n"
        "        try:\n"
        "            for _ in range(40):\n"
        "                os.write(fd, b'x' * 65536)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return 1\n"
    )
    n_before = len(ex.started)
    t = outcome(ex, job(flood, timeout_s=5.0), Limits(result_bytes=256 * 1024))
    assert t.status is TestStatus.OUTPUT_LIMIT, t.detail
    outcome(ex, job("def f():\n    return 1\n"))
    assert len(ex.started) > n_before  # the flooded container was replaced


def test_candidate_cannot_signal_or_read_the_agent(ex) -> None:
    probe = (
        "import os, signal\n"
        "def f():\n"
        "    hits = []\n"
        "    for p in os.listdir('/proc'):\n"
        "        if p.isdigit() and int(p) != os.getpid():\n"
        "            try:\n"
        "                os.kill(int(p), signal.SIGKILL)\n"
        "                hits.append('kill ' + p)\n"
        "            except OSError:\n"
        "                pass\n"
        "            try:\n"
        "                open('/proc/%s/environ' % p, 'rb').read()\n"
        "                hits.append('environ ' + p)\n"
        "            except OSError:\n"
        "                pass\n"
        "    return [hits, os.getuid()]\n"
    )
    t = outcome(ex, job(probe))
    assert t.status is TestStatus.PASSED
    assert t.actual == encode([[], 1000])
    assert outcome(ex, job("def f():\n    return 2\n", expected=2)).status is TestStatus.PASSED


def test_threads_share_the_pool(ex) -> None:
    results: list[TestStatus] = []

    def work(k: int) -> None:
        for n in range(3):
            results.append(
                outcome(
                    ex, job("def f(a):\n    return a * 2\n", [k * 10 + n], expected=(k * 10 + n) * 2)
                ).status
            )

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [TestStatus.PASSED] * 12
    assert len(ex._idle) <= ex.pool_size


def test_fork_bomb_is_contained_and_the_pool_recovers(ex1) -> None:
    bomb = (
        "import os, signal\n"
        "def f():\n"
        "    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "    while True:\n"
        "        try:\n"
        "            os.fork()\n"
        "        except OSError:\n"
        "            pass\n"
    )
    t = outcome(ex1, job(bomb, timeout_s=1.0), Limits(job_timeout_s=2.0, nproc=32))
    assert t.status is not TestStatus.PASSED
    assert outcome(ex1, job("def f():\n    return 5\n", expected=5)).status is TestStatus.PASSED
