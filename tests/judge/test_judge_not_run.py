"""Code codejudge cannot run is reported as such; an answer without code passes nothing; prose is never
punished as a syntax error; C++ mains go."""

from __future__ import annotations

import pytest

from codejudge.judge.grounded import GroundedJudge

pytestmark = pytest.mark.bwrap

ADD = "def add(a, b):\n    return a + b\n"
CASES = [{"input": [1, 2], "output": 3}, {"input": [0, 0], "output": 0}]


def test_answer_without_code_passes_nothing_and_loses_to_code_that_passes_a_test(executor) -> None:
    half = "```python\ndef add(a, b):\n    return 0\n```"  # passes add(0, 0) only
    for good, counts in ((ADD, "2/2 passed"), (half, "1/2 passed")):
        v = GroundedJudge(executor).pairwise(
            "Add.", "I would rather not write this function.", good, tests=CASES, entry_point="add"
        )
        assert (v.winner, v.decided_by) == ("B", "tests")
        assert v.evidence["A"]["no_code"] == "no python code found in the answer (it is prose only)"
        assert v.evidence["A"]["tests"] == "0/2 passed" and v.evidence["B"]["tests"] == counts
        assert "no code" in v.evidence["A"]["failures"][0] and "not_run" not in v.evidence["A"]
        assert v.evidence["position_consistent"] is True


def test_no_code_ties_with_code_that_passes_nothing_and_with_no_code(executor) -> None:
    wrong = "```python\ndef add(a, b):\n    return a - b - 1\n```"
    v = GroundedJudge(executor).pairwise("Add.", wrong, "Sorry, no.", tests=CASES, entry_point="add")
    assert (v.winner, v.decided_by) == ("tie", "none")
    assert "B holds no code" in v.rationale and "A passes 0/2 tests" in v.rationale
    both = GroundedJudge(executor).pairwise("Add.", "Sorry, no.", "I can't.", tests=CASES, entry_point="add")
    assert (both.winner, both.decided_by) == ("tie", "none") and "neither answer holds code" in both.rationale


def test_without_tests_no_code_loses_to_code_that_passes_an_example(executor) -> None:
    instruction = "Add two ints.\n>>> add(1, 2)\n3\n>>> add(0, 0)\n0"
    half = "```python\ndef add(a, b):\n    return 0\n```"
    v = GroundedJudge(executor).pairwise(instruction, half, "Just add them, it is easy.")
    assert (v.winner, v.decided_by) == ("A", "statement") and "passes 1/2 examples" in v.rationale
    none = GroundedJudge(executor).pairwise(
        instruction, "```python\ndef add(a, b):\n    return -1\n```", "Just add them."
    )
    assert (none.winner, none.decided_by) == ("tie", "none") and "B holds no code" in none.rationale
    no_examples = GroundedJudge(executor).pairwise("Add two ints.", ADD, "Just add them.")
    assert no_examples.winner == "tie" and no_examples.decided_by == "none"


def test_unknown_language_is_not_run(executor) -> None:
    v = GroundedJudge(executor).pairwise("Add.", ADD, ADD, tests=CASES, entry_point="add", language="cobol")
    assert v.decided_by == "not_run" and "unknown language 'cobol'" in v.rationale


def test_language_aliases_reach_the_right_runner(executor) -> None:
    good = "```JavaScript\nconst add = (a, b) => a + b;\nconsole.log(add(1, 2));\n```"
    bad = "```js\nconst add = (a, b) => a - b;\n```"
    test = "if (add(1, 2) !== 3) { throw new Error('wrong'); }\n"
    v = GroundedJudge(executor).pairwise(
        "Add.", bad, good, tests=test, entry_point="add", language="JavaScript"
    )
    assert (v.winner, v.decided_by) == ("B", "tests")


def test_prose_around_code_never_loses_by_static(executor) -> None:
    prose = (
        "Here is my solution, it is short:\n\ndef add(a, b):\n    return a + b\n\n"
        "It simply returns the sum of the two numbers."
    )
    v = GroundedJudge(executor).pairwise("Add.", prose, f"```python\n{ADD}```")
    assert v.decided_by != "static" and v.winner == "tie"
    with_tests = GroundedJudge(executor).pairwise(
        "Add.", prose, "```python\ndef add(a, b):\n    return a\n```", tests=CASES, entry_point="add"
    )
    assert (with_tests.winner, with_tests.decided_by) == ("A", "tests")


def test_real_syntax_error_still_loses_by_static(executor) -> None:
    v = GroundedJudge(executor).pairwise(
        "Add.", "```python\ndef add(a, b)\n    return a + b\n```", f"```python\n{ADD}```"
    )
    assert (v.winner, v.decided_by) == ("B", "static")


def test_single_answer_without_code_gets_the_lowest_score(executor) -> None:
    v = GroundedJudge(executor).single("Add.", "No code today.", tests=CASES, entry_point="add")
    assert (v.score, v.decided_by) == (1, "tests") and "no code" in v.rationale
    no_tests = GroundedJudge(executor).single("Add.\n>>> add(1, 2)\n3", "No code today.")
    assert (no_tests.score, no_tests.decided_by) == (1, "statement")
    nothing = GroundedJudge(executor).single("Add.", "No code today.")
    assert nothing.score is None and nothing.decided_by == "none"


def test_cpp_chat_answers_with_their_own_main_run_against_the_test_program(executor, shared_data) -> None:
    from codejudge.problems.humanevalpack import load_humanevalpack

    p = load_humanevalpack(shared_data / "humanevalpack", "cpp")[0]
    demo = '\nint main() {\n    printf("%d\\n", has_close_elements({1.0, 2.0}, 0.5));\n    return 0;\n}\n'
    good = f"Here is the C++ code:\n\n```cpp\n{p.reference}{demo}```\n\nIt compares every pair."
    bad = f"My solution:\n\n{p.meta['buggy']}{demo}\nThis is O(n^2)."
    v = GroundedJudge(executor).pairwise(
        p.prompt, bad, good, tests=p.tests[0].script, entry_point=p.entry_point, language="c++"
    )
    assert (v.winner, v.decided_by) == ("B", "tests")
    assert (
        v.evidence["B"]["tests"] == "7/7 passed"
    )  # each assertion of the test program, outputs compared outside
    assert "main() (the test harness has its own)" in v.evidence["B"]["extraction"]["stripped"]


def test_a_module_missing_on_this_machine_is_not_run_not_a_tie(executor) -> None:
    test = "const md5 = require('no-such-module-here');\nif (add(1, 2) !== 3) { throw new Error('wrong'); }\n"
    v = GroundedJudge(executor).pairwise(
        "Add.",
        "```js\nconst add = (a, b) => a - b;\n```",
        "```js\nconst add = (a, b) => a + b;\n```",
        tests=test,
        entry_point="add",
        language="js",
    )
    assert v.decided_by == "not_run" and "no-such-module-here, which is not installed here" in v.rationale
