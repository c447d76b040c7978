"""How responses are called (entry point, I/O style) and how inputs are generated (no sandbox)."""

from __future__ import annotations

import pytest

from codejudge.ground.arbitrate import classify, hint_families
from codejudge.ground.derived import DerivedTest, Grounding, decide
from codejudge.ground.generate import generate, infer, ladder, stdin_inputs, unusual
from codejudge.ground.plan import WRAPPER, instruction_signature, plan_for
from codejudge.ground.run import Outcome


def test_statement_names_pick_the_function_among_helpers() -> None:
    code = (
        "def helper(x):\n    return x\n\ndef solve(a, b):\n    return helper(a) + b\n\nprint(solve(1, 2))\n"
    )
    p = plan_for(code, ["solve"], [])
    assert (p.style, p.entry, p.params) == ("function", "solve", ["a", "b"])


def test_without_names_the_only_root_function_is_the_entry() -> None:
    code = "def is_prime(n):\n    return n > 1\n\ndef count_primes(xs):\n    return sum(map(is_prime, xs))\n"
    assert plan_for(code, [], []).entry == "count_primes"


def test_leetcode_method_style_is_called_through_a_wrapper() -> None:
    code = (
        "from typing import List\n\nclass Solution:\n    def twoSum(self, nums: List[int], target: int) -> "
        "List[int]:\n        return [0, 1]\n"
    )
    p = plan_for(code, [], ["nums", "target"])
    assert (p.style, p.cls, p.entry, p.params, p.job_entry) == (
        "method",
        "Solution",
        "twoSum",
        ["nums", "target"],
        WRAPPER,
    )
    assert f"def {WRAPPER}(*args):\n    return Solution().twoSum(*args)" in p.source(code)


def test_programs_reading_stdin_are_stdio_style() -> None:
    main = "import sys\n\ndef main():\n    n = int(input())\n    print(n * 2)\n\nmain()\n"
    assert plan_for(main, [], []).style == "stdio"
    script = "n = int(input())\nprint(sum(map(int, input().split())))\n"
    assert plan_for(script, [], [], stdio_examples=True).style == "stdio"


def test_no_entry_point_says_why() -> None:
    p = plan_for("def a():\n    return 1\n\ndef b():\n    return 2\n", ["zzz"], [])
    assert not p.runnable and "no entry point found" in p.why and "zzz" in p.why
    bad = plan_for("def f(:\n", ["f"], [])
    assert not bad.runnable and "does not parse" in bad.why


def test_instruction_signatures() -> None:
    sig = instruction_signature(
        'Complete:\n```python\ndef f(xs: List[int], k: int = 2) -> Optional[int]:\n    """Doc."""\n```'
    )
    assert sig is not None and (sig.name, sig.params, sig.annotations, sig.returns) == (
        "f",
        ["xs", "k"],
        ["List[int]", "int"],
        "Optional[int]",
    )
    assert instruction_signature("No code here.") is None
    assert hint_families("Optional[List[int]]") == {"list", "none"}
    assert hint_families("Tuple[int, int] | None") == {"tuple", "none"}
    assert hint_families("MyType") is None


def test_generation_is_deterministic_type_preserving_and_marks_edges() -> None:
    seeds = [[[1, 2, 3], 2], [[5, 3, 9, 1], 1]]
    first = generate(seeds, [None, None], n=30, seed=7)
    assert first == generate(seeds, [None, None], n=30, seed=7)
    assert len(first) >= 30
    for g in first:
        assert type(g.args[0]) is list and type(g.args[1]) is int
        assert all(type(x) is int for x in g.args[0])
        assert g.args[1] >= 0 or g.edge  # never a negative count unless flagged
    assert any(not g.args[0] and g.edge for g in first)  # an empty list is an edge case
    assert any(g.size >= 30 for g in first)  # the size ladder grows the collections


def test_unusual_inputs() -> None:
    shape = infer([["three one five"], ["nine two"]])
    words = shape.elem
    assert words is not None and unusual("one nine", words) is None
    assert unusual("thre one", words) == "a word the examples never used"
    frac = infer(["1/5", "7/10"])
    assert unusual("3/4", frac) is None and unusual("5/", frac) == "a token shaped unlike the examples'"
    assert unusual("5/0", frac) == "a number below every example's inside a token"
    counts = infer([3, 5])
    assert unusual(4, counts) is None and unusual(0, counts) == "a number below every example's"
    assert unusual(-1, infer([0, 2])) == "a negative number"


def test_hint_only_generation_and_ladder() -> None:
    gen = generate([], ["List[int]", "str"], n=10, seed=1)
    assert gen and all(type(g.args[0]) is list and type(g.args[1]) is str for g in gen)
    rungs = ladder([[[3, 1, 2]]], [None], factors=(10, 100), max_len=1000)
    grown = [r for r in rungs if "values all distinct" not in r.origin]
    assert sorted(len(r.args[0]) for r in grown) == [30, 300]
    scaled = ladder([[20]], [None], factors=(10,))
    assert [r.args for r in scaled] == [[200]]


def test_stdin_inputs_keep_counts() -> None:
    for g in stdin_inputs(["3\n1 2 3\n"], n=10, seed=3):
        first, rest = g.args[0].split("\n", 1)
        assert first == "3" and len(rest.split()) == 3


