"""Calls the responses show (``codejudge.ground.shown``) and the stated ``case`` property."""

from __future__ import annotations

import pytest

from codejudge.ground.run import Outcome
from codejudge.ground.shown import MAX_SHOWN, shown_calls
from codejudge.ground.stated import case_claim, case_tests, swap_case


@pytest.mark.parametrize(
    ("language", "text", "args"),
    [
        ("python", "```python\nprint(is_valid('10.0.0.1'))  # True\n```", ["10.0.0.1"]),
        ("python", "For example `f([1, 2], 3)` returns 5.", [[1, 2], 3]),
        ("js", "console.log(f([1, 2], 'x', true)); // 3", [[1, 2], "x", True]),
        ("rust", 'println!("{}", f(&vec![1.5, 2.0], "a".to_string()));', [[1.5, 2.0], "a"]),
        ("go", "fmt.Println(F([]int{1, 2}, nil))", [[1, 2], None]),
        ("java", "System.out.println(s.f(Arrays.asList(4, 5), 6L));", [[4, 5], 6]),
        ("cpp", 'std::cout << f({1, 2, 3}, "x") << std::endl;', [[1, 2, 3], "x"]),
    ],
)
def test_literal_calls_are_read_in_every_language(language: str, text: str, args: list) -> None:
    assert shown_calls([text], {"f", "F", "is_valid"}, language) == [(args, 0)]


def test_definitions_variables_and_keywords_are_not_seeds() -> None:
    text = (
        "```python\ndef f(xs, k=2):\n    return f(xs[1:], k)\n```\n"
        "f(data)  # a variable\nf(xs=[1])\nf([1, 2)\n"
    )
    assert shown_calls([text], {"f"}, "python") == []
    js = "function f(a, b) { return a + b; }\nconst g = new f(1, 2);"
    assert shown_calls([js], {"f"}, "js") == []


def test_calls_are_deduplicated_across_responses_and_capped() -> None:
    a = "f(1)\nf(2)\nf(1)"
    b = "f(2)\nf(3)"
    assert shown_calls([a, b], {"f"}) == [([1], 0), ([2], 0), ([3], 1)]
    many = "\n".join(f"f({k})" for k in range(MAX_SHOWN + 5))
    assert len(shown_calls([many], {"f"})) == MAX_SHOWN


@pytest.mark.parametrize(
    "text",
    [
        "Count the vowels in a string, case-insensitive.",
        "Return True if the two words are anagrams, ignoring case.",
        "Count distinct characters (regardless of case) it consists of.",
        "The comparison is not case sensitive.",
    ],
)
def test_case_claim_read(text: str) -> None:
    claim = case_claim(text)
    assert claim is not None and claim.rule == "case" and claim.quote in text


@pytest.mark.parametrize(
    "text",
    [
        "Count the vowels in a string.",
        "Count the vowels, ignoring case. Names must match case-sensitively.",
        "The check is case sensitive.",
    ],
)
def test_case_claim_silent_without_words_or_when_case_matters(text: str) -> None:
    assert case_claim(text) is None


def test_swap_case_reaches_nested_strings() -> None:
    assert swap_case(["aB", ("c", 1), {"k": "v"}]) == ["Ab", ("C", 1), {"K": "V"}]
    assert swap_case([1, 2.0, None]) == [1, 2.0, None]


def test_case_tests_only_for_scalar_outputs_that_change() -> None:
    claim = case_claim("Count vowels, case-insensitive.")
    assert claim is not None
    plain = {0: [Outcome("ok", 2), Outcome("ok", "ab")], 1: [Outcome("ok", 2), Outcome("ok", "ab")]}
    swapped = {0: [Outcome("ok", 2), Outcome("ok", "AB")], 1: [Outcome("ok", 0), Outcome("ok", "ab")]}
    tests = case_tests(
        claim, ["f('aE')", "g('ab')"], [("mutation", False), ("mutation", False)], plain, swapped
    )
    assert len(tests) == 1  # the string output is not checked: it may carry the letters
    t = tests[0]
    assert (t.source, t.passed, t.input) == ("property", {0: True, 1: False}, "f('aE')")
    assert "then 0 with the case swapped" in t.shown[1] and "case" in t.prop
    same = {0: [Outcome("ok", 1)], 1: [Outcome("ok", 1)]}
    assert case_tests(claim, ["f('a')"], [("m", False)], same, same) == []
