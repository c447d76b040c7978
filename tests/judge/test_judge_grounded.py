"""The grounded judge against the real bubblewrap sandbox."""

from __future__ import annotations

import pytest

from codejudge.judge.grounded import GroundedJudge

pytestmark = pytest.mark.bwrap

ADD = "def add(a, b):\n    return a + b\n"
SUB = "def add(a, b):\n    return a - b\n"
LOOP = "def total(n):\n    t = 0\n    for i in range(n + 1):\n        t += i\n    return t\n"
FORMULA = "def total(n):\n    return n * (n + 1) // 2\n"


def test_tests_decide_and_both_orders_agree(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(
        "Add two ints.",
        f"Here:\n```python\n{ADD}```",
        SUB,
        tests="assert add(2, 2) == 4\nassert add(1, 0) == 1",
        entry_point="add",
    )
    assert (v.winner, v.decided_by) == ("A", "tests")
    assert v.evidence["position_consistent"] is True
    assert v.evidence["A"]["tests"] == "1/1 passed" and "failures" in v.evidence["B"]
    swapped = judge.pairwise("Add two ints.", SUB, ADD, tests="assert add(2, 2) == 4", entry_point="add")
    assert swapped.winner == "B"


def test_partial_credit_with_function_io_cases(executor) -> None:
    half = "def add(a, b):\n    return a + b if a else 0\n"
    v = GroundedJudge(executor).pairwise(
        "Add.",
        half,
        SUB,
        entry_point="add",
        tests=[
            {"input": [1, 1], "output": 2},
            {"input": [0, 3], "output": 3},
            {"input": [2, 0], "output": 2},
        ],
    )
    # half passes 2/3, SUB passes 1/3 (only add(2, 0) == 2)
    assert (v.winner, v.decided_by) == ("A", "tests")
    assert "2/3" in v.rationale and "1/3" in v.rationale


def test_reference_fills_expected_outputs(executor) -> None:
    v = GroundedJudge(executor).pairwise(
        "Sum 0..n.",
        LOOP,
        "def total(n):\n    return n * n\n",
        entry_point="total",
        tests=[{"input": [3], "output": None}, {"input": [10], "output": None}],
        reference="def total(n):\n    return sum(range(n + 1))\n",
    )
    assert (v.winner, v.decided_by) == ("A", "tests")


def test_cost_decides_efficiency_between_correct_answers(executor) -> None:
    v = GroundedJudge(executor).pairwise(
        "Sum 0..n.",
        LOOP,
        FORMULA,
        criterion="efficiency",
        entry_point="total",
        tests=[{"input": [500], "output": 125250}, {"input": [2000], "output": 2001000}],
    )
    assert (v.winner, v.decided_by) == ("B", "cost")
    assert v.evidence["position_consistent"] is True
    assert "bytecode steps" in v.rationale
    # Without an efficiency criterion, both are correct: no evidence separates them.
    tie = GroundedJudge(executor).pairwise(
        "Sum 0..n.", LOOP, FORMULA, entry_point="total", tests=[{"input": [500], "output": 125250}]
    )
    assert (tie.winner, tie.decided_by) == ("tie", "none")


def test_static_evidence_without_tests(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(
        "Run ls.",
        "import os\nos.system('ls ' + d)\n",
        "import subprocess\nsubprocess.run(['ls', d])\n",
        criterion="security",
    )
    assert (v.winner, v.decided_by) == ("B", "static")
    assert "CJS003" in v.evidence["A"]["security"][0]
    broken = judge.pairwise("Add.", "def add(a, b)\n    return a + b\n", ADD)
    assert (broken.winner, broken.decided_by) == ("B", "static")


def test_single_scores(executor) -> None:
    judge = GroundedJudge(executor)
    cases = [{"input": [1, 0], "output": 1}, {"input": [0, 3], "output": 3}]
    good = judge.single("Add.", ADD, tests=cases, entry_point="add")
    assert (good.score, good.decided_by) == (5, "tests")
    bad = judge.single("Add.", SUB, tests=cases, entry_point="add")
    assert bad.score == 3  # 1 of 2 passes: 1 + 4 * 0.5
    ref = judge.single(
        "Sum.",
        LOOP,
        tests=[{"input": [300], "output": None}],
        entry_point="total",
        criterion="efficiency",
        reference=FORMULA,
    )
    assert (
        ref.decided_by == "cost" and ref.score is not None and 1 <= ref.score < 10
    )  # scale 1-10 with a reference
    none = judge.single("Add.", ADD, criterion="readability")
    assert none.score is None and none.decided_by == "none" and "--llm" in none.rationale


@pytest.mark.parametrize("language", ["js", "cpp", "java", "go", "rust"])
def test_test_programs_in_every_language_run_with_outputs_compared_outside(
    executor, shared_data, language: str
) -> None:
    from codejudge.problems.humanevalpack import load_humanevalpack

    p = load_humanevalpack(shared_data / "humanevalpack", language)[0]
    v = GroundedJudge(executor).pairwise(
        p.prompt,
        p.meta["buggy"],
        p.reference or "",
        tests=p.tests[0].script,
        entry_point=p.entry_point,
        language=language,
    )
    assert (v.winner, v.decided_by) == ("B", "tests"), v.to_dict()
    # a wrong output named with what was expected: the value crossed the sandbox, the comparison did not
    assert "expected False, got True" in v.evidence["A"]["failures"][0], v.evidence


def test_a_missing_toolchain_is_reported_not_run_with_the_fix(
    executor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codejudge.sandbox import toolchains

    if executor.name == "docker":
        monkeypatch.setitem(executor.labels, "org.codejudge.languages", "python")
    monkeypatch.setitem(toolchains.TOOLS, "rustc", ("/usr/lib/no-such-rustc",))
    program = (
        "#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { assert_eq!(add(), 1); }\n}\n"
    )
    v = GroundedJudge(executor).pairwise(
        "Add.",
        "fn add() -> i32 { 0 }",
        "fn add() -> i32 { 1 }",
        tests=program,
        entry_point="add",
        language="rust",
    )
    assert (v.winner, v.decided_by) == ("tie", "not_run") and v.evidence["A"]["tests"] == "not run"
    assert (
        "Cannot run rust" in v.rationale
        and "apt-get install" in v.rationale
        and "both pass" not in v.rationale
    )


def test_stdin_stdout_cases(executor) -> None:
    good = "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n"
    bad = "import sys\nprint(max(int(x) for x in sys.stdin.read().split()))\n"
    v = GroundedJudge(executor).pairwise(
        "Print the sum of the numbers on stdin.",
        bad,
        good,
        tests=[{"stdin": "1 2 3\n", "stdout": "6\n"}, {"stdin": "5\n", "stdout": "5\n"}],
    )
    assert (v.winner, v.decided_by) == ("B", "tests") and v.evidence["A"]["tests"] == "1/2 passed"


def test_the_better_response_is_the_reference_for_mistake_tags(executor) -> None:
    good = "def pos(xs):\n    return [x for x in xs if x > 0]\n"
    bad = "def pos(values):\n    return [v for v in values if v >= 0]\n"
    v = GroundedJudge(executor).pairwise(
        "Keep the positive numbers.",
        good,
        bad,
        entry_point="pos",
        tests=[{"input": [[1, 0, -1]], "output": [1]}, {"input": [[2, 3]], "output": [2, 3]}],
    )
    assert (v.winner, v.decided_by) == ("A", "tests")
    tags = v.evidence["B"]["mistake_tags"]
    assert any(t.startswith("CJ194 differs from the reference") for t in tags), tags  # `>=` where A has `>`
    assert "mistake_tags" not in v.evidence["A"]
