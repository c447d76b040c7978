"""The one JSONL reader and result log every command uses."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from codejudge.errors import InputError
from codejudge.jsonl import ResultLog, iter_jsonl, read_jsonl, write_jsonl


def test_reader_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "n": 1}\n\n{"id": "b"}\n')
    with pytest.raises(InputError) as info:
        read_jsonl(path, required=("id", "n"))
    assert str(info.value).startswith(f"{path}:3: field 'n': missing required field")


def test_reader_checks_types_and_says_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "n": true}\n')
    with pytest.raises(InputError, match=r"rows.jsonl:1: field 'n': expected an integer, got bool"):
        read_jsonl(path, required={"id": str, "n": int})


def test_reader_reports_invalid_json_and_non_objects(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a"}\n[1, 2]\n{oops\n')
    with pytest.raises(InputError, match=r":2: expected a JSON object, got list"):
        read_jsonl(path)
    bad: list[str] = []
    rows = list(iter_jsonl(path, skip_bad=True, bad=bad))
    assert rows == [(1, {"id": "a"})]
    assert len(bad) == 2 and ":3: not valid JSON" in bad[1]


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_jsonl(tmp_path / "nope.jsonl")


def test_result_log_resumes_and_cuts_a_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "out" / "results.jsonl"
    with ResultLog(path, key="id") as out:
        for i in range(3):
            out.append({"id": f"r{i}", "value": "é"})
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "r3", "val')  # killed mid-write
    again = ResultLog(path, key="id")
    assert again.done() == {"r0", "r1", "r2"}
    assert path.read_text(encoding="utf-8").endswith('"é"}\n')
    again.append({"id": "r3", "value": 3})
    again.close()
    assert [r["id"] for r in read_jsonl(path)] == ["r0", "r1", "r2", "r3"]


def test_result_log_refuses_a_corrupt_middle_line(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text('{"id": 1}\nnot json\n{"id": 2}\n')
    with pytest.raises(InputError, match=r"results.jsonl:2: not valid JSON.*delete it to start over"):
        ResultLog(path).done()


def test_result_log_key_function_and_threads(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    out = ResultLog(path, key=lambda r: (r["task"], r["index"]))
    threads = [
        threading.Thread(
            target=lambda i=i: [out.append({"task": "t", "index": i * 100 + j}) for j in range(100)]
        )
        for i in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.close()
    assert ResultLog(path, key=lambda r: (r["task"], r["index"])).done() == {("t", i) for i in range(400)}


def test_write_jsonl_replaces(tmp_path: Path) -> None:
    path = tmp_path / "a" / "rows.jsonl"
    assert write_jsonl(path, [{"x": 1}, {"x": 2}]) == 2
    assert write_jsonl(path, [{"x": 3}]) == 1
    assert read_jsonl(path) == [{"x": 3}]
