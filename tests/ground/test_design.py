"""Design problems: a class driven by a sequence of operations (LeetCode's LRUCache, MinStack)."""

from __future__ import annotations

import pytest

from codejudge.ground.design import design_inputs, design_plan, is_design, js_expression
from codejudge.ground.mine import mine

LRU = """Implement the LRUCache class.

Example 1:

Input
["LRUCache", "put", "put", "get", "put", "get"]
[[2], [1, 1], [2, 2], [1], [3, 3], [2]]
Output
[null, null, null, 1, null, -1]
Explanation
lRUCache.put(1, 1); // cache is {1=1}
"""


def test_the_design_example_is_one_example_of_operations_and_outputs() -> None:
    (e,) = mine(LRU).examples  # the "Input" heading is no stdin sample, the explanation no call
    assert (e.pattern, e.call, e.line) == ("design", "LRUCache", 5)
    assert e.args == [
        ["LRUCache", "put", "put", "get", "put", "get"],
        [[2], [1, 1], [2, 2], [1], [3, 3], [2]],
    ]
    assert e.expected == [None, None, None, 1, None, -1]
    inline = mine('Input: ["MinStack","push","getMin"]\n[[],[-2],[]]\nOutput: [null,null,-2]', "js")
    assert [(x.pattern, x.expected) for x in inline.examples] == [("design", [None, None, -2])]


@pytest.mark.parametrize(
    "text",
    [
        '["a", "b"]\n[[1], [2]]\nOutput\n[1]',  # outputs of another length
        '["a b", "c"]\n[[1], [2]]\n[1, 2]',  # not identifiers
        "[1, 2]\n[[1], [2]]\n[1, 2]",  # not operation names
    ],
)
def test_lists_that_are_not_a_design_example(text: str) -> None:
    assert not [e for e in mine(text).examples if e.pattern == "design"]


def test_generated_sequences_keep_the_operations_and_the_constructor() -> None:
    ops = ["MinStack", "push", "push", "getMin", "pop", "top"]
    argss = [[], [-2], [0], [], [], []]
    out = design_inputs([[ops, argss]], n=10, seed=3)
    ordinary = [x for x in out if not x.edge]
    assert ordinary and all(x.args[0] == ops and x.args[1][0] == [] for x in ordinary)
    assert all(is_design(x.args) for x in out)
    assert all(v in (-2, -1, 0) for x in ordinary for a in x.args[1][1:] for v in a)  # within the shown range
    (twice,) = [x for x in out if x.edge]
    assert twice.args[0] == ops + ops[1:] and twice.args[1] == argss + argss[1:]
    lru = design_inputs([[["LRUCache", "put"], [[2], [1, 1]]]], n=5)
    assert all(x.args[1][0] == [2] for x in lru)  # a capacity of 0 may be outside the problem


def test_plans_and_the_javascript_driver() -> None:
    assert design_plan("class LRUCache:\n    pass\n", "python", "LRUCache").style == "design"
    assert design_plan("def f():\n    pass\n", "python", "LRUCache") is None  # not this answer's class
    assert design_plan("class LRUCache { get(k) { return 1; } }", "js", "LRUCache").style == "design"
    go = design_plan("type LRUCache struct{}", "go", "LRUCache")
    assert go is not None and not go.runnable and "Python and JavaScript" in go.why
    expr = js_expression("S", [["S", "push", "top"], [[], [1], []]])
    assert expr.startswith("(() => { const o = new S(...[]);") and '[["push", "top"], [[1], []]]' in expr
