"""Candidate repairs for one source: every family's edits, checked to compile, ranked.

Ranking: the few edits built from the failing tests' values (a missing-case guard returning
the expected value, a Yes/No rendering, a forgotten import) first, then cheapest edits first
(the smallest repair names the mistake); within one cost, edits on a line the failure points
at come first, then the categories take turns so that a small budget still tries every category.

>>> src = "def f(a, b):\\n    return a < b\\n"
>>> [(c.edit.category, c.edit.description) for c in candidates(src)][:2]
[('conditional_error', '`<` -> `<=`'), ('conditional_error', '`<` -> `>`')]
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from codejudge.analyze.parser import parse
from codejudge.analyze.repair.edit import Edit, Hints, line_start
from codejudge.analyze.repair.families import FAMILIES
from codejudge.analyze.repair.transplant import SINGLE_COST, transplant_edits


@dataclass(frozen=True)
class Candidate:
    edit: Edit
    code: str
    size: int = 1  # tokens changed (Edit.size)

    @property
    def rank(self) -> tuple[int, int]:
        """Smaller is a smaller repair: cost first, then tokens changed."""
        return self.edit.cost, self.size


def _compiles(code: str) -> bool:
    try:
        with warnings.catch_warnings():
            # a candidate such as `x is 1` is still a candidate; its SyntaxWarning would only be
            # noise on the user's stderr, once per edit tried
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(code, "<repair>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


def _scope(ctx: object) -> list[tuple[int, int]]:
    """Byte ranges edits may touch: function bodies (module-level code is setup, not the answer)."""
    fns = ctx.nodes.get("function_definition", ())  # type: ignore[attr-defined]
    if not fns:
        return [(0, len(ctx.data))]  # type: ignore[attr-defined]
    data = ctx.data  # type: ignore[attr-defined]
    return [(line_start(data, f.child_by_field_name("body").start_byte), f.end_byte + 1) for f in fns]


def candidates(source: str, hints: Hints | None = None, limit: int = 10_000) -> list[Candidate]:
    """Compiling single-edit variants of ``source``, best first, at most ``limit``."""
    hints = hints or Hints()
    try:
        ctx = parse(source)
    except Exception:  # noqa: BLE001 - a source tree-sitter cannot take has no repairs
        return []
    ranges = _scope(ctx)
    per_cost: dict[int, dict[str, list[Edit]]] = {}
    for category, (_, family) in FAMILIES.items():
        for e in family(ctx, hints):
            # an import added at the top (a forgotten stdlib import) is the one change allowed outside a body
            body = [c for c in e.changes if not (c[:2] == (0, 0) and e.category == "library_api_misuse")]
            if all(any(lo <= s and en <= hi for lo, hi in ranges) for s, en, _ in body):
                per_cost.setdefault(e.cost, {}).setdefault(category, []).append(e)
    out: list[Candidate] = []
    seen = {source}
    hinted = [e for by_cat in per_cost.values() for es in by_cat.values() for e in es if e.hinted]
    ordered = [e for cost in sorted(per_cost) for e in _turns(per_cost[cost], hints) if not e.hinted]
    for e in hinted + ordered:  # the few edits built from the failing values first: a budget never cuts them
        code = e.apply(ctx.data)
        if code in seen or not _compiles(code):
            continue
        seen.add(code)
        out.append(Candidate(e, code, e.size(ctx.data)))
        if len(out) >= limit:
            break
    return out


def _turns(by_category: dict[str, list[Edit]], hints: Hints) -> list[Edit]:
    """One cost's edits: the failing lines' first, the categories taking turns."""
    groups = [sorted(es, key=lambda e: (e.line not in hints.lines, e.line)) for es in by_category.values()]
    return [e for round_ in itertools.zip_longest(*groups) for e in round_ if e is not None]


def _overlap(a: Edit, b: Edit) -> bool:
    return any(s1 < e2 and s2 < e1 or s1 == s2 for s1, e1, _ in a.changes for s2, e2, _ in b.changes)


def pair_candidates(
    source: str, seeds: list[Candidate], others: list[Candidate], limit: int
) -> list[Candidate]:
    """Two family edits at once: each seed (a single edit that got some failing tests passing, best
    first) with each other single edit that touches other bytes, the seeds taking turns, cheapest
    partners first; at most ``limit`` compiling variants. A pair names the categories of both edits.

    >>> src = "def f(xs):\\n    return xs[1] + 1\\n"
    >>> cs = candidates(src)
    >>> seed = next(c for c in cs if c.edit.description == "index `1` - 1")
    >>> pair_candidates(src, [seed], cs, 1)[0].code
    'def f(xs):\\n    return xs[0] - 1\\n'
    """
    data = source.encode("utf-8")
    seen = {source, *(c.code for c in others)}
    rows = []
    for s in seeds:
        rows.append(
            [
                o
                for o in sorted(others, key=lambda c: c.rank)
                if o.edit is not s.edit
                and not o.edit.pair
                and o.edit.cost < SINGLE_COST
                and not _overlap(s.edit, o.edit)
            ]
        )
    out: list[Candidate] = []
    for turn in itertools.zip_longest(*rows):
        for s, o in zip(seeds, turn):
            if o is None:
                continue
            cats = tuple(
                dict.fromkeys(
                    (*(s.edit.categories or (s.edit.category,)), *(o.edit.categories or (o.edit.category,)))
                )
            )
            e = Edit(
                s.edit.changes + o.edit.changes,
                f"{s.edit.description}; {o.edit.description}",
                s.edit.cost + o.edit.cost,
                s.edit.category,
                min(s.edit.line, o.edit.line) or max(s.edit.line, o.edit.line),
                tokens=s.size + o.size,
                categories=cats,
                pair=True,
            )
            code = e.apply(data)
            if code in seen or not _compiles(code):
                continue
            seen.add(code)
            out.append(Candidate(e, code, s.size + o.size))
            if len(out) >= limit:
                return out
    return out


def transplant_candidates(
    source: str, reference: str, entry_point: str | None, limit: int, exclude: Iterable[str] = ()
) -> list[Candidate]:
    """Compiling transplants of ``reference`` hunks into ``source`` (``repair.transplant``), at most
    ``limit``, leaving out variants already in ``exclude`` (a family edit making the same code)."""
    if limit <= 0 or not reference.strip():
        return []
    data = source.encode("utf-8")
    seen = {source, *exclude}
    out: list[Candidate] = []
    try:
        edits = transplant_edits(source, reference, entry_point, 3 * limit)
    except Exception:  # noqa: BLE001 - an unforeseen shape of code costs its transplants, not the family repairs
        return []
    for e in edits:
        code = e.apply(data)
        if code in seen or not _compiles(code):
            continue
        seen.add(code)
        out.append(Candidate(e, code, e.size(data)))
        if len(out) >= limit:
            break
    return out
