"""Efficiency and non-determinism for JavaScript, C++, Java, Go and Rust answers, end to end in the
real bubblewrap sandbox: `codejudge judge --input pairs.jsonl` on rows with only instruction,
response_a, response_b, language and criterion."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from codejudge.ground.derive import ground
from codejudge.ground.derived import decide
from codejudge.judge.grounded import GroundedJudge
from codejudge.types import Verdict
from tests.ground.cli_run import judge_cli

pytestmark = pytest.mark.bwrap
REPO = Path(__file__).resolve().parents[2]
PAIRS = REPO / "tests" / "fixtures" / "ground" / "efficiency_programs.jsonl"
FIELDS = ("instruction", "response_a", "response_b", "language", "criterion")


def test_linear_beats_quadratic_in_every_language_and_both_orders(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in PAIRS.read_text().splitlines()]
    assert sorted({r["language"] for r in rows}) == ["cpp", "go", "java", "js", "rust"]
    verdicts = judge_cli(tmp_path, [{k: r[k] for k in FIELDS} for r in rows], timeout=900)
    assert len(verdicts) == len(rows)
    for row, v in zip(rows, verdicts):
        assert (v["winner"], v["decided_by"]) == (row["faster"], "cost"), (row["id"], v["rationale"])
        # the verdict says what was measured, and that it held in every round
        assert "CPU time per call" in v["rationale"] and "every round" in v["rationale"], v["rationale"]
        assert v["evidence"]["position_consistent"] is True


def _renamed(code: str) -> str:
    """The same program, reformatted: other local names, other indentation, a comment."""
    code = re.sub(r"\btotal\b", "acc", code)
    code = re.sub(r"\bout\b", "result", code)
    return "// running totals\n" + "\n".join(
        "  " + line if line.strip() else line for line in code.splitlines()
    )


@pytest.mark.parametrize("language", ["go", "java"])
def test_a_program_against_its_reformatted_copy_is_not_decided(language: str, executor) -> None:
    row = next(json.loads(x) for x in PAIRS.read_text().splitlines() if json.loads(x)["language"] == language)
    fast = row["response_a"]
    code = fast.split("```")[1].split("\n", 1)[1].strip()
    copy = fast.replace(code, _renamed(code))
    assert copy != fast
    judge = GroundedJudge(executor)
    v = judge.pairwise(row["instruction"], fast, copy, criterion="efficiency", language=language)
    assert v.winner == "tie", v.rationale
    assert "efficiency not decided by measured CPU time" in v.rationale, v.rationale


MOST = (
    "Write a Go function `func MostFrequent(numbers []int) int` to solve the following problem:\n"
    "Return the number that occurs most often in a non-empty list; on a tie, return the smallest one.\n"
    ">>> MostFrequent([]int{1, 2, 2, 3})\n2\n>>> MostFrequent([]int{5, 5, 4})\n5"
)
COUNT = "func MostFrequent(numbers []int) int {\n\tcounts := map[int]int{}\n\tfor _, x := range numbers {\n\t\tcounts[x]++\n\t}\n\tbest, bestN := 0, -1\n\tfor x, n := range counts {\n"
TIES_SMALLEST = (
    COUNT
    + "\t\tif n > bestN || (n == bestN && x < best) {\n\t\t\tbest, bestN = x, n\n\t\t}\n\t}\n\treturn best\n}"
)
TIES_BY_MAP_ORDER = COUNT + "\t\tif n > bestN {\n\t\t\tbest, bestN = x, n\n\t\t}\n\t}\n\treturn best\n}"


def test_an_answer_that_depends_on_go_map_order_loses_as_non_deterministic(executor) -> None:
    g = ground(executor, MOST, [TIES_SMALLEST, TIES_BY_MAP_ORDER], language="go")
    flaky = [t for t in g.by_source("property") if t.prop and "non-deterministic" in t.prop]
    assert flaky and all(t.passed == {0: True, 1: False} for t in flaky)
    assert "second run" in flaky[0].shown[1] and "two runs of the same program" in flaky[0].prop
    winner, source, why = decide(g, 0, 1)
    assert (winner, source) == (0, "property") and "non-deterministic" in why


MEMORY_PAIRS = REPO / "tests" / "fixtures" / "ground" / "memory_programs.jsonl"
STDIN_PAIRS = REPO / "tests" / "fixtures" / "ground" / "efficiency_stdin_programs.jsonl"


def _judged(path: Path, language: str, executor) -> Iterator[tuple[dict, Verdict]]:
    """Each fixture row of ``language`` with the judge's pairwise verdict on it."""
    rows = [json.loads(x) for x in path.read_text().splitlines()]
    judge = GroundedJudge(executor)
    for row in (r for r in rows if r["language"] == language):
        yield (
            row,
            judge.pairwise(
                row["instruction"],
                row["response_a"],
                row["response_b"],
                criterion=row["criterion"],
                language=language,
            ),
        )


@pytest.mark.parametrize("language", ["cpp"])
def test_a_memory_question_is_decided_by_the_memory_each_call_needs(language: str, executor) -> None:
    for row, v in _judged(MEMORY_PAIRS, language, executor):  # both orders (the second is memoized)
        assert (v.winner, v.decided_by) == (row["leaner"], "cost"), (row["id"], v.rationale)
        assert "memory per call" in v.rationale and "peak live heap bytes" in v.rationale, v.rationale
        assert "every round" in v.rationale and "the question is about memory" in v.rationale


@pytest.mark.parametrize("language", ["go"])
def test_a_stdin_programs_pair_is_decided_by_the_cpu_time_grown_inputs_add(language: str, executor) -> None:
    for row, v in _judged(STDIN_PAIRS, language, executor):
        assert (v.winner, v.decided_by) == (row["faster"], "cost"), (row["id"], v.rationale)
        assert "start-up subtracted" in v.rationale and "every round" in v.rationale, v.rationale


FIB = "Write a function fib(n) returning the n-th Fibonacci number (fib(0) = 0, fib(1) = 1)."
FIB_LOOP = "```javascript\nfunction fib(n) {\n  let a = 0, b = 1;\n  for (let i = 0; i < n; i++) [a, b] = [b, a + b];\n  return a;\n}\n```"
FIB_RECURSIVE = "```javascript\nfunction fib(n) {\n  return n < 2 ? n : fib(n - 1) + fib(n - 2);\n}\n```"


def test_an_answer_that_does_not_finish_the_larger_ladder_inputs_loses_on_efficiency(executor) -> None:
    # fib(10) is microseconds for both; fib(100) never finishes recursively: the floor decides
    v = GroundedJudge(executor).pairwise(FIB, FIB_RECURSIVE, FIB_LOOP, criterion="efficiency", language="js")
    assert (v.winner, v.decided_by) == ("B", "cost"), v.rationale
    assert "A did not finish" in v.rationale
