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
