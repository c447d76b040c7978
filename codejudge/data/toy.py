"""A tiny arithmetic problem set for CPU end-to-end runs (CI, the tiny recipe, the benchmark).

Each problem asks for ``f(x)`` computing ``x <op> k``; candidates are correct
rewrites and buggy variants (wrong operator, off-by-one constant, a branch that
is only right for small inputs). Labels still come from running them in the
sandbox, exactly as for HumanEval+; only the problems are small, so a tiny
model can learn to read the evidence lines in a few hundred steps.

>>> problems, samples = toy_problems(4, seed=0)
>>> len(problems), problems[0].entry_point, len(samples[problems[0].id]) > 2
(4, 'f', True)
"""

from __future__ import annotations

import random

from codejudge.types import Candidate, Problem, TestCase
from codejudge.values import encode

_OPS = {"+": "plus", "-": "minus", "*": "times"}
_WRONG = {"+": "-", "-": "+", "*": "+"}


def toy_problems(n: int, seed: int = 0, tests: int = 5) -> tuple[list[Problem], dict[str, list[Candidate]]]:
    """``n`` problems and their candidate solutions (expected outputs left for the reference to fill)."""
    rng = random.Random(seed)
    problems: list[Problem] = []
    samples: dict[str, list[Candidate]] = {}
    for i in range(n):
        op, k = rng.choice(sorted(_OPS)), rng.randint(2, 9)
        pid = f"toy/{i}"
        ref = f"def f(x):\n    return x {op} {k}\n"
        cases = [TestCase(id=str(j), args=encode([j]), expected=None) for j in range(tests)]
        problems.append(
            Problem(
                pid, f"Write f(x) that returns x {_OPS[op]} {k}.", "f", ref, cases, source="toy", version="1"
            )
        )
        cut = rng.randint(1, tests - 1)
        variants = [
            (f"def f(x):\n    y = x {op} {k}\n    return y\n", "rewrite"),
            (f"def f(x):\n    return x {_WRONG[op]} {k}\n", "wrong-op"),
            (f"def f(x):\n    return x {op} {k + 1}\n", "off-by-one"),
            (f"def f(x):\n    if x < {cut}:\n        return x {op} {k}\n    return x\n", "small-only"),
        ]
        samples[pid] = [
            Candidate(pid, code, origin=origin, index=j) for j, (code, origin) in enumerate(variants)
        ]
    return problems, samples