# ------------------------------------------------------------- arbitration on outcomes
OK1, OK2 = Outcome("ok", 1), Outcome("ok", 2)


def test_classify_separates_crashes_types_flakiness_and_plain_disagreements() -> None:
    crash = classify("f(0)", "m", False, {0: OK1, 1: Outcome("error", exception="IndexError: x")})
    assert [(t.source, t.passed) for t in crash] == [("property", {0: True, 1: False})]
    rejected = classify(
        "f(0)", "m", False, {0: OK1, 1: Outcome("error", exception="ValueError: bad", deliberate=True)}
    )
    assert [t.source for t in rejected] == ["differential"]  # rejecting an input is not a crash
    both_fail = classify("f(0)", "m", False, {0: Outcome("error"), 1: Outcome("timeout")})
    assert both_fail == []  # nobody completes it: probably not a valid input
    typed = classify("f(0)", "m", False, {0: OK1, 1: Outcome("ok", "1")}, families={"number"})
    assert [(t.source, t.passed, t.weak) for t in typed] == [("property", {0: True, 1: False}, False)]
    none = classify("f(0)", "m", False, {0: OK1, 1: Outcome("ok", None)}, families={"number"})
    assert [(t.source, t.weak) for t in none] == [("property", True), ("differential", False)]
    flaky = classify("f(0)", "m", False, {0: OK1, 1: OK1}, reruns={0: OK1, 1: OK2})
    assert [(t.source, t.passed) for t in flaky] == [("property", {0: True, 1: False})]
    plain = classify("f(0)", "m", False, {0: OK1, 1: OK2})
    assert [t.source for t in plain] == ["differential"]
    agree = classify("f(0)", "m", False, {0: Outcome("ok", [2, 1]), 1: Outcome("ok", [1, 2])}, view=("set",))
    assert agree == []  # the statement compares as sets: order does not matter
    ref = classify("f(0)", "m", False, {0: OK1, 1: OK2}, reference=OK2)
    assert [(t.source, t.passed) for t in ref] == [("reference", {0: False, 1: True})]
    assert classify("f(0)", "m", False, {0: OK1, 1: OK2}, reference=Outcome("error")) == []


def test_decide_follows_the_rank_and_is_symmetric() -> None:
    st = DerivedTest("s", "statement", "f(1)", "line 1", expected=1, passed={0: False, 1: True})
    prop = DerivedTest(
        "p", "property", "f(2)", "mutation", passed={0: True, 1: False}, prop="raises on a valid input"
    )
    g = Grounding(["a", "b"], tests=[st, prop])
    assert decide(g, 0, 1)[:2] == (1, "statement") and decide(g, 1, 0)[:2] == (1, "statement")
    assert decide(g, 0, 1, sources=("property",))[:2] == (0, "property")
    weak = DerivedTest("e", "property", "f([])", "edge", passed={0: True, 1: False}, prop="raises", edge=True)
    diff = DerivedTest("d", "differential", "f(3)", "mutation", shown={0: "returned 1", 1: "returned 2"})
    assert decide(Grounding(["a", "b"], tests=[weak]), 0, 1)[:2] == (0, "property")
    # an edge-case crash does not decide when the responses also disagree on an ordinary input
    assert decide(Grounding(["a", "b"], tests=[weak, diff]), 0, 1) is None


@pytest.mark.parametrize("values", [[1, "a"], [None, 3], [[1], (1,)], [{"a": 1}, {1: "b"}]])
def test_mixed_shapes_do_not_break_generation(values: list) -> None:
    generate([[v] for v in values], [None], n=15, seed=0)


def test_examples_of_positive_integers_also_come_scaled_10x_as_edge_inputs() -> None:
    from codejudge.ground.generate import generate

    gen = generate([[10], [1], [8]], [None], n=10, seed=0)
    scaled = [g for g in gen if "scaled 10x" in g.origin]
    assert {100, 80} <= {g.args[0] for g in scaled} and all(g.edge for g in scaled)  # [10]: already generated
    assert not [g for g in generate([[10], [-1]], [None], n=10, seed=0) if "scaled" in g.origin][1:]
    assert not [g for g in generate([["ab"]], [None], n=10, seed=0) if "scaled 10x" in g.origin]
    assert not [
        g for g in generate([[10]], [None], n=10, seed=0, scale_ints=False) if "scaled 10x" in g.origin
    ]


def test_the_cost_ladder_also_grows_lists_of_ints_with_values_that_never_repeat() -> None:
    from codejudge.ground.generate import ladder

    rungs = ladder([[[1, 2, 3, 1]], [[1, 2, 3]]], [None], (10, 100), seed=1)
    grown = [g for g in rungs if "values all distinct" not in g.origin]
    distinct = [g for g in rungs if "values all distinct" in g.origin]
    assert grown and all(len(set(g.args[0])) < len(g.args[0]) for g in grown)  # repeats: small range
    assert len(distinct) == len(grown)
    for d, g in zip(distinct, grown):
        assert len(d.args[0]) == len(g.args[0]) == len(set(d.args[0])) and d.size == g.size
        assert min(d.args[0]) >= 0  # the examples' sign is kept
