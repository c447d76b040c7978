"""LeetCode's linked lists and binary trees, for Python answers: ``ListNode``/``TreeNode`` values.

LeetCode writes such inputs and outputs as lists: ``head = [1,2,3]`` is the chain
1 -> 2 -> 3, ``root = [3,9,20,null,null,15,7]`` a tree in level order (``null``:
no child, no children listed for a missing node). An answer's signature says which
parameters are nodes (``head: Optional[ListNode]``, ``root: TreeNode``; LeetCode's
templates always annotate them), so the plan (``codejudge.ground.plan``) wraps the call:

- the node classes are defined before the answer when it does not define them
  (LeetCode declares them out of sight, in a comment);
- each node argument is built from its list in the sandbox, and a node result is
  written back as a list (``None`` as ``[]``, as LeetCode prints it); a function
  returning nothing (``reorderList``: "modify head in-place") gives its first node
  argument after the call;
- a returned chain or tree over 100,000 nodes (a cycle, most likely) raises in the
  sandbox: the answer broke the structure.

>>> node_kind("Optional[ListNode]"), node_kind("List[Optional[TreeNode]]"), node_kind("int")
('list', 'tree', None)
"""

from __future__ import annotations

import re

_KIND = {"ListNode": "list", "TreeNode": "tree"}

# Defined before the answer's code (its annotations name the classes at definition time).
PRELUDE = """from typing import List, Optional


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right
"""

# After the answer's code: its own ListNode/TreeNode (if any) are the ones used.
HELPERS = """

def _cj_list_in(values):
    head = None
    for v in reversed(values):
        node = ListNode(v)
        node.next = head
        head = node
    return head


def _cj_tree_in(values):
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    queue, k, i = [root], 0, 1
    while k < len(queue) and i < len(values):
        node = queue[k]
        k += 1
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                child = TreeNode(values[i])
                setattr(node, side, child)
                queue.append(child)
            i += 1
    return root


def _cj_out(value, kind):
    if isinstance(value, list):
        return [_cj_out(v, kind) for v in value]
    if value is None:
        return []
    if kind == "list":
        if not hasattr(value, "next"):
            return value
        out = []
        while value is not None:
            out.append(value.val)
            value = value.next
            if len(out) > 100000:
                raise RuntimeError("the returned list has a cycle or over 100000 nodes")
        return out
    if not hasattr(value, "left"):
        return value
    out, queue, k = [], [value], 0
    while k < len(queue):
        node = queue[k]
        k += 1
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue += [node.left, node.right]
        if len(queue) > 200000:
            raise RuntimeError("the returned tree has a cycle or over 100000 nodes")
    while out and out[-1] is None:
        out.pop()
    return out
"""


def node_kind(annotation: str | None) -> str | None:
    """``"list"`` / ``"tree"`` when the annotation names ``ListNode`` / ``TreeNode``, else None."""
    if not annotation:
        return None
    names = set(re.findall(r"\b(ListNode|TreeNode)\b", annotation))
    return _KIND[names.pop()] if len(names) == 1 else None


def wrapper(wrapper_name: str, call: str, params: list[str | None], returns: str | None) -> str:
    """``def <wrapper_name>(*args)``: node arguments built, ``call`` (``f`` or ``Solution().f``) made,
    a node result written back as a list."""
    kinds = [node_kind(a) for a in params]
    lines = [f"\n\ndef {wrapper_name}(*args):", "    args = list(args)"]
    for k, kind in enumerate(kinds):
        if kind:
            lines.append(f"    if len(args) > {k}:")
            lines.append(f"        args[{k}] = _cj_{kind}_in(args[{k}])")
    lines.append(f"    result = {call}(*args)")
    ret = node_kind(returns)
    first = next(((k, kind) for k, kind in enumerate(kinds) if kind), None)
    if ret:
        lines.append(f"    return _cj_out(result, {ret!r})")
    elif (returns or "").strip() == "None" and first is not None:
        lines.append(f"    return _cj_out(args[{first[0]}], {first[1]!r})  # changed in place")
    else:
        lines.append("    return result")
    return HELPERS + "\n".join(lines) + "\n"


def uses_nodes(params: list[str | None], returns: str | None) -> bool:
    return any(node_kind(a) for a in params) or node_kind(returns) is not None
