"""Mining tests from instructions: one test per pattern, both directions (found / not found)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from codejudge.ground.mine import NO_VALUE, declared_names, mine


def _calls(text: str) -> list[tuple]:
    return [(e.pattern, e.call, e.args, e.kwargs, e.expected) for e in mine(text).examples]


@pytest.mark.parametrize(
    "module", ["values", "mine", "plan", "generate", "run", "derived", "arbitrate", "llm_tests", "derive"]
)
def test_docstring_examples_hold(module: str) -> None:
    mod = importlib.import_module(f"codejudge.ground.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_doctest_examples_with_continuations_setup_and_multiline_results() -> None:
    text = '''def f(xs, k):
    """Pick.
    >>> f([1, 2,
    ...    3], 2)
    [1,
     2]
    >>> xs = [5, 6]
    >>> f(xs, 1)
    [5]
    >>> f([], 0) == []
    True
    >>> f([9], 1)
    [9]
    Note: the order is kept.
    """'''
    assert _calls(text) == [
        ("doctest", "f", [[1, 2, 3], 2], {}, [1, 2]),
        ("doctest", "f", [[5, 6], 1], {}, [5]),
        ("doctest", "f", [[], 0], {}, []),
        ("doctest", "f", [[9], 1], {}, [9]),
    ]


def test_doctest_result_that_is_not_a_literal_is_skipped_with_its_line() -> None:
    m = mine(">>> make()\n<Thing at 0x7f>\n>>> ok(1)\n2")
    assert [(e.call, e.expected) for e in m.examples] == [("ok", 2)]
    assert m.skipped and m.skipped[0].startswith("line 1:")


def test_assert_lines_plain_wrapped_negated_and_tolerant() -> None:
    text = """Write a function to find the shared elements.
