"""A scripted executor for unit tests of the layers above the sandbox.

Like httpx's ``MockTransport``: you hand it a function that answers each test,
and it plays the runner's part of the protocol. Everything after the runner is
real: the answers travel as runner records through ``dispatch.run_job``, so
the trusted comparator, the one-record-per-test rules, fail-fast and flaky
detection decide the verdicts exactly as for bwrap or Docker. What it does not
do is run code: the sandbox itself is tested by the contract suite on the real
backends (tests/sandbox/test_contract.py), never with this class.

An answer is what the runner would report for one test:

- ``Value(x)``: the function returned ``x`` (stdio: printed ``x``);
- ``Raise("ValueError", "bad")``: it raised;
- ``TIMEOUT``, ``MEMORY``, ``OUTPUT_LIMIT``: it hit that limit;
- ``None``: no record at all (the runner died: the verdict says crashed).

>>> from codejudge.sandbox.base import Job, Limits
>>> from codejudge.types import TestCase
>>> from codejudge.values import encode
>>> ex = ScriptedExecutor(lambda job, args, stdin: Value(sum(args)))
>>> job = Job("j", "function", "def add(a, b): ...", [TestCase("0", args=encode([1, 2]), expected=encode(3)),
...                                                      TestCase("1", args=encode([2, 2]), expected=encode(5))],
...           entry_point="add")
>>> [t.status.value for t in ex.run(job, Limits()).tests]
['passed', 'failed']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from codejudge.sandbox import dispatch
from codejudge.sandbox.base import Job, Limits, RawOutcome, Watch
from codejudge.types import ExecResult
from codejudge.values import decode, encode


@dataclass(frozen=True)
class Value:
    """The code returned (function jobs) or printed (stdio jobs) ``value``."""

    value: Any


@dataclass(frozen=True)
class Raise:
    """The code raised ``type_name: message`` (at ``line`` of the candidate, if known)."""

    type_name: str
    message: str = ""
    line: int | None = None


@dataclass(frozen=True)
class _Limit:
    record_key: str


TIMEOUT = _Limit("timeout")
MEMORY = _Limit("memory")
OUTPUT_LIMIT = _Limit("output_limit")

Answer = Value | Raise | _Limit | None
# respond(job, args, stdin) -> Answer. ``args`` is the decoded argument list of a function test
# (None for stdio); ``stdin`` the input of a stdio test (None for function tests).
Respond = Callable[[Job, "list[Any] | None", "str | None"], Answer]


class ScriptedExecutor:
    """An ``Executor`` whose runner is a Python function (see the module docstring)."""

    name = "scripted"

    def __init__(self, respond: Respond) -> None:
        self.respond = respond
        self.jobs: list[Job] = []  # every job run, for assertions on what the caller asked

    def run(self, job: Job, limits: Limits) -> ExecResult:
        if job.kind not in ("function", "stdio"):
            raise NotImplementedError(
                f"ScriptedExecutor answers function and stdio jobs, not {job.kind!r}: "
                "test script jobs on a real backend"
            )
        self.jobs.append(job)

        def exec_one(stdin: bytes, wall_s: float, seed: int, watch: Watch | None = None) -> RawOutcome:
            spec = json.loads(stdin)
            lines = []
            for test in spec["tests"]:
                args = decode(test["args"]) if job.kind == "function" else None
                answer = self.respond(job, args, test.get("stdin") if job.kind == "stdio" else None)
                if answer is None:
                    break  # the runner died here: no record for this test or any later one
                lines.append(json.dumps(_record(test["id"], answer, job.kind)) + "\n")
                if "value" not in _record(test["id"], answer, job.kind) and spec["stop_on_first_failure"]:
                    break
            out = "".join(lines).encode()
            stopped = bool(watch is not None and watch(out))
            return RawOutcome(
                stdout=out,
                stderr=b"",
                returncode=0 if len(lines) == len(spec["tests"]) else 1,
                stopped=stopped,
            )

        return dispatch.run_job(job, limits, exec_one, self.name)

    def close(self) -> None:
        pass


def _record(test_id: str, answer: Value | Raise | _Limit, kind: str) -> dict[str, Any]:
    if isinstance(answer, Value):
        value = answer.value if kind == "function" else str(answer.value)
        return {"id": test_id, "value": encode(value), "dur": 0.0}
    if isinstance(answer, Raise):
        return {
            "id": test_id,
            "dur": 0.0,
            "error": {
                "type": answer.type_name,
                "message": answer.message,
                "line": answer.line,
                "in_library": False,
            },
        }
    return {"id": test_id, answer.record_key: True, "dur": 0.0}
