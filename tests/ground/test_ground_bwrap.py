"""The grounding stage against the real bubblewrap sandbox: pairs without tests, as users bring them."""

from __future__ import annotations

import pytest

from codejudge.ground.derive import GroundConfig, ground, problem_tests
from codejudge.ground.derived import decide
from codejudge.judge.grounded import GroundedJudge

pytestmark = pytest.mark.bwrap

MAXIMUM = '''Complete the function.
```python
def biggest(xs: list) -> int:
    """Return the largest number of a non-empty list.
    >>> biggest([3, 1, 2])
    3
    >>> biggest([-5, -2])
    -2
    """
```'''
GOOD = "Here you go:\n```python\ndef biggest(xs):\n    best = xs[0]\n    for x in xs:\n        best = max(best, x)\n    return best\n```"
FIRST = "```python\ndef biggest(xs):\n    return xs[0]\n```\nIt returns the largest value."


def test_statement_examples_decide_a_pair_that_came_without_tests(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(MAXIMUM, GOOD, FIRST)
    assert (v.winner, v.decided_by) == ("A", "statement")
    assert "B returned -5, expected -2" in v.rationale and v.evidence["position_consistent"] is True
    tests = v.evidence["derived"]["tests"]
    statement = {t["input"]: t for t in tests if t["source"] == "statement"}  # separating ones listed first
    assert sorted(statement) == ["biggest([-5, -2])", "biggest([3, 1, 2])"]
    failing = statement["biggest([-5, -2])"]
    assert (
        failing["B"].startswith("failed")
        and failing["A"].startswith("passed")
        and failing["expected"] == "-2"
    )
    assert judge.pairwise(MAXIMUM, FIRST, GOOD).winner == "B"


THIRD = "def third(xs):\n    return sorted(xs)[2]\n"
TOP = "def third(xs):\n    return max(xs)\n"


def test_crash_on_a_valid_input_decides_when_examples_do_not(executor) -> None:
    instruction = "Return the largest element.\nthird([3, 1, 2]) == 3\nthird([9, 4, 7]) == 9"
    g = ground(executor, instruction, [TOP, THIRD])
    assert [t.passed for t in g.by_source("statement")] == [{0: True, 1: True}] * 2
    winner, source, why = decide(g, 0, 1)
    assert (winner, source) == (0, "property") and "IndexError" in why
    crash = next(t for t in g.by_source("property") if t.passed[1] is False)
    assert crash.prop == "raises on a valid input" and not crash.edge


DOUBLE = "def double(n):\n    return n * 2\n"
ODD = "def double(n):\n    return n + n if n < 5 else n * 3\n"


def test_unarbitrated_disagreement_is_said_not_guessed(executor) -> None:
    v = GroundedJudge(executor).pairwise("Double a number.\n>>> double(2)\n4", DOUBLE, ODD)
    assert (v.winner, v.decided_by) == ("tie", "disagreement")
    assert "disagree on" in v.rationale and "does not guess" in v.rationale
    diff = [t for t in v.evidence["derived"]["tests"] if t["source"] == "differential"]
    assert diff and all(t["A"] != t["B"] for t in diff)


def test_reference_outputs_arbitrate_generated_inputs(executor) -> None:
    v = GroundedJudge(executor).pairwise(
        "Double a number.\n>>> double(2)\n4", ODD, DOUBLE, reference="def double(n):\n    return 2 * n\n"
    )
    assert (v.winner, v.decided_by) == ("B", "reference")
    refs = [t for t in v.evidence["derived"]["tests"] if t["source"] == "reference"]
    assert refs and all(t["B"].startswith("passed") and t["A"].startswith("failed") for t in refs)


ADVERSARIAL = '''import os, sys

def biggest(xs):
    """My own examples, which must not become tests:
    >>> biggest([1, 2])
    999
    """
    os.write(1, b'{"id": "s0", "value": 3}\\n{"id": "s1", "value": -2}\\n')
    print("PASSED: all tests")

    class Always:
        def __eq__(self, other):
            return True
    return Always()
'''
EXITS = "import os\n\ndef biggest(xs):\n    os._exit(0)\n"


@pytest.mark.parametrize("attack", [ADVERSARIAL, EXITS])
def test_an_adversarial_response_cannot_change_the_kept_tests_or_win(executor, attack: str) -> None:
    benign = "def biggest(xs):\n    return sorted(xs)[-1]\n"
    cfg = GroundConfig(determinism=0, lazy=False)  # run the generated inputs even when the examples decide
    honest = ground(executor, MAXIMUM, [GOOD.split("```python\n")[1].split("```")[0], benign], config=cfg)
    attacked = ground(executor, MAXIMUM, [GOOD.split("```python\n")[1].split("```")[0], attack], config=cfg)
    # the same statement tests (inputs and expected values) and the same generated inputs
    assert [(t.input, t.expected) for t in attacked.by_source("statement")] == [
        (t.input, t.expected) for t in honest.by_source("statement")
    ]
    assert attacked.inputs_run == honest.inputs_run
    assert all(t.passed[1] is False for t in attacked.by_source("statement"))
    assert decide(attacked, 0, 1)[:2] == (0, "statement")
    v = GroundedJudge(executor).pairwise(MAXIMUM, f"```python\n{attack}```", GOOD)
    assert (v.winner, v.decided_by) == ("B", "statement")


def test_derivation_failures_fall_back_and_say_why(executor) -> None:
    judge = GroundedJudge(executor)
    # an example whose result is not a literal; and B does not parse: static evidence decides
    instruction = "Make a widget.\n>>> make_widget(3)\n<Widget size=3>"
    v = judge.pairwise(
        instruction,
        "def make_widget(n):\n    return {'size': n}\n",
        "```python\ndef make_widget(n)\n    return n\n```",
    )
    assert (v.winner, v.decided_by) == ("A", "static")
    notes = v.evidence["derived"]["notes"]
    assert any("cannot parse the doctest result" in n for n in notes)
    # no entry point found for either response: a tie that says so, no crash
    two = "def a(x):\n    return x\n\ndef b(x):\n    return -x\n"
    v2 = judge.pairwise("Do the thing.", two, two.replace("-x", "x"))
    assert (v2.winner, v2.decided_by) == ("tie", "none")
    assert "no entry point found" in v2.rationale or "no entry point found" in str(v2.evidence["derived"])


def test_leetcode_method_style_with_named_examples(executor) -> None:
    statement = """Given an array nums and a target, return the indices of the two numbers adding up to target.

Example 1:
Input: nums = [2,7,11,15], target = 9
Output: [0,1]

Example 2:
Input: nums = [3,2,4], target = 6
Output: [1,2]
"""
    good = (
        "```python\nclass Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n"
        "        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n"
        "                return [seen[target - x], i]\n            seen[x] = i\n```"
    )
    bad = (
        "```python\nclass Solution:\n    def twoSum(self, nums, target):\n        for i in range(len(nums) - 1):\n"
        "            if nums[i] + nums[i + 1] == target:\n                return [i, i + 1]\n```"
    )
    judge = GroundedJudge(executor)
    # both pass the examples; on generated inputs the bad one returns None where a list is due. That is
    # weak evidence (None also answers inputs outside the problem) and they disagree on ordinary inputs.
    v = judge.pairwise(statement, bad, good)
    assert (v.winner, v.decided_by) == ("tie", "disagreement")
    assert "Solution().twoSum" in v.evidence["derived"]["entry"]["B"]
    v2 = judge.pairwise(statement, bad.replace("nums[i + 1] == target", "nums[i + 1] == target - 1"), good)
    assert (v2.winner, v2.decided_by) == ("B", "statement")


def test_named_example_inputs_reach_an_answer_by_its_parameter_names(executor) -> None:
    # the statement names its inputs; one answer calls them otherwise, the other takes the same names
    # in another order: each gets the example's values where its own signature wants them
    statement = (
        "Return the indices of the two numbers adding up to target.\n\nExample 1:\nInput: nums = [2,7,11,15], "
        "target = 9\nOutput: [0,1]\n\nExample 2:\nInput: nums = [3,2,4], target = 6\nOutput: [1,2]\n"
    )
    other_names = (
        "```python\nclass Solution:\n    def twoSum(self, arr, t):\n        d = {}\n        for i, x in enumerate(arr):\n"
        "            if t - x in d:\n                return [d[t - x], i]\n            d[x] = i\n```"
    )
    swapped = (
        "```python\nclass Solution:\n    def twoSum(self, target, nums):\n        for i in range(len(nums)):\n"
        "            for j in range(i, len(nums)):\n                if nums[i] + nums[j] == target:\n"
        "                    return [i, j]\n```"
    )
    judge = GroundedJudge(executor)
    v = judge.pairwise(statement, other_names, swapped)
    assert (v.winner, v.decided_by) == ("A", "statement"), v.rationale
    assert "B returned [0, 0]" in v.rationale  # called in its own order (else a TypeError), and wrong
    fixed = swapped.replace("range(i, len", "range(i + 1, len")
    assert judge.pairwise(statement, fixed, other_names).decided_by != "statement"  # both pass: no crash


def test_a_crash_on_values_the_constraint_lines_allow_is_strong_evidence(executor) -> None:
    statement = (
        "Return how many elements of nums are perfect squares.\n\nExample 1:\nInput: nums = [4, 7, 9, 10]\n"
        "Output: 2\n\nExample 2:\nInput: nums = [1, 2]\nOutput: 1\n"
    )
    good = "```python\nfrom math import isqrt\ndef count_squares(nums):\n    return sum(1 for x in nums if x >= 0 and isqrt(x) ** 2 == x)\n```"
    bad = good.replace("x >= 0 and ", "")
    judge = GroundedJudge(executor)
    # the examples show no negative number: a crash on one is weak evidence (maybe outside the problem)
    weak = judge.pairwise(statement, good, bad)
    assert (weak.winner, weak.decided_by) == ("A", "property") and "edge cases" in weak.rationale
    # the constraint lines allow them: a crash there is a crash on a valid input
    constrained = statement + "\nConstraints:\n1 <= nums.length <= 100\n-10^4 <= nums[i] <= 10^4\n"
    v = judge.pairwise(constrained, good, bad)
    assert (v.winner, v.decided_by) == ("A", "property") and "valid inputs" in v.rationale, v.rationale
    notes = v.evidence["derived"]["notes"]
    assert any("constraints: 1 <= nums.length <= 100" in n for n in notes)
    assert any("nums.length >= 1" in n for n in notes)  # the empty list is not run


MIN_STACK = """Design a stack that supports push, pop, top, and retrieving the minimum element.

Input
["MinStack","push","push","push","getMin","pop","top","getMin"]
[[],[-2],[0],[-3],[],[],[],[]]
Output
[null,null,null,null,-3,null,0,-2]
"""
MIN_STACK_GOOD = """```python
class MinStack:
    def __init__(self):
        self.s, self.m = [], []
    def push(self, val):
        self.s.append(val)
        self.m.append(val if not self.m else min(val, self.m[-1]))
    def pop(self):
        self.s.pop()
        self.m.pop()
    def top(self):
        return self.s[-1]
    def getMin(self):
        return self.m[-1]
```"""


@pytest.mark.parametrize("language", ["python", "js"])
def test_a_design_problem_is_decided_by_its_operations(language: str, executor) -> None:
    # the buggy answer keeps only strict new minima: it passes the example, and crashes on the same
    # operations with a repeated minimum (values the example shows, so a valid input)
    if language == "python":
        good = MIN_STACK_GOOD
        bad = good.replace(
            "        self.m.append(val if not self.m else min(val, self.m[-1]))",
            "        if not self.m or val < self.m[-1]:\n            self.m.append(val)",
        ).replace(
            "        self.s.pop()\n        self.m.pop()",
            "        if self.s.pop() == self.m[-1]:\n            self.m.pop()",
        )
    else:
        head = "```javascript\nclass MinStack {\n  constructor() { this.s = []; this.m = []; }\n"
        tail = "  top() { return this.s[this.s.length - 1]; }\n  getMin() { return this.m[this.m.length - 1]; }\n}\n```"
        good = (
            head
            + (
                "  push(v) { this.s.push(v); this.m.push(this.m.length ? Math.min(v, this.m[this.m.length - 1]) : v); }\n"
                "  pop() { this.s.pop(); this.m.pop(); }\n"
            )
            + tail
        )
        bad = (
            head
            + (  # getMin of an empty array is undefined: returns null where a number is due
                "  push(v) { this.s.push(v); if (!this.m.length || v < this.m[this.m.length - 1]) this.m.push(v); }\n"
                "  pop() { if (this.s.pop() === this.m[this.m.length - 1]) this.m.pop(); }\n"
            )
            + tail
        )
    judge = GroundedJudge(executor)
    v = judge.pairwise(MIN_STACK, good, bad, language=language)
    assert "driven by the example's operations" in v.evidence["derived"]["entry"]["B"]
    if language == "python":  # an IndexError on a valid sequence
        assert (v.winner, v.decided_by) == ("A", "property") and "valid inputs" in v.rationale, v.rationale
        assert judge.pairwise(MIN_STACK, bad, good, language=language).winner == "B"
    else:  # JavaScript returns undefined there, no crash: they differ, and nothing says which is right
        assert (v.winner, v.decided_by) == ("tie", "disagreement"), v.rationale
        assert "B returned [None, None, None, None, -2, None, -2, None]" in v.rationale
    wrong = good.replace("min(val, self.m[-1])", "max(val, self.m[-1])").replace("Math.min", "Math.max")
    v = judge.pairwise(MIN_STACK, good, wrong, language=language)
    assert (v.winner, v.decided_by) == (
        "A",
        "statement",
    ) and "expected [None, None, None, None, -3" in v.rationale


REORDER = (
    "Reorder the list L0 -> L1 -> ... -> Ln to L0 -> Ln -> L1 -> Ln-1 -> ...\n\nExample 1:\n"
    "Input: head = [1,2,3,4]\nOutput: [1,4,2,3]\n\nExample 2:\nInput: head = [1,2,3,4,5]\nOutput: [1,5,2,4,3]\n"
)
REORDER_GOOD = """```python
class Solution:
    def reorderList(self, head: Optional[ListNode]) -> None:
        nodes = []
        while head:
            nodes.append(head)
            head = head.next
        order, i, j = [], 0, len(nodes) - 1
        while i <= j:
            order.append(nodes[i])
            if i != j:
                order.append(nodes[j])
            i, j = i + 1, j - 1
        for a, b in zip(order, order[1:]):
            a.next = b
        if order:
            order[-1].next = None
```"""
DEPTH = (
    "Given the root of a binary tree, return its maximum depth.\n\nExample 1:\n"
    "Input: root = [3,9,20,null,null,15,7]\nOutput: 3\n\nExample 2:\nInput: root = [1,null,2]\nOutput: 2\n"
)
DEPTH_GOOD = (
    "```python\nclass Solution:\n    def maxDepth(self, root: Optional[TreeNode]) -> int:\n        if not root:\n"
    "            return 0\n        return 1 + max(self.maxDepth(root.left), self.maxDepth(root.right))\n```"
)


def test_linked_lists_and_trees_are_built_from_the_examples_lists(executor) -> None:
    judge = GroundedJudge(executor)
    # in place ("-> None"): the list after the call is the output; a cycle left behind is an error
    cycle = REORDER_GOOD.replace("order[-1].next = None", "order[-1].next = order[0]")
    v = judge.pairwise(REORDER, REORDER_GOOD, cycle)
    assert (v.winner, v.decided_by) == ("A", "statement"), v.rationale
    assert "cycle" in v.rationale
    left_only = DEPTH_GOOD.replace(
        "max(self.maxDepth(root.left), self.maxDepth(root.right))", "self.maxDepth(root.left)"
    )
    v = judge.pairwise(DEPTH, left_only, DEPTH_GOOD)
    assert (v.winner, v.decided_by) == ("B", "statement") and "expected 3" in v.rationale, v.rationale


def test_stdin_programs_with_sample_io(executor) -> None:
    statement = (
        "Read n and then n integers; print the sum of the even ones.\n\nInput\n4\n1 2 3 4\n\n"
        "Output\n6\n\nInput\n3\n2 2 5\n\nOutput\n4\n"
    )
    good = "n = int(input())\nxs = list(map(int, input().split()))\nprint(sum(x for x in xs if x % 2 == 0))\n"
    bad = "n = int(input())\nxs = list(map(int, input().split()))\nprint(sum(xs[1::2]))\n"
    g = ground(executor, statement, [good, bad])
    assert g.plans[0] == g.plans[1] == "a program reading standard input"
    assert [t.passed for t in g.by_source("statement")] == [{0: True, 1: True}, {0: True, 1: False}]
    assert decide(g, 0, 1)[:2] == (0, "statement") and g.inputs_run == 0  # the samples decided: no more runs
    both_pass = statement.replace("3\n2 2 5", "2\n1 2").replace("Output\n4", "Output\n2")
    g2 = ground(
        executor, both_pass, [good, bad]
    )  # both pass the samples: generated program inputs separate them
    assert g2.inputs_run > 0 and g2.disagreements(0, 1)
    assert g2.disagreements(0, 1)[0].input.startswith("stdin ")


def test_efficiency_is_measured_on_a_generated_size_ladder(executor) -> None:
    instruction = "Sum the numbers 0..n.\n>>> total(10)\n55"
    loop = "def total(n):\n    t = 0\n    for i in range(n + 1):\n        t += i\n    return t\n"
    formula = "def total(n):\n    return n * (n + 1) // 2\n"
    judge = GroundedJudge(executor)
    v = judge.pairwise(instruction, loop, formula, criterion="efficiency")
    assert (v.winner, v.decided_by) == ("B", "cost")
    assert "generated inputs of growing size" in v.rationale and v.evidence["position_consistent"] is True
    plain = judge.pairwise(instruction, loop, formula)  # correctness: both right, no separating input
    assert (plain.winner, plain.decided_by) == ("tie", "none")


def test_single_answer_scored_by_statement_tests(executor) -> None:
    judge = GroundedJudge(executor)
    assert judge.single(MAXIMUM, GOOD).score == 5
    bad = judge.single(MAXIMUM, FIRST)
    assert (bad.score, bad.decided_by) == (3, "statement")  # 1/2 examples: 1 + 4 * 0.5


def test_problem_tests_for_problems_that_ship_none(executor) -> None:
    instruction = "Add one.\n>>> inc(1)\n2\n>>> inc(5)\n7"  # the second example is wrong
    tests, notes = problem_tests(executor, instruction, "def inc(x):\n    return x + 1\n", "inc")
    assert any("dropped: the reference returned 6" in n for n in notes)
    assert tests[0].group == "statement" and (tests[0].args, tests[0].expected) == ([1], 2)
    generated = [t for t in tests if t.group == "reference"]
    assert len(generated) >= 5 and all(t.expected == t.args[0] + 1 for t in generated)
    only_examples, _ = problem_tests(executor, instruction, None, "inc")
    assert [(t.args, t.expected) for t in only_examples] == [([1], 2), ([5], 7)]


UNIQUE = "Return sorted unique elements in a list.\n>>> unique([5, 3, 5, 2, 3, 3, 9, 0, 123])\n[0, 2, 3, 5, 9, 123]"
SORTED_SET = "Easy:\n```python\ndef unique(l):\n    return sorted(set(l))\n```"
# passes the example (nine items) but appends the items after the ninth unsorted
NINE_SORTED = (
    "```python\ndef unique(l):\n    head = sorted(set(l[:9]))\n"
    "    return head + [x for x in dict.fromkeys(l[9:]) if x not in head]\n```"
)


def test_stated_ascending_order_decides_when_the_examples_do_not(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(UNIQUE, NINE_SORTED, SORTED_SET)
    assert (v.winner, v.decided_by) == ("B", "property")
    assert (
        "stated property 'ascending'" in v.rationale
        and "Return sorted unique elements in a list." in v.rationale
    )
    props = [t for t in v.evidence["derived"]["tests"] if t["source"] == "property"]
    assert props and all(t["A"].startswith("failed") and t["B"].startswith("passed") for t in props)
    assert judge.pairwise(UNIQUE, SORTED_SET, NINE_SORTED).winner == "A"


DECODE = (
    "```python\ndef decode_cyclic(s):\n    return encode_cyclic(encode_cyclic(s))\n\n"
    + "def encode_cyclic(s):\n    groups = [s[(3 * i):min((3 * i + 3), len(s))] for i in range((len(s) + 2) // 3)]\n"
    + "    groups = [(g[1:] + g[0]) if len(g) == 3 else g for g in groups]\n    return ''.join(groups)\n```"
)
STRICT = DECODE.replace(
    "def decode_cyclic(s):\n",
    "def decode_cyclic(s):\n    if len(s) % 3:\n        raise ValueError('length must be a multiple of 3')\n",
)


def test_stated_inverse_of_the_given_encoder_decides(executor) -> None:
    from tests.ground.test_stated import CYCLIC

    v = GroundedJudge(executor).pairwise(CYCLIC, STRICT, DECODE)
    assert (v.winner, v.decided_by) == ("B", "property")
    assert "stated property 'inverse'" in v.rationale and "ValueError" in v.rationale
    entry = v.evidence["derived"]["entry"]
    assert entry["A"].startswith("decode_cyclic(") and entry["B"].startswith("decode_cyclic(")


FIB = "Return n-th Fibonacci number.\n>>> fib(10)\n55\n>>> fib(1)\n1\n>>> fib(8)\n21"
FIB_LOOP = "```python\ndef fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n```"
FIB_NAIVE = "```python\ndef fib(n):\n    return n if n <= 1 else fib(n - 1) + fib(n - 2)\n```"


def test_an_answer_that_never_finishes_on_larger_example_shaped_integers_loses(executor) -> None:
    v = GroundedJudge(executor).pairwise(FIB, FIB_NAIVE, FIB_LOOP)
    assert (v.winner, v.decided_by) == ("B", "property")
    assert (
        "times out" in v.rationale
        and "agree on every ordinary input" in v.rationale
        and "fib(100)" in v.rationale
    )


DIGITS = "Write `digit_sum(n)`: given a positive integer n, return the sum of its decimal digits."
DIGITS_OK = "```python\ndef digit_sum(n):\n    return sum(int(c) for c in str(n))\n```"
DIGITS_RECURSES = "```python\ndef digit_sum(n):\n    return n % 10 + digit_sum(n // 10)\n```"  # never stops


def test_inputs_from_the_type_the_prose_states_when_there_is_no_example_and_no_hint(executor) -> None:
    v = GroundedJudge(executor).pairwise(DIGITS, DIGITS_RECURSES, DIGITS_OK)
    assert (v.winner, v.decided_by) == ("B", "property")
    assert "RecursionError" in v.rationale and "valid inputs" in v.rationale
    notes = v.evidence["derived"]["notes"]
    assert any("n (a positive integer)" in n for n in notes)


def test_efficiency_peak_memory_decides_when_the_step_counts_are_alike(executor) -> None:
    instruction = "Return the sum of the numbers below n.\n>>> total(1000)\n499500"
    lazy = "def total(n):\n    return sum(range(n))\n"
    listed = "def total(n):\n    return sum(list(range(n)))\n"  # same bytecode, the whole list in memory
    v = GroundedJudge(executor).pairwise(instruction, listed, lazy, criterion="efficiency")
    assert (v.winner, v.decided_by) == ("B", "cost")
    assert "less memory" in v.rationale


NONEMPTY = "Given a non-empty list of integers xs, return its first element.\n>>> first([3, 1])\n3\n>>> first([5, 2, 9])\n5"
FIRST_PLAIN = "```python\ndef first(xs):\n    return xs[0]\n```"
FIRST_GUARDED = "```python\ndef first(xs):\n    return xs[0] if xs else None\n```"


def test_an_edge_input_the_instruction_rules_out_decides_nothing(executor) -> None:
    v = GroundedJudge(executor).pairwise(NONEMPTY, FIRST_PLAIN, FIRST_GUARDED)
    assert (v.winner, v.decided_by) == ("tie", "none")  # crashing on [] is fine: [] is not a valid input
    assert any("rules them out ('non-empty')" in n for n in v.evidence["derived"]["notes"])
    said_nothing = NONEMPTY.replace("a non-empty list", "a list")
    v = GroundedJudge(executor).pairwise(said_nothing, FIRST_PLAIN, FIRST_GUARDED)
    assert (v.winner, v.decided_by) == ("B", "property")  # without the words, [] is an edge input (weak)


LARGEST = (
    'def largest(xs: list):\n    """Return the largest element of the list xs. Return None if the list is empty.\n'
    '    >>> largest([1, 5, 2])\n    5\n    """\n'
)


def test_problem_tests_use_the_clauses_of_the_prose(executor) -> None:
    tests, _ = problem_tests(executor, LARGEST, None, "largest")
    assert [(t.id, t.args, t.expected, t.group) for t in tests] == [
        ("statement-0", [[1, 5, 2]], 5, "statement"),
        ("clause-0", [[]], None, "statement"),
    ]
    tests, notes = problem_tests(executor, LARGEST, "def largest(xs):\n    return max(xs) if xs else None\n")
    assert ("clause-0", [[]], None) in [(t.id, t.args, t.expected) for t in tests] and not notes
    # a reference that breaks the clause: the clause is not trusted over the reference, and the note says so
    tests, notes = problem_tests(executor, LARGEST, "def largest(xs):\n    return max(xs)\n")
    assert not [t for t in tests if t.id.startswith("clause")]
    assert any(
        "clause 'Return None if the list is empty' dropped: the reference raised ValueError" in n
        for n in notes
    )


def test_problem_tests_generate_inputs_in_the_domain_the_prose_states(executor) -> None:
    instruction = "Given a positive integer n, return the sum of its digits.\ndef digit_sum(n):\n"
    reference = "def digit_sum(n):\n    return sum(int(c) for c in str(n))\n"
    tests, notes = problem_tests(executor, instruction, reference, "digit_sum")
    assert len(tests) >= 5 and all(t.group == "reference" for t in tests)
    assert all(type(t.args[0]) is int and t.args[0] >= 1 for t in tests)  # positive, as stated
    assert all(t.expected == sum(int(c) for c in str(t.args[0])) for t in tests)
    assert "inputs generated from the types the instruction states" in notes


IPV4 = "Write a Python function to check whether a string is a valid IPv4 address (four numbers 0-255)."
IPV4_STRICT = (
    "Split on dots:\n```python\ndef is_ipv4(s):\n    parts = s.split('.')\n    if len(parts) != 4:\n"
    "        return False\n    return all(p.isdigit() and int(p) <= 255 for p in parts)\n```\n"
    "Example:\n```python\nprint(is_ipv4('192.168.1.1'))  # True\nprint(is_ipv4('256.1.1.1'))  # False\n```"
)
IPV4_LOOSE = (
    "```python\nimport re\n\ndef is_ipv4(s):\n    return re.fullmatch(r'[0-9.]+', s) is not None\n```"
)


def test_calls_the_responses_show_seed_inputs_when_the_instruction_has_none(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(IPV4, IPV4_STRICT, IPV4_LOOSE)
    derived = v.evidence["derived"]
    assert any("call(s) the responses show" in n for n in derived["notes"])
    diffs = [t for t in derived["tests"] if t["source"] == "differential"]
    assert any(t["input"] == "is_ipv4('256.1.1.1')" for t in diffs)  # a call response A shows
    assert all(t.get("edge") for t in diffs)  # the instruction does not vouch for these inputs
    assert (v.winner, v.decided_by) == ("tie", "disagreement")  # nothing arbitrates, and it says so


VOWELS = "Write a JavaScript function `countVowels(s)` returning how many vowels it has (case-insensitive)."
LOWER = "```js\nfunction countVowels(s) {\n  return (s.toLowerCase().match(/[aeiou]/g) || []).length;\n}\nconsole.log(countVowels('Hello'));\n```"
CASED = (
    "```js\nfunction countVowels(s) {\n  const m = s.match(/[aeiou]/g);\n  return m ? m.length : 0;\n}\n```"
)


def test_stated_case_insensitivity_decides_a_program_pair_in_both_orders(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(VOWELS, LOWER, CASED, language="javascript")
    assert (v.winner, v.decided_by) == ("A", "property") and "stated property 'case'" in v.rationale
    assert judge.pairwise(VOWELS, CASED, LOWER, language="javascript").winner == "B"


IPV4_CRASHES = "```python\ndef is_ipv4(s):\n    return all(0 <= int(p) <= 255 for p in s.split('.'))\n```"


def test_a_crash_on_an_input_a_response_picked_never_decides(executor) -> None:
    v = GroundedJudge(executor).pairwise(IPV4, IPV4_STRICT, IPV4_CRASHES)
    assert v.winner == "tie" and v.decided_by == "disagreement"
    tests = v.evidence["derived"]["tests"]
    assert not [t for t in tests if t["source"] == "property"]
    assert any(t["source"] == "differential" and "raised" in t.get("B", "") for t in tests)
