"""Predicate switching (Zhang, Gupta & Gupta, ICSE 2006): which branch decision a failing run took wrongly.

When no edit, pair of edits or transplant repairs a failing solution, the failing run is re-run
with ONE dynamic instance of ONE branch decision flipped (the ``j``-th evaluation of an
``if``/``elif``/``while`` condition, a conditional expression's test or a comprehension's filter,
each as a whole: flipping one operand of an ``and`` was tried and dropped, as any true operand of a
conjunction flips it). A flip after which a failing test returns its expected
output marks that predicate *critical*: the run went wrong where it decided it. Negating a
condition everywhere is an edit of the conditional family; one instance is not an edit a fix would
make, so a critical predicate locates a decision that is wrong on some inputs only (a missing case,
a case split on the wrong property) where no static edit of the condition repairs the code.

A predicate is counted only when it is critical for **every** failing probe (the same decision
is wrong in each failing run), and at least two probes ran. Its category is read from the
predicate itself: a decision computed by a formula (arithmetic inside the condition, ``(n // 10)
% 2 == 1`` for "the first digit is odd") is a wrong formula (math/logic error); one that tests a
property directly (``not words``, ``c in notes``) is a wrong or missing condition.

The variants are built like the repair variants (byte edits applied in the sandbox's dispatcher,
one fresh namespace each): the predicate wrapped as ``_cj_ps(<condition>)`` and ``_cj_ps``
added before the solution (``helper_offset``), flipping its ``j``-th call. Each variant answers one probe test only, so
its counter starts at zero for that run.

>>> src = "def f(x):\\n    if x > 1 and x % 2:\\n        return 1\\n    return 0\\n"
>>> [(p.text, p.category) for p in predicates(src)]
[('x > 1 and x % 2', 'math_logic_error')]
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from codejudge.analyze.repair.edit import Change

# The flip helper added to a variant (``helper_offset``): flips the J-th (1-based) truth value it is given.
_HELPER = (
    "def _cj_ps(_cj_c, _cj_n=[0]):\n    _cj_n[0] += 1\n    return (not _cj_c) if _cj_n[0] == {j} else _cj_c\n"
)
_FUTURE = re.compile(rb"^\s*from\s+__future__\s+import", re.M)
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


@dataclass(frozen=True)
class Predicate:
    start: int  # byte offsets of the condition in the source
    end: int
    line: int
    text: str
    category: str  # what a critical instance of it points at

    def flip(self, instance: int, at: int) -> tuple[Change, ...]:
        """Byte edits of the variant flipping this predicate's ``instance``-th evaluation (0-based),
        the helper inserted at byte ``at`` (``helper_offset``)."""
        helper = _HELPER.format(j=instance + 1)
        return (
            (self.start, self.start, "_cj_ps("),
            (self.end, self.end, ")"),
            (at, at, helper if at == 0 else "\n\n" + helper),
        )


def helper_offset(source: str) -> int:
    """Where the flip helper goes: before everything, so that code running at import (a test call at
    module level) finds it; at the end when a ``from __future__`` import must stay first."""
    data = source.encode("utf-8")
    return len(data) if _FUTURE.search(data) else 0


def _formula(node: ast.AST) -> bool:
    """A decision computed by arithmetic (not ``%`` string formatting)."""
    for n in ast.walk(node):
        if isinstance(n, ast.BinOp) and isinstance(n.op, _ARITHMETIC):
            if (
                isinstance(n.op, ast.Mod)
                and isinstance(n.left, (ast.Constant, ast.JoinedStr))
                and isinstance(getattr(n.left, "value", None), str)
            ):
                continue
            return True
    return False


def predicates(source: str, limit: int = 12) -> list[Predicate]:
    """Branch decisions of ``source`` in source order, at most ``limit``; none when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    data = source.encode("utf-8")
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def span(n: ast.expr) -> tuple[int, int] | None:
        if n.end_lineno is None or n.end_col_offset is None:
            return None
        return starts[n.lineno - 1] + n.col_offset, starts[n.end_lineno - 1] + n.end_col_offset

    tests: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            tests.append(node.test)
        elif isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
    out: list[Predicate] = []
    seen: set[tuple[int, int]] = set()
    # the whole decision each time: a flipped `and` operand is ambiguous (any true one flips it)
    for t in sorted(tests, key=lambda n: (n.lineno, n.col_offset)):
        s = span(t)
        if s is None or s in seen or isinstance(t, ast.Constant):
            continue  # `while True:` decides nothing
        seen.add(s)
        text = data[s[0] : s[1]].decode("utf-8", "replace")
        cat = "math_logic_error" if _formula(t) else "conditional_error"
        out.append(Predicate(s[0], s[1], t.lineno, text, cat))
    return out[:limit]


def switch_variants(
    source: str, n_probes: int, limit: int, instances: int = 8
) -> list[tuple[int, Predicate, int, tuple[Change, ...]]]:
    """(probe index, predicate, instance, edits) of every variant to run, at most ``limit``: the
    first ``instances`` evaluations of each predicate, for each probe; fewer instances per predicate
    when there are many predicates."""
    preds = predicates(source)
    if not preds or n_probes < 2:
        return []
    per = max(2, min(instances, limit // (n_probes * len(preds))))
    at = helper_offset(source)
    out = []
    for p in preds:
        for j in range(per):
            for probe in range(n_probes):
                out.append((probe, p, j, p.flip(j, at)))
    return out[:limit]


def critical(
    variants: list[tuple[int, Predicate, int, tuple[Change, ...]]], passed: set[int], n_probes: int
) -> list[tuple[Predicate, dict[int, int]]]:
    """Predicates whose flip of some instance makes every probe pass (``passed``: indexes into
    ``variants`` whose probe passed), with the flipped instance per probe."""
    found: dict[Predicate, dict[int, int]] = {}
    for i in sorted(passed):
        probe, p, j, _ = variants[i]
        found.setdefault(p, {}).setdefault(probe, j)
    return [(p, by) for p, by in found.items() if len(by) == n_probes]
