"""``# noqa`` suppression comments, in the style of flake8 and ruff.

``x[len(x)]  # noqa: CJ702`` silences CJ702 on that line; ``# noqa: CJ702, CJ101``
several codes; a bare ``# noqa`` every code on the line. A finding is silenced
by a comment on the line where it starts.

>>> found = suppressions(["a = 1  # noqa: CJ702,cj101", "b  # noqa", "c"])
>>> sorted(found[1]), found[2], 3 in found
(['CJ101', 'CJ702'], None, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from codejudge.types import Finding

_NOQA = re.compile(
    r"(?:#|//)\s*noqa(?::\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?", re.IGNORECASE
)


def suppressions(comment_lines: Iterable[str]) -> dict[int, set[str] | None]:
    """Map 1-based line -> suppressed codes (None: all codes) from comment texts per line."""
    out: dict[int, set[str] | None] = {}
    for i, text in enumerate(comment_lines, 1):
        m = _NOQA.search(text)
        if not m:
            continue
        codes = m.group("codes")
        out[i] = {c.upper() for c in re.split(r"[\s,]+", codes) if c} if codes else None
    return out


def apply(findings: list[Finding], noqa: dict[int, set[str] | None]) -> list[Finding]:
    """Drop findings silenced by a noqa comment on their first line."""
    if not noqa:
        return findings
    kept = []
    for f in findings:
        line = f.location.line if f.location else 0
        if line in noqa and (noqa[line] is None or f.code in noqa[line]):  # type: ignore[operator]
            continue
        kept.append(f)
    return kept
