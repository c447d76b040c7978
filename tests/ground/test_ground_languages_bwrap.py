"""Grounding without tests in JavaScript, Go and C++, end to end on the real bubblewrap sandbox.

Each pair comes as users bring it: an instruction in the language's own syntax
(typed signature, examples written with its literals), two prose answers, no tests,
no entry point. The derived inputs run as program jobs (outputs only); the verdict
says which evidence decided.
"""

from __future__ import annotations

import pytest

from codejudge.ground.derive import ground
from codejudge.ground.derived import decide
from codejudge.judge.grounded import GroundedJudge

pytestmark = pytest.mark.bwrap

JS_MAX = (
    "Write a JavaScript function `const largest = (xs)` to solve the following problem:\n"
    "Return the largest number of a non-empty list.\n>>> largest([3, 1, 2])\n3\n>>> largest([-5, -2])\n-2\n"
)
JS_GOOD = "Here you go:\n```javascript\nconst largest = (xs) => {\n  return Math.max(...xs);\n}\n```\nIt uses Math.max."
JS_FIRST = "Simple:\n\n```js\nconst largest = (xs) => {\n  return xs[0];\n}\n```"

JS_THIRD_TASK = (
    "Write a JavaScript function `const largest = (xs)`: return the largest element.\n"
    "largest([3, 1, 2]) == 3\nlargest([9, 4, 7]) == 9\n"
)
JS_TOP = "```javascript\nconst largest = (xs) => Math.max(...xs);\n```"
JS_THIRD = "```javascript\nconst largest = (xs) => {\n  return xs.slice().sort((a, b) => a - b)[2].valueOf();\n}\n```"


def test_javascript_pair_decided_by_a_statement_example(executor) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(JS_MAX, JS_GOOD, JS_FIRST, language="JavaScript")
    assert (v.winner, v.decided_by) == ("A", "statement") and v.evidence["position_consistent"] is True
    tests = {t["input"]: t for t in v.evidence["derived"]["tests"] if t["source"] == "statement"}
    assert tests["largest([-5, -2])"]["B"].startswith("failed")
    assert judge.pairwise(JS_MAX, JS_FIRST, JS_GOOD, language="js").winner == "B"


def test_javascript_pair_decided_by_a_property(executor) -> None:
    g = ground(
        executor,
        JS_THIRD_TASK,
        [
            "const largest = (xs) => Math.max(...xs);",
            "const largest = (xs) => xs.slice().sort((a, b) => a - b)[2].valueOf();",
        ],
        language="js",
    )
    assert [t.passed for t in g.by_source("statement")] == [{0: True, 1: True}] * 2
    winner, source, why = decide(g, 0, 1)
    assert (winner, source) == (0, "property") and "TypeError" in why
    v = GroundedJudge(executor).pairwise(JS_THIRD_TASK, JS_THIRD, JS_TOP, language="js")
    assert (v.winner, v.decided_by) == ("B", "property")


GO_TASK = (
    "Write a Go function `func Largest(xs []int) int` to solve the following problem:\n"
    "Return the largest number of a non-empty list.\n>>> Largest([]int{3, 1, 2})\n3\n"
    "Largest([]int{-5, -2}) == -2\n"
)
GO_GOOD = (
    "Loop and keep the best:\n\n```go\nfunc Largest(xs []int) int {\n    best := xs[0]\n"
    "    for _, x := range xs {\n        if x > best {\n            best = x\n        }\n    }\n"
    "    return best\n}\n\nfunc main() {\n    fmt.Println(Largest([]int{1, 2}))\n}\n```"
)
GO_FIRST = "```go\nfunc Largest(xs []int) int {\n    return xs[0]\n}\n```"
GO_THIRD_TASK = (
    "Write a Go function `func Largest(xs []int) int`: return the largest element.\n"
    "Largest([]int{3, 1, 2}) == 3\nLargest([]int{9, 4, 7}) == 9\n"
)
GO_THIRD = (
    '```go\nimport "sort"\n\nfunc Largest(xs []int) int {\n    ys := append([]int{}, xs...)\n'
    "    sort.Ints(ys)\n    return ys[2]\n}\n```"
)


def test_go_pair_decided_by_a_statement_example(executor) -> None:
    v = GroundedJudge(executor).pairwise(GO_TASK, GO_GOOD, GO_FIRST, language="golang")
    assert (v.winner, v.decided_by) == ("A", "statement")
    assert v.evidence["derived"]["entry"]["A"].startswith("Largest(xs)")


def test_go_pair_decided_by_a_property(executor) -> None:
    v = GroundedJudge(executor).pairwise(GO_THIRD_TASK, GO_GOOD, GO_THIRD, language="go")
    assert (v.winner, v.decided_by) == ("A", "property")
    assert "index out of range" in v.rationale


