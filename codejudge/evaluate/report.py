"""Per-sample outcomes and the two result files.

* ``eval_results.json``: evalplus 0.3.1's format, field for field::

      {"date": "YYYY-MM-DD HH:MM", "hash": <dataset md5>,
       "eval": {task_id: [{"task_id", "solution", "base_status", "plus_status",
                           "base_fail_tests", "plus_fail_tests"}, ...]}}

  statuses "pass"/"fail"/"timeout" (``plus_status`` is null for a base-only set; "timeout"
  when the group's process did not finish in time, as evalplus reports it);
  a failing group lists its first failing input, as evalplus does by default.
* ``results.jsonl``: one codejudge record per sample, written as soon as the
  sample is done: per-test statuses, every failure with input, expected and
  actual output, exception and line, and the mistake tags.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from codejudge.problems import mbpp_inputs
from codejudge.sandbox.protocol import PROCESS_TIMEOUTS
from codejudge.types import Candidate, ExecResult, Problem, TestCase, TestResult, TestStatus
from codejudge.values import NotPlainData, decode

MAX_FAILURES = 20  # failures kept per group in results.jsonl
MAX_VALUE_CHARS = 4096  # an input or output longer than this as JSON is kept as a preview


def jsonable(value: Any) -> Any:
    """Plain JSON for a decoded value (tuples and sets become lists), as json.dump would write it."""
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [jsonable(v) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(value, dict):
        return {
            k if isinstance(k, (str, int, float, bool)) or k is None else repr(k): jsonable(v)
            for k, v in value.items()
        }
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def clip(value: Any, limit: int = MAX_VALUE_CHARS) -> Any:
    """``value``, or a preview of it when its JSON is longer than ``limit`` characters: some
    HumanEval+ outputs are megabytes, and a report line per failure must stay readable."""
    try:
        text = json.dumps(value)
    except ValueError:  # e.g. an int over 4300 digits: Python will not print it in decimal
        return {"preview": f"<{type(value).__name__} not printable as JSON>", "chars": None}
    except TypeError:
        return value
    return value if len(text) <= limit else {"preview": text[:limit], "chars": len(text)}


def _plain(tagged: Any) -> Any:
    try:
        return jsonable(decode(tagged))
    except (NotPlainData, RecursionError):
        return tagged


def _value(tagged: Any) -> Any:
    return clip(_plain(tagged))


@dataclass
class SampleOutcome:
    """Everything known about one sample once its jobs are done."""

    candidate: Candidate
    problem: Problem
    groups: dict[str, ExecResult] = field(default_factory=dict)  # "base" / "plus" -> result
    findings: list[dict[str, Any]] = field(default_factory=list)
    analysis_note: str = ""
    tags: list[dict[str, Any]] = field(default_factory=list)  # combined, with confidence (analyze.combine)
    reason: dict[str, Any] | None = None  # heuristic (analyze.reasons)
    disagreement: dict[str, Any] | None = None  # repair and reference name different categories
    diagnosis: dict[str, Any] | None = None  # repair diagnosis: status, candidates tried, seconds

    def status(self, group: str) -> str | None:
        if group == "plus" and self.problem.base_only:
            return None  # as evalplus writes for a base-only evaluation
        result = self.groups.get(group)  # a group without inputs has a load check (engine._loads_job)
        if result is not None and result.passed:
            return "pass"
        bad = self.first_failure(group)
        if bad is not None and bad.status is TestStatus.TIMEOUT and bad.detail.startswith(PROCESS_TIMEOUTS):
            return "timeout"  # the process did not finish in time: evalplus's third status
        return "fail"

    def first_failure(self, group: str) -> TestResult | None:
        result = self.groups.get(group)
        if result is None:
            return None
        return next(
            (t for t in result.tests if t.status not in (TestStatus.PASSED, TestStatus.SKIPPED)), None
        )

    def fail_inputs(self, group: str) -> list[Any]:
        bad = self.first_failure(group)
        status = self.status(group)
        if bad is None or status == "pass":
            return []
        if status == "timeout":  # evalplus names the last input that finished before the kill, if any
            tests = self.groups[group].tests
            before = next((i for i, t in enumerate(tests) if t is bad), 0) - 1
            if before < 0 or not tests[before].passed:
                return []
            bad = tests[before]
        test = self._test(bad.id)
        if test is not None and test.kind == "call":  # a test program's call, as its source text
            return [test.script]
        if test is None or test.kind != "function":
            return []
        inputs = [_plain(test.args)]  # whole, as evalplus writes them
        if self.problem.meta.get("dataset") == "mbpp":
            inputs = mbpp_inputs.serialize(mbpp_inputs.task_number(self.problem.id), inputs)
        return inputs

    def _test(self, test_id: str) -> TestCase | None:
        return next((t for t in self.problem.tests if t.id == test_id), None)

    def evalplus_entry(self) -> dict[str, Any]:
        return {
            "task_id": self.problem.id,
            "solution": self.candidate.code,
            "base_status": self.status("base"),
            "plus_status": self.status("plus"),
            "base_fail_tests": self.fail_inputs("base"),
            "plus_fail_tests": self.fail_inputs("plus"),
        }

    def record(self) -> dict[str, Any]:
        groups = {}
        for name, result in self.groups.items():
            counts: dict[str, int] = {}
            for t in result.tests:
                counts[t.status.value] = counts.get(t.status.value, 0) + 1
            failures: list[dict[str, Any]] = []
            for t in result.tests:
                if t.status in (TestStatus.PASSED, TestStatus.SKIPPED) or len(failures) >= MAX_FAILURES:
                    continue
                test = self._test(t.id)
                expected, actual = t.expected, t.actual
                if self.problem.boxed:  # see engine.box_none_expected
                    expected = expected[0] if type(expected) is list and len(expected) == 1 else expected
                    actual = actual[0] if type(actual) is list and len(actual) == 1 else actual
                failures.append(
                    {
                        "test": t.id,
                        "status": t.status.value,
                        "input": _value(test.args)
                        if test is not None and test.args is not None
                        else test.script
                        if test is not None and test.kind == "call"
                        else None,
                        "expected": _value(expected),
                        "actual": _value(actual),
                        "exception": t.exception,
                        "line": t.exc_line,
                        "in_library": t.exc_in_library,
                        "detail": t.detail,
                        "seconds": round(t.duration_s, 6),
                        "verdict_source": t.verdict_source,
                    }
                )
            groups[name] = {
                "status": result.status.value,
                "counts": counts,
                "failures": failures,
                "stderr": result.stderr[-2000:],
                "detail": result.detail,
                "seconds": round(result.duration_s, 4),
            }
        return {
            "task_id": self.problem.id,
            "index": self.candidate.index,
            "origin": self.candidate.origin,
            "base_status": self.status("base"),
            "plus_status": self.status("plus"),
            "groups": groups,
            "findings": self.findings,
            "tags": self.tags,
            "reason": self.reason,
            "disagreement": self.disagreement,
            "diagnosis": self.diagnosis,
            "analysis_note": self.analysis_note,
        }


def write_eval_results(path: Path, outcomes: list[SampleOutcome], dataset_hash: str) -> dict[str, Any]:
    """Write evalplus's ``eval_results.json`` (tasks in dataset order, samples by index)."""
    results: dict[str, Any] = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "hash": dataset_hash,
        "eval": {},
    }
    for o in sorted(outcomes, key=lambda o: (o.problem.meta.get("line", 0), o.candidate.index)):
        results["eval"].setdefault(o.problem.id, []).append(o.evalplus_entry())
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results), encoding="utf-8")
    tmp.replace(path)
    return results
