from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.data.synthesize import load_samples, problem_pairs
from codejudge.data.toy import toy_problems
from codejudge.errors import InputError


@pytest.fixture(scope="module")
def executor():
    from codejudge.errors import CodejudgeError
    from codejudge.sandbox import get_executor

    try:
        ex = get_executor("bwrap")
    except CodejudgeError as exc:
        pytest.skip(f"bwrap unavailable: {exc}")
    yield ex
    ex.close()


@pytest.mark.bwrap
def test_labels_come_from_execution_and_pairs_are_length_matched(executor) -> None:
    problems, samples = toy_problems(3, seed=1)
    for p in problems:
        pairs = problem_pairs(p, samples[p.id], executor, mutants=0)
        assert {pair.worse for pair in pairs} >= {c.code for c in samples[p.id] if c.origin == "wrong-op"}
        for pair in pairs:
            assert pair.evidence_better["tests"] == "5/5 passed"
            assert pair.evidence_worse["tests"] != "5/5 passed" and pair.evidence_worse["failures"]
            passing = [p.reference] + [c.code for c in samples[p.id] if c.origin == "rewrite"]
            assert pair.better == min(passing, key=lambda c: abs(len(c) - len(pair.worse)))
            assert pair.difficulty == ("hard" if int(pair.evidence_worse["tests"][0]) >= 3 else "easy")


@pytest.mark.bwrap
def test_cli_synthesize_from_humanevalplus_and_real_samples(
    executor, shared_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "he"
    samples = (
        shared_data / "evalplus_samples" / "humaneval--mistralai--Mistral-7B-Instruct-v0.2.eval_results.json"
    )
    rc = main(
        [
            "data",
            "synthesize",
            "--problems",
            "humanevalplus",
            "--problems-path",
            str(shared_data / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz"),
            "--samples",
            str(samples),
            "--limit",
            "6",
            "--max-tests",
            "8",
            "--mutants",
            "3",
            "--heldout-fraction",
            "0.34",
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    card = json.loads((out / "card.json").read_text())
    assert "humanevalplus" in card["sources"] and samples.name in card["sources"]
    pairs = [json.loads(line) for line in (out / "pairs.jsonl").open()]
    assert pairs and all(
        p["evidence_better"]["tests"].split("/")[0] == p["evidence_better"]["tests"].split("/")[1].split()[0]
        for p in pairs
    )
    for name in ("sft.jsonl", "dpo.jsonl"):
        rows = [json.loads(line) for line in (out / name).open()]
        assert sum(r["label"] == "A" for r in rows) == sum(r["label"] == "B" for r in rows)
    assert (out / "README.md").read_text().count("sha256") >= 1


def test_samples_loader_reports_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"problem_id": "t/0", "code": "def f(x): return x"}\n{"problem_id": 3}\n')
    with pytest.raises(InputError, match=r"s.jsonl:2: field 'problem_id'"):
        load_samples(path)
    bad: list[str] = []
    assert list(load_samples(path, skip_bad=True, bad=bad)) == ["t/0"] and len(bad) == 1


@pytest.mark.bwrap
def test_problems_without_tests_are_labelled_by_the_clauses_of_their_prose(executor) -> None:
    from codejudge.types import Candidate, Problem

    prompt = (
        'def largest(xs: list):\n    """Return the largest element of the list xs. Return None if the list '
        'is empty.\n    >>> largest([1, 5, 2])\n    5\n    """\n'
    )
    careful = "def largest(xs):\n    if not xs:\n        return None\n    return max(xs)\n"
    careless = "def largest(xs):\n    return max(xs)\n"
    problem = Problem("largest", prompt, "largest")  # no tests, no reference: the prose is all there is
    pairs = problem_pairs(
        problem, [Candidate("largest", careful), Candidate("largest", careless)], executor, mutants=0
    )
    assert [(p.better, p.worse) for p in pairs] == [(careful, careless)]
    assert pairs[0].evidence_worse["tests"] == "1/2 passed"
