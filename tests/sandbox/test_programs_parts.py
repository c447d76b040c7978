"""Program-job parts that need no sandbox: the record relay's checks, the build cache, limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.errors import ConfigError
from codejudge.sandbox import harness, polyrun, programs
from codejudge.sandbox.base import Job, Limits
from codejudge.sandbox.programs import Build, BuildCache, build_limits, run_limits
from codejudge.types import TestCase

NONCE = "0123456789abcdef0123456789abcdef"


def test_relay_passes_stamped_records_in_runner_format(capfd) -> None:
    relay = polyrun.Relay({"tests": [{"id": "0"}, {"id": "1"}]}, NONCE)
    relay.feed(
        f'{NONCE} {{"id":"0","v":[1,2.5],"t":0.01}}\n{NONCE} {{"id":"1","e":{{"type":"panic",'
        f'"message":"boom"}}}}\n{NONCE} {{"id":"__end__"}}\n'.encode()
    )
    # Held until the program ends: output past the cap would void these tests (polyrun.run).
    assert capfd.readouterr().out == ""
    relay.flush()
    out = [json.loads(x) for x in capfd.readouterr().out.splitlines()]
    assert out == [
        {"id": "0", "dur": 0.01, "value": [1, 2.5]},
        {
            "id": "1",
            "dur": 0.0,
            "error": {"type": "panic", "message": "boom", "line": None, "in_library": False},
        },
    ]
    assert relay.ended and not relay.forged and relay.missing() == []


@pytest.mark.parametrize(
    "line",
    [
        b'{"id":"0","v":3}\n',  # no nonce (a print that reached fd 3)
        b'ffffffffffffffffffffffffffffffff {"id":"0","v":3}\n',  # a guessed nonce
        NONCE.encode() + b' {"id":"7","v":3}\n',  # an id the job does not have
        NONCE.encode() + b' {"id":"0"}\n',  # no outcome
        NONCE.encode() + b" not json\n",
    ],
)
def test_relay_flags_forged_records(capfd, line: bytes) -> None:
    relay = polyrun.Relay({"tests": [{"id": "0"}]}, NONCE)
    relay.feed(line)
    relay.flush()
    assert relay.forged and capfd.readouterr().out == ""


def test_relay_waits_for_complete_lines(capfd) -> None:
    relay = polyrun.Relay({"tests": [{"id": "0"}]}, NONCE)
    relay.feed(f'{NONCE} {{"id":"0",'.encode())
    assert capfd.readouterr().out == "" and relay.missing() == ["0"]
    relay.feed(b'"v":1}\n')
    relay.flush()
    assert json.loads(capfd.readouterr().out)["value"] == 1 and relay.missing() == []


def test_build_cache_memory_and_disk(tmp_path: Path) -> None:
    cache = BuildCache(max_bytes=10, disk=str(tmp_path))
    cache.put("k1", Build(ok=True, artifact=b"12345678"))
    cache.put("k2", Build(ok=False, diag="error: x"))
    cache.put("k3", Build(ok=True, artifact=b"abcdefgh"))  # memory over 10 bytes: k1 leaves memory
    assert cache.get("k3").artifact == b"abcdefgh" and cache.get("k3").cached
    fresh = BuildCache(disk=str(tmp_path))  # another process: the disk still has all three
    assert fresh.get("k1").artifact == b"12345678"
    assert fresh.get("k2").ok is False and fresh.get("k2").diag == "error: x"
    assert fresh.get("nope") is None


def test_limits_are_raised_to_the_language_floor() -> None:
    base = Limits(memory_mb=256, nproc=8)
    assert run_limits(base, "java").memory_mb == 2048 and run_limits(base, "cpp").memory_mb == 256
    assert run_limits(base, "js").nproc >= 64
    b = build_limits(base, "rust")
    assert b.memory_mb >= 2048 and b.workdir_mb >= 512 and b.job_timeout_s > harness.BUILD_TIMEOUT_S


def test_job_shape_errors_are_config_errors() -> None:
    def run(job: Job) -> None:
        programs.run_program_job(
            job,
            Limits(),
            None,
            "test",
            programs.ProgramHost("test", "/cjlib", lambda lang: None, lambda lang: "x"),
        )

    with pytest.raises(ConfigError, match="marks|test_program"):
        run(
            Job(
                id="j",
                kind="program",
                language="js",
                source="",
                tests=[TestCase(id="0", kind="call", script="f()")],
            )
        )
    with pytest.raises(ConfigError, match="language 'python'"):
        run(Job(id="j", kind="program", language="python", source="", tests=[]))
    with pytest.raises(ConfigError, match="kind 'function'"):
        run(Job(id="j", kind="program", language="js", source="", tests=[TestCase(id="0")]))
