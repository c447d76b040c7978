from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from codejudge.errors import DatasetHashError, InputError, UnknownNameError
from codejudge.problems import load, mbpp_inputs
from codejudge.values import decode

HEP = "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz"
MINI = "humanevalplus/HumanEvalPlus-Mini-v0.1.10.jsonl.gz"
MBPP = "mbppplus/MbppPlus-v0.2.0.jsonl.gz"


def test_plain_humaneval_from_package() -> None:
    problems = load("humaneval")
    assert len(problems) == 164
    p = problems[32]
    assert p.id == "HumanEval/32" and p.version == "1.0.3"
    assert p.tests[0].kind == "script" and "def check" in p.tests[0].script
    assert "def poly" in p.check_prelude and p.base_only


def test_humanevalplus_release(shared_data: Path) -> None:
    problems = load("humanevalplus", shared_data / HEP)
    assert len(problems) == 164
    base = sum(t.group == "base" for p in problems for t in p.tests)
    plus = sum(t.group == "plus" for p in problems for t in p.tests)
    assert (base, plus) == (1570, 122683)  # the counts the dataset card states
    p32 = problems[32]
    assert p32.tests[0].oracle == "humaneval_find_zero" and p32.atol == 1e-4
    assert p32.meta["hash"] == "fe585eb4df8c88d844eeb463ea4d0302"
    assert all(t.expected is None for t in p32.tests)  # computed later, in the sandbox


def test_mbppplus_special_inputs(shared_data: Path) -> None:
    problems = {p.id: p for p in load("mbppplus", shared_data / MBPP)}
    assert len(problems) == 378
    assert decode(problems["Mbpp/2"].tests[0].args) == [(3, 4, 5, 6), (5, 7, 4, 10)]  # tuples restored
    assert problems["Mbpp/2"].tests[0].oracle == "mbpp_set_eq"
    assert decode(problems["Mbpp/124"].tests[0].args) == ["0", "1j"]  # complex stays text ...
    assert "complex(b)" in (problems["Mbpp/124"].adapter or "")  # ... and is converted in the sandbox
    assert problems["Mbpp/737"].call == mbpp_inputs.ADAPTER_ENTRY
    assert not [t for t in problems["Mbpp/793"].tests if t.group == "plus"]  # stored as {}


def test_decompressed_jsonl_is_identified_by_md5(shared_data: Path, tmp_path: Path) -> None:
    plain = tmp_path / "mini.jsonl"
    plain.write_bytes(gzip.decompress((shared_data / MINI).read_bytes()))
    problems = load("humanevalplus", plain)
    assert len(problems) == 164 and problems[0].version == "v0.1.10"


def test_wrong_hash_names_file_and_pins(shared_data: Path, tmp_path: Path) -> None:
    rows = gzip.decompress((shared_data / MINI).read_bytes()).splitlines()[:3]
    bad = tmp_path / "HumanEvalPlus-v0.1.10.jsonl.gz"
    bad.write_bytes(gzip.compress(b"\n".join(rows) + b"\n"))
    with pytest.raises(DatasetHashError) as err:
        load("humanevalplus", bad)
    msg = str(err.value)
    assert str(bad) in msg and "272720b9" in msg and err.value.field == "sha256"
    assert len(load("humanevalplus", bad, verify=False)) == 3


def test_malformed_row_names_file_line_field(tmp_path: Path) -> None:
    f = tmp_path / "mine.jsonl"
    good = {
        "task_id": "t/0",
        "prompt": "",
        "entry_point": "f",
        "canonical_solution": "def f(x): return x",
        "base_input": [[1]],
    }
    f.write_text(json.dumps(good) + "\n\n" + json.dumps({**good, "base_input": 5}) + "\n")
    with pytest.raises(InputError) as err:
        load("jsonl", f)
    assert (err.value.path, err.value.line, err.value.field) == (f, 3, "base_input")
    assert f"{f}:3: field 'base_input'" in str(err.value)
    f.write_text(json.dumps(good) + "\n{not json\n")
    with pytest.raises(InputError) as err:
        load("jsonl", f)
    assert err.value.line == 2


def test_user_jsonl_explicit_tests_and_pinning(tmp_path: Path) -> None:
    f = tmp_path / "mine.jsonl"
    f.write_text(
        json.dumps(
            {
                "task_id": "t/0",
                "prompt": "",
                "entry_point": "add",
                "tests": [{"args": [1, 2], "expected": 3}, {"args": [0.1, 0.2], "expected": 0.3}],
            }
        )
    )
    (p,) = load("jsonl", f)
    assert [decode(t.expected) for t in p.tests] == [3, 0.3]
    with pytest.raises(DatasetHashError):
        load("jsonl", f, sha256="0" * 64)
    with pytest.raises(UnknownNameError, match="Did you mean: humanevalplus"):
        load("humanevalpluss", f)


def test_mbpp_serialization_round_trip() -> None:
    assert mbpp_inputs.serialize(124, [["0", "1j"]]) == [["0", "1j"]]
    assert mbpp_inputs.deserialize(580, [[[1, [2, 3]], 4]]) == [[(1, (2, 3)), 4]]
    assert mbpp_inputs.deserialize(722, [[{"a": [1, 2]}, 3]]) == [[{"a": (1, 2)}, 3]]