assert similar((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)
assert set(similar([1], [1])) == set((1,))
assert not is_odd(2)
assert is_odd(3)
assert math.isclose(area(2), 12.56, rel_tol=0.001)
assert abs(mean([1, 2]) - 1.5) < 1e-6
assert big([1,
            2]) == [2,
                    1]
"""
    m = mine(text)
    got = [(e.call, e.args, e.expected, e.view) for e in m.examples]
    assert got[0] == ("similar", [(3, 4, 5, 6), (5, 7, 4, 10)], (4, 5), ())
    assert got[1] == ("similar", [[1], [1]], {1}, ("set",))
    assert got[2] == ("is_odd", [2], False, ("bool",))
    assert got[3] == ("is_odd", [3], True, ("bool",))
    assert got[4][:3] == ("area", [2], 12.56) and m.examples[4].atol == pytest.approx(0.01256)
    assert got[5][:3] == ("mean", [[1, 2]], 1.5) and m.examples[5].atol == 1e-6
    assert got[6] == ("big", [[1, 2]], [2, 1], ())


def test_assert_with_a_non_literal_side_is_reported_not_run() -> None:
    m = mine("assert size((1, 2)) == sys.getsizeof((1, 2))")
    assert m.examples == [] and "line 1" in m.skipped[0]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("f(1, 2) == 3", 3),
        ("f(1, 2) -> 3", 3),
        ("f(1, 2) => 3", 3),
        ("f(1, 2) ==> 3", 3),
        ("f(1, 2) ➞ 3", 3),
        ("f(1, 2) = 3", 3),
        ("f(1, 2) returns 3", 3),
        ("f(1, 2) should return 3.", 3),
        ("f(1, 2)   # returns 3", 3),
        ("f(1, 2) -> 10 - 4 - 3 = 3", 3),  # a derivation ending in the value
    ],
)
def test_call_forms(line: str, expected: int) -> None:
    assert _calls(f"Examples:\n    {line}\n") == [("call", "f", [1, 2], {}, expected)]


def test_call_forms_skip_definitions_and_builtins_are_kept_for_binding_to_drop() -> None:
    text = "fib(n) = fib(n - 1) + fib(n - 2)\nfib(2) = 1 + 0 = 1\nlen([1, 2]) == 2\n"
    assert [(c[1], c[2], c[4]) for c in _calls(text)] == [("fib", [2], 1)]


def test_leetcode_example_blocks_with_named_arguments_and_explanations() -> None:
    text = """Given an array of integers nums and an integer target, return indices of the two numbers.

Example 1:

Input: nums = [2,7,11,15], target = 9
Output: [0,1]
Explanation: Because nums[0] + nums[1] == 9, we return [0, 1].

Example 2:
**Input:** nums = [3,2,4], target = 6
**Output:** [1,2]

Example 3:
Input: grid = [[1, 2],
               [3, 4]], k = true
Output: false
"""
    assert _calls(text) == [
        ("example_block", None, [], {"nums": [2, 7, 11, 15], "target": 9}, [0, 1]),
        ("example_block", None, [], {"nums": [3, 2, 4], "target": 6}, [1, 2]),
        ("example_block", None, [], {"grid": [[1, 2], [3, 4]], "k": True}, False),
    ]


def test_prose_for_forms() -> None:
    text = (
        "For lst = [1,2,3] the output should be 14\n"
        'For s = "abcde", c = "ae", the result should be (\'bcd\',False)\n'
    )
    assert _calls(text) == [
        ("example_block", None, [], {"lst": [1, 2, 3]}, 14),
        ("example_block", None, [], {"s": "abcde", "c": "ae"}, ("bcd", False)),
    ]


def test_stdin_stdout_samples_codeforces_and_livecodebench_styles() -> None:
    codeforces = "You are given n numbers. Print their sum.\n\nInput\n3\n1 2 3\n\nOutput\n6\n"
    (ex,) = mine(codeforces).examples
    assert (ex.pattern, ex.stdin, ex.stdout) == ("stdio", "3\n1 2 3\n", "6\n")
    lcb = (
        "Print the answer.\n\nSample Input 1\n\n2\nab\ncd\n\nSample Output 1\n\nYes\n2\n\n"
        "Sample Input 2\n```\n1\nzz\n```\nSample Output 2\n```\nNo\n```\n"
    )
    samples = [(e.stdin, e.stdout) for e in mine(lcb).examples]
    assert samples == [("2\nab\ncd\n", "Yes\n2\n"), ("1\nzz\n", "No\n")]


def test_one_line_input_may_be_a_function_argument_or_program_input() -> None:
    (ex,) = mine("Input: [4, 2, 3]\nOutput: [2, 1]\n").examples
    assert ex.stdin == "[4, 2, 3]\n" and ex.args == [[4, 2, 3]] and ex.expected == [2, 1]


def test_values_are_never_evaluated() -> None:
    text = (
        ">>> f(__import__('os').system('touch /tmp/pwned'))\n0\nf(open('x')) == 1\nassert f(1) == eval('2')"
    )
    m = mine(text)
    assert m.examples == []


@pytest.mark.parametrize(
    "junk",
    [
        "",
        ">>>",
        ">>> (",
        "assert",
        "Input:\nOutput:",
        "f(((((",
        "x" * 5000,
        "Input: a = [1,\nOutput: 2",
        "f(1) -> [" + "[" * 500,
        "\x00\x01>>> f(1)\n\x02",
    ],
)
def test_odd_text_never_raises(junk: str) -> None:
    mine(junk)


def test_declared_names_and_no_value_marker() -> None:
    assert declared_names("Write a Python function `has_close(numbers: List[float]) -> bool` ...") == [
        "has_close"
    ]
    assert declared_names("def solve(n):\n    pass") == ["solve"]
    (ex,) = mine(">>> f(1)\n>>> g(2)\n5").examples[:1]
    assert ex.expected is None and NO_VALUE is not None


def test_call_forms_in_bullets_each_one_an_example() -> None:
    # "=> []" then a "* f(...)" bullet on the next line: the bullet is not an operator after the value
    text = (
        "Examples:\n    * sort_array([]) => []\n    * sort_array([5]) => [5]\n"
        "    * eat(5, 6, 10) -> [11, 4]\n"
    )
    assert [(e.call, e.args, e.expected) for e in mine(text).examples] == [
        ("sort_array", [[]], []),
        ("sort_array", [[5]], [5]),
        ("eat", [5, 6, 10], [11, 4]),
    ]


def test_call_forms_two_examples_when_the_first_wraps_onto_the_second_line() -> None:
    text = 'For example closest_integer("14.5") should\n    return 15 and closest_integer("-14.5") should return -15.'
    assert [(e.args, e.expected, e.line) for e in mine(text).examples] == [
        (["14.5"], 15, 1),
        (["-14.5"], -15, 2),
    ]


def test_call_forms_two_examples_on_one_line() -> None:
    # how users write prose: the second example used to be dropped (one example per line)
    text = 'Reverse("abc") should return "cba"; Reverse("h\u00e9llo") should return "oll\u00e9h".'
    assert [(e.args, e.expected) for e in mine(text).examples] == [
        (["abc"], "cba"),
        (["h\u00e9llo"], "oll\u00e9h"),
    ]
    java = "For example, second(new int[]{4, 1, 4, 3}) returns 3 and second(new int[]{5, 5}) returns -1."
    assert [(e.args, e.expected) for e in mine(java, "java").examples] == [
        ([[4, 1, 4, 3]], 3),
        ([[5, 5]], -1),
    ]


def test_a_stray_closing_parenthesis_before_the_result_is_read_past() -> None:
    m = mine("Examples:\nsearch([4, 1, 2, 2, 3, 1])) == 2\nsearch([5, 5, 4, 4, 4])) == -1", "js")
    assert [(e.call, e.args, e.expected) for e in m.examples] == [
        ("search", [[4, 1, 2, 2, 3, 1]], 2),
        ("search", [[5, 5, 4, 4, 4]], -1),
    ]
    assert mine("f(1)) is odd").examples == []  # no result operator after it: not an example
