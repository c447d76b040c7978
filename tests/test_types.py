"""The shared value types round-trip through JSON, field for field."""

from __future__ import annotations

import dataclasses
import json

from codejudge.types import ExecResult, TestResult, TestStatus


def test_exec_result_round_trip_keeps_every_field() -> None:
    # TestResult/ExecResult.to_dict are spelled out for speed: a new field must be added there too
    t = TestResult(id="1", status=TestStatus.FAILED, expected={"$tuple": [1]}, actual=[2], exception="E: x",
                   exc_line=3, exc_in_library=True, duration_s=0.5, detail="d", group="plus")
    assert set(t.to_dict()) == {f.name for f in dataclasses.fields(TestResult)}
    e = ExecResult(job_id="j", tests=[t], stdout="o", stderr="e", duration_s=1.0, backend="bwrap", detail="x")
    d = e.to_dict()
    assert set(d) == {f.name for f in dataclasses.fields(ExecResult)} | {"status"}
    assert d["status"] == "failed"
    assert ExecResult.from_dict(json.loads(json.dumps(d))) == e
