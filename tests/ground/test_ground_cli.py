"""End to end: `codejudge judge` on rows with only instruction / response_a / response_b (real bwrap),
LLM-written tests from a tiny local model, and the other users of the grounding stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.judge.grounded import GroundedJudge
from tests.ground.cli_run import judge_cli

pytestmark = pytest.mark.bwrap

ROWS = [
    {
        "id": "doctest",
        "instruction": 'def is_even(n: int) -> bool:\n    """\n    >>> is_even(4)\n    True\n'
        '    >>> is_even(7)\n    False\n    """',
        "response_a": "Sure:\n```python\ndef is_even(n):\n    return n % 2 == 1\n```",
        "response_b": "```python\ndef is_even(n: int) -> bool:\n    return n % 2 == 0\n```\nSimple modulo.",
    },
    {
        "id": "mbpp",
        "instruction": "Write a function to find the shared elements from the given two lists.\n"
        "assert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))",
        "response_a": "def similar_elements(a, b):\n    return tuple(set(a) & set(b))\n",
        "response_b": "def similar_elements(a, b):\n    return tuple(set(a) | set(b))\n",
    },
    {
        "id": "crash",
        "instruction": "Return the largest element.\nthird([3, 1, 2]) == 3",
        "response_a": "def third(xs):\n    return sorted(xs)[2]\n",
        "response_b": "def third(xs):\n    return max(xs)\n",
    },
]


def test_cli_judges_rows_without_tests_in_the_sandbox(tmp_path: Path) -> None:
    recs = {r["id"]: r for r in judge_cli(tmp_path, ROWS, timeout=300)}
    assert (recs["doctest"]["winner"], recs["doctest"]["decided_by"]) == ("B", "statement")
    assert (recs["mbpp"]["winner"], recs["mbpp"]["decided_by"]) == ("A", "statement")
    assert (recs["crash"]["winner"], recs["crash"]["decided_by"]) == ("B", "property")
    for rec in recs.values():
        derived = rec["evidence"]["derived"]
        assert derived["tests"] and all(
            t["source"] in ("statement", "property", "differential", "reference", "llm")
            for t in derived["tests"]
        )
    crash = [t for t in recs["crash"]["evidence"]["derived"]["tests"] if t["source"] == "property"]
    assert crash[0]["A"].startswith("failed: raised IndexError") and crash[0]["input"].startswith("third([")


def test_derive_none_turns_the_stage_off(tmp_path: Path) -> None:
    inp = tmp_path / "pairs.jsonl"
    inp.write_text(json.dumps(ROWS[0]) + "\n")
    out = tmp_path / "v.jsonl"
    assert main(["judge", "--input", str(inp), "--out", str(out), "--derive", "none", "--no-progress"]) == 0
    rec = json.loads(out.read_text())
    assert (rec["winner"], rec["decided_by"]) == ("tie", "none") and "derived" not in rec["evidence"]
    assert main(["judge", "--input", str(inp), "--derive", "statment"]) == 2  # unknown source: usage error


def test_single_mode_row_without_tests(tmp_path: Path) -> None:
    row = {"id": "s", "instruction": ROWS[0]["instruction"], "response": ROWS[0]["response_a"]}
    inp = tmp_path / "s.jsonl"
    inp.write_text(json.dumps(row) + "\n")
    out = tmp_path / "s_out.jsonl"
    assert main(["judge", "--mode", "single", "--input", str(inp), "--out", str(out), "--no-progress"]) == 0
    rec = json.loads(out.read_text())
    assert (rec["score"], rec["decided_by"]) == (1, "statement")


@pytest.fixture(scope="module")
def test_writer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny local model that answers every chat with one test line (an LLM that writes a test).

    Its word-level tokenizer splits "==" into two tokens that do not decode back, so the
    test reads "add(2, 3) returns 5": one of the call forms the miner reads."""
    pytest.importorskip("transformers")
    from codejudge.testing.tiny import CORPUS, build_tiny_model, teach_reply

    path = build_tiny_model(tmp_path_factory.mktemp("writer") / "model", corpus=[*CORPUS, "add returns"])
    return teach_reply(path, "add ( 2 , 3 ) returns 5", steps=150)


@pytest.mark.slow
def test_llm_written_tests_rank_below_the_statement_and_are_shown(executor, test_writer: Path) -> None:
    from codejudge.judge.llm import get_llm

    llm = get_llm(f"transformers:{test_writer}", max_new_tokens=16)
    judge = GroundedJudge(executor, llm=llm)
    add, sub = "def add(a, b):\n    return a + b\n", "def add(a, b):\n    return a - b\n"
    v = judge.pairwise("Add two numbers.", sub, add)  # no example, no hints: only the LLM's test
    assert (v.winner, v.decided_by) == ("B", "llm")
    (t,) = [t for t in v.evidence["derived"]["tests"] if t["source"] == "llm"]
    assert (t["input"], t["expected"], t["weight"]) == ("add(2, 3)", "5", 1.0)
    assert t["A"].startswith("failed") and t["B"].startswith("passed")
    # a statement example outranks the LLM's test: here the statement wants a - b
    v2 = judge.pairwise("Subtract.\n>>> add(5, 1)\n4", sub, add)
    assert (v2.winner, v2.decided_by) == ("A", "statement")
    # an LLM test no response passes is discarded, not held against either
    v3 = judge.pairwise(
        "Multiply two numbers.",
        "def add(a, b):\n    return a * b\n",
        "def add(a, b):\n    return a * b + 0 * 1\n",
    )
    assert not [t for t in v3.evidence.get("derived", {}).get("tests", []) if t["source"] == "llm"]


def test_data_synthesize_derives_tests_for_problems_without_any(executor, tmp_path: Path) -> None:
    from codejudge.data.synthesize import problem_pairs
    from codejudge.problems import load
    from codejudge.types import Candidate

    path = tmp_path / "problems.jsonl"
    path.write_text(
        json.dumps(
            {
                "task_id": "t/0",
                "entry_point": "inc",
                "prompt": "Add one to n.\n>>> inc(1)\n2\n>>> inc(9)\n10",
                "canonical_solution": "def inc(n):\n    return n + 1\n",
            }
        )
        + "\n"
    )
    (problem,) = load("jsonl", path)
    assert problem.tests == [] and problem.reference is not None
    pairs = problem_pairs(
        problem, [Candidate("t/0", "def inc(n):\n    return n + 2\n", origin="m")], executor, mutants=0
    )
    assert pairs and pairs[0].worse == "def inc(n):\n    return n + 2\n"
    assert pairs[0].evidence_worse["tests"].startswith("0/")


def test_review_judge_grounds_the_file_on_the_commit_message(executor, says_a_model: Path) -> None:
    from codejudge.judge.llm import get_llm
    from codejudge.review.config import ReviewConfig
    from codejudge.review.llm_judge import ask_judge

    llm = get_llm(f"transformers:{says_a_model}", max_new_tokens=4)
    cfg = ReviewConfig(judge_endpoint="http://127.0.0.1:1/v1")
    ((path, v),) = ask_judge(
        {"m.py": "def add(a, b):\n    return a - b\n"},
        cfg,
        "Add add().\n\nadd(2, 3) == 5",
        llm=llm,
        executor=executor,
    )
    assert (path, v.score, v.decided_by) == ("m.py", 1, "statement")
