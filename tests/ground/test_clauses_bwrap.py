"""Clauses of the prose and Rust runtime panics deciding Rust pairs, end to end on bubblewrap.

HumanEvalPack's Rust instructions show no example: a typed signature and prose only.
The clause "Return None in case the input list is empty" is a statement test
(``longest(vec![])`` must be ``None``); a debug build's overflow panic on a valid
generated input breaks a property (an overflow only weakly). Both run as program jobs (outputs only).
"""

from __future__ import annotations

import pytest

from codejudge.judge.grounded import GroundedJudge

pytestmark = pytest.mark.bwrap

LONGEST = (
    "Write a Rust function `longest(strings:Vec<String>) -> Option<String>` to solve the following "
    "problem:\nOut of list of strings, return the longest one. Return the first one in case of multiple "
    "strings of the same length. Return None in case the input list is empty."
)
RIGHT = (
    "Here is a solution:\n\n```rust\nfn longest(strings: Vec<String>) -> Option<String> {\n"
    "    let mut best: Option<String> = None;\n    for s in strings {\n"
    "        if best.as_ref().map_or(true, |b| s.len() > b.len()) {\n            best = Some(s);\n"
    "        }\n    }\n    best\n}\n```\n"
)
EMPTY_STRING = (
    "This should work:\n\n```rust\nfn longest(strings: Vec<String>) -> Option<String> {\n"
    "    let mut best = String::new();\n    let mut found = false;\n    for s in strings {\n"
    "        if !found || s.len() > best.len() {\n            best = s;\n            found = true;\n"
    "        }\n    }\n    Some(best)\n}\n```\nIt runs in linear time."
)


def test_rust_pair_decided_by_a_clause_of_the_instruction(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(LONGEST, EMPTY_STRING, RIGHT, language="rust")
    assert (v.winner, v.decided_by) == ("B", "statement"), v.rationale
    assert v.rationale.startswith("Decided by a clause of the instruction")
    (test,) = [t for t in v.evidence["derived"]["tests"] if t["id"] == "c0"]
    assert test["input"] == "longest([])" and test["expected"] == "None"
    assert "Return None in case the input list is empty" in test["origin"]
    assert test["A"].startswith("failed") and test["B"].startswith("passed")
    assert judge.pairwise(LONGEST, RIGHT, EMPTY_STRING, language="rs").winner == "A"


TASK = (
    "Write a Rust function `largest(xs: Vec<i32>) -> i32` to solve the following problem:\n"
    "Return the largest number of a non-empty list."
)
MAX = "```rust\nfn largest(xs: Vec<i32>) -> i32 {\n    *xs.iter().max().unwrap_or(&0)\n}\n```"
# the same answer, except an index past the end on lists of three
PAST_END = (
    "```rust\nfn largest(xs: Vec<i32>) -> i32 {\n    if xs.len() == 3 {\n        return xs[3].max(xs[0]);\n"
    "    }\n    *xs.iter().max().unwrap_or(&0)\n}\n```"
)
# another answer (the third smallest) that also crashes on short lists
THIRD = (
    "```rust\nfn largest(xs: Vec<i32>) -> i32 {\n    let mut v = xs.clone();\n    v.sort();\n    v[2]\n}\n```"
)


def test_rust_runtime_panic_breaks_a_property(executor) -> None:
    # index out of bounds: a runtime failure, not the answer rejecting the input. The instruction
    # shows no example, so the generated inputs may lie outside the problem's domain: the crash
    # decides only where the answers agree on every other input.
    judge = GroundedJudge(executor)
    v = judge.pairwise(TASK, PAST_END, MAX, language="rust")
    assert (v.winner, v.decided_by) == ("B", "property"), v.rationale
    assert "index out of bounds" in v.rationale
    v = judge.pairwise(TASK, THIRD, MAX, language="rust")
    assert (v.winner, v.decided_by) == ("tie", "disagreement"), v.rationale


STATED = (
    "Write a Rust function `largest(xs: Vec<i32>) -> i32` to solve the following problem:\n"
    "You are given a non-empty list of integers xs. Return the largest number in it."
)


def test_rust_panic_inside_the_stated_domain_decides(executor) -> None:
    # The same pair as above; the prose now names the parameter's domain ("a non-empty list of
    # integers xs"): every ordinary generated input is a valid one, so a runtime panic on it is
    # strong evidence even where the answers also disagree, and the empty list (ruled out) is not run.
    judge = GroundedJudge(executor)
    v = judge.pairwise(STATED, THIRD, MAX, language="rust")
    assert (v.winner, v.decided_by) == ("B", "property"), v.rationale
    assert "index out of bounds" in v.rationale
    crashes = [t for t in v.evidence["derived"]["tests"] if t["source"] == "property"]
    assert crashes and all(t["input"] != "largest([])" for t in crashes)
    assert judge.pairwise(STATED, MAX, THIRD, language="rust").winner == "A"


TWO = (
    "Write a Rust function `largest(xs: Vec<i32>, k: i32) -> i32` to solve the following problem:\n"
    "You are given a non-empty list of integers xs and an integer k. Return the largest number in xs."
)
MAX_K = "```rust\nfn largest(xs: Vec<i32>, k: i32) -> i32 {\n    *xs.iter().max().unwrap_or(&0)\n}\n```"
THIRD_K = (
    "```rust\nfn largest(xs: Vec<i32>, k: i32) -> i32 {\n    let mut v = xs.clone();\n    v.sort();\n"
    "    v[2]\n}\n```"
)


def test_rust_panic_with_two_stated_parameters_stays_weak(executor) -> None:
    # Two parameters: a relation the prose may state apart ("1 <= k <= len(arr)") can rule an
    # ordinary input out, so the panic decides only where the answers agree elsewhere: a tie here.
    v = GroundedJudge(executor).pairwise(TWO, THIRD_K, MAX_K, language="rust")
    assert (v.winner, v.decided_by) == ("tie", "disagreement"), v.rationale