CPP_TASK = (
    "Write a C++ function `vector<int> evens(vector<int> xs)`: keep the even numbers, in order.\n"
    ">>> evens({1, 2, 3, 4})\n{2, 4}\n"
)
CPP_GOOD = (
    "```cpp\nvector<int> evens(vector<int> xs) {\n    vector<int> out;\n    for (int x : xs)\n"
    "        if (x % 2 == 0) out.push_back(x);\n    return out;\n}\n```"
)
CPP_ODD = (
    "```cpp\nvector<int> evens(vector<int> xs) {\n    vector<int> out;\n    for (int x : xs)\n"
    "        if (x % 2 == 1) out.push_back(x);\n    return out;\n}\n```"
)


def test_cpp_pair_decided_by_a_statement_example(executor) -> None:
    v = GroundedJudge(executor).pairwise(CPP_TASK, CPP_ODD, CPP_GOOD, language="c++")
    assert (v.winner, v.decided_by) == ("B", "statement")


def test_derivation_failures_fall_back_with_the_reason(executor) -> None:
    # a parameter type codejudge cannot write, and an example whose result does not parse
    task = "Write a C++ function `int area(Shape s)`.\n>>> area(Shape{2, 3})\nsix\n"
    a = "```cpp\nint area(Shape s) { return s.w * s.h; }\n```"
    b = "```cpp\nint area(Shape s) { return s.w + s.h; }\n```"
    v = GroundedJudge(executor).pairwise(task, a, b, language="cpp")
    assert v.winner == "tie" and v.decided_by in ("none", "static")
    notes = " ".join(v.evidence["derived"]["notes"])
    assert "cannot write values of the type of s" in notes
    # a Rust instruction without any example and an untyped JavaScript one: no crash, a reason
    g = ground(
        executor,
        "Write a JavaScript function `const f = (x)` that doubles x.",
        ["const f = (x) => x * 2;", "const f = (x) => x + x;"],
        language="js",
    )
    assert any("no example" in n for n in g.notes) and decide(g, 0, 1) is None


LEETCODE = (
    "Given an array nums and an integer target, return the indices of the two numbers that add up to "
    "target; the same element may not be used twice.\n\nExample 1:\nInput: nums = [2,7,11,15], target = 9\n"
    "Output: [0,1]\n\nExample 2:\nInput: nums = [3,2,4], target = 6\nOutput: [1,2]\n"
)
CPP_MAP = (
    "```cpp\nclass Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n"
    "        unordered_map<int, int> seen;\n        for (int i = 0; i < (int)nums.size(); i++) {\n"
    "            auto it = seen.find(target - nums[i]);\n            if (it != seen.end()) return {it->second, i};\n"
    "            seen[nums[i]] = i;\n        }\n        return {};\n    }\n};\n```"
)
CPP_SAME_TWICE = (  # j starts at i: uses one element twice
    "```cpp\nclass Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n"
    "        for (int i = 0; i < (int)nums.size(); i++)\n            for (int j = i; j < (int)nums.size(); j++)\n"
    "                if (nums[i] + nums[j] == target) return {i, j};\n        return {};\n    }\n};\n```"
)
RUST_MAP = (
    "```rust\nuse std::collections::HashMap;\nimpl Solution {\n"
    "    pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> {\n        let mut seen = HashMap::new();\n"
    "        for (i, &x) in nums.iter().enumerate() {\n"
    "            if let Some(&j) = seen.get(&(target - x)) { return vec![j as i32, i as i32]; }\n"
    "            seen.insert(x, i);\n        }\n        vec![]\n    }\n}\n```"
)
RUST_SAME_TWICE = (
    "```rust\nimpl Solution {\n    pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> {\n"
    "        for i in 0..nums.len() { for j in i..nums.len() {\n"
    "            if nums[i] + nums[j] == target { return vec![i as i32, j as i32]; } } }\n        vec![]\n    }\n}\n```"
)


@pytest.mark.parametrize(
    ("language", "good", "bad"), [("cpp", CPP_MAP, CPP_SAME_TWICE), ("rust", RUST_MAP, RUST_SAME_TWICE)]
)
def test_leetcode_class_answers_are_called_through_their_class(
    language: str, good: str, bad: str, executor
) -> None:
    # LeetCode's `class Solution { public: ... }` with a `vector<int>&` parameter (no temporary binds to
    # it), and Rust's `impl Solution` whose `struct Solution;` LeetCode declares out of sight
    judge = GroundedJudge(executor)
    v = judge.pairwise(LEETCODE, good, bad, language=language)
    assert (v.winner, v.decided_by) == ("A", "statement"), v.rationale
    assert "[1, 2]" in v.rationale and "[0, 0]" in v.rationale
    assert judge.pairwise(LEETCODE, bad, good, language=language).winner == "B"


def test_a_pair_where_neither_answer_builds_says_so(executor) -> None:
    task = "Write a Rust function `fn add(a: i32, b: i32) -> i32`.\nadd(1, 2) == 3\nadd(5, 5) == 10"
    a = '```rust\nfn add(a: i32, b: i32) -> i32 { a + b + "x" }\n```'
    b = "```rust\nfn add(a: i32, b: i32) -> i32 { let s: String = a; a + b }\n```"
    v = GroundedJudge(executor).pairwise(task, a, b, language="rust")
    assert (v.winner, v.decided_by) == ("tie", "none")
    assert "both fail every derived test (2)" in v.rationale and "CompileError" in v.rationale, v.rationale
