"""The no-test HumanEvalPack sets of bench/judge_without_tests.py: prose answers, no tests, no entry point."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "judge_without_tests.py"


@pytest.mark.parametrize("language", ["js", "cpp", "java", "go", "rust"])
def test_language_sets_drop_tests_and_keep_the_language(shared_data: Path, language: str) -> None:
    spec = importlib.util.spec_from_file_location("judge_without_tests", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    pairs = bench.pair_set(shared_data, f"humanevalpack-{language}")
    assert len(pairs) == 164 and {p.label for p in pairs} == {"A"}
    row = pairs[0].judge_row()
    assert row["language"] == language and "tests" not in row and "entry_point" not in row
    assert pairs[0].a != pairs[0].b and pairs[0].instruction.startswith("Write a")


def test_dev_and_held_out_splits_by_task_number() -> None:
    spec = importlib.util.spec_from_file_location("judge_without_tests", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.task_number("JavaScript/41") == 41 and bench.task_number("HumanEval/7#0-3") == 7
    assert bench.in_split("Rust/3#ab", "odd") and not bench.in_split("Rust/3", "even")
    assert bench.in_split("Mbpp/20#1-0", "even") and bench.in_split("CPP/20", "all")
    assert not bench.in_split("no-number", "odd") and bench.in_split("no-number", "all")
