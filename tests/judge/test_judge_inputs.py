from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.errors import InputError
from codejudge.judge.inputs import parse_tests, read_rows
from codejudge.values import decode


def _write(tmp_path: Path, rows: list[object]) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


GOOD = {"id": "1", "instruction": "Add.", "response_a": "a", "response_b": "b"}


def test_three_test_shapes() -> None:
    assert parse_tests("assert f(1) == 1")[0].script == "assert f(1) == 1"
    fn = parse_tests([{"input": [[1, 2], {"$tuple": [3]}], "output": {"k": 1}}])[0]
    assert decode(fn.args) == [[1, 2], (3,)] and decode(fn.expected) == {"k": 1}
    io = parse_tests([{"stdin": "1\n", "stdout": "2\n"}])[0]
    assert (io.kind, io.stdin, io.expected) == ("stdio", "1\n", "2\n")


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ({**GOOD, "response_b": 3}, 2, "response_b"),
        ({k: v for k, v in GOOD.items() if k != "instruction"}, 2, "instruction"),
        ({**GOOD, "tests": [{"input": [1], "output": 2}]}, 2, "entry_point"),
        ({**GOOD, "tests": [{"input": 1, "output": 2}], "entry_point": "f"}, 2, "tests"),
        ({**GOOD, "tests": 5}, 2, "tests"),
        ({**GOOD, "label": "C"}, 2, "label"),
    ],
)
def test_bad_rows_name_file_line_and_field(tmp_path: Path, row: dict, line: int, field: str) -> None:
    path = _write(tmp_path, [{**GOOD, "id": "0"}, row])
    with pytest.raises(InputError) as info:
        read_rows(path, "pairwise")
    err = info.value
    assert (Path(str(err.path)), err.line, err.field) == (path, line, field)
    assert f"{path}:{line}: field '{field}'" in str(err)


def test_invalid_json_and_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"rows.jsonl:2: not valid JSON"):
        read_rows(_write(tmp_path, [GOOD, "{not json"]), "pairwise")
    with pytest.raises(InputError, match="duplicate id"):
        read_rows(_write(tmp_path, [GOOD, GOOD]), "pairwise")


def test_single_mode_needs_response(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="field 'response'"):
        read_rows(_write(tmp_path, [GOOD]), "single")
    rows = read_rows(_write(tmp_path, [{"instruction": "x", "response": "y"}]), "single")
    assert rows[0].responses == ["y"] and rows[0].id == "1"


def test_a_row_without_language_asks_the_judge_to_tell_it(tmp_path: Path) -> None:
    (row,) = read_rows(_write(tmp_path, [GOOD]), "pairwise")
    assert row.language == "auto"
    (named,) = read_rows(_write(tmp_path, [{**GOOD, "language": "Rust"}]), "pairwise")
    assert named.language == "Rust"  # aliases are resolved where the code runs
