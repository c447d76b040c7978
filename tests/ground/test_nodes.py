"""LeetCode's ListNode/TreeNode values for Python answers: the conversions the wrapper uses."""

from __future__ import annotations

from typing import Any

import pytest

from codejudge.ground.nodes import HELPERS, PRELUDE, node_kind, wrapper
from codejudge.ground.plan import WRAPPER, Plan


def _helpers() -> dict[str, Any]:
    # our own conversion code (no answer code here: answers only ever run in the sandbox)
    env: dict[str, Any] = {}
    exec(compile(PRELUDE + HELPERS, "<nodes>", "exec"), env)
    return env


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        ("Optional[ListNode]", "list"),
        ("ListNode", "list"),
        ("'TreeNode'", "tree"),
        ("List[Optional[TreeNode]]", "tree"),
        ("List[int]", None),
        (None, None),
        ("Tuple[ListNode, TreeNode]", None),  # two kinds: not converted
    ],
)
def test_node_kind(annotation: str | None, kind: str | None) -> None:
    assert node_kind(annotation) == kind


@pytest.mark.parametrize(
    "values", [[3, 9, 20, None, None, 15, 7], [1, None, 2], [], [1], [5, 4, 8, 11, None, 13, 4, 7, 2]]
)
def test_a_tree_reads_back_as_the_same_level_order_list(values: list[Any]) -> None:
    env = _helpers()
    assert env["_cj_out"](env["_cj_tree_in"](values), "tree") == values


def test_a_list_reads_back_and_a_cycle_is_reported() -> None:
    env = _helpers()
    head = env["_cj_list_in"]([1, 2, 3])
    assert env["_cj_out"](head, "list") == [1, 2, 3] and env["_cj_out"](None, "list") == []
    head.next.next.next = head
    with pytest.raises(RuntimeError, match="cycle"):
        env["_cj_out"](head, "list")


def test_the_plan_wraps_an_answer_over_nodes() -> None:
    plan = Plan("method", "reorderList", ["head"], ["Optional[ListNode]"], "None", cls="Solution")
    assert plan.nodes and plan.job_entry == WRAPPER
    source = plan.source("class Solution:\n    def reorderList(self, head): ...\n")
    assert source.startswith(PRELUDE) and "return _cj_out(args[0], 'list')  # changed in place" in source
    plain = Plan("function", "f", ["xs"], ["List[int]"], "int")
    assert not plain.nodes and plain.job_entry == "f" and plain.source("def f(xs): ...") == "def f(xs): ..."
    assert "args[1] = _cj_tree_in(args[1])" in wrapper("w", "f", [None, "TreeNode"], "int")
