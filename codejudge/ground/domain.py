"""The input domain the instruction's prose states for each parameter.

"Given a positive integer n", "``s`` is a string", "a list of non-negative
integers ``nums``": the instruction names a parameter next to its type, and
sometimes a bound. The generator uses this two ways:

- **inputs where there were none**: a function without examples and without
  type hints (HumanEval's ``starts_one_ends(n)``) gets generated inputs of the
  stated type, so a crash or a hang on a valid input can decide;
- **validity**: a stated bound marks what lies outside it as an *edge* input
  (``0`` for "a positive integer n", even when the examples never show a
  number that small), and what lies inside it as *ordinary*, even below every
  example's value (``n = 2`` is a valid positive integer when the examples
  show 5 and 10): a crash there is strong evidence.

Only the parameter's own name next to a type phrase counts ("a positive
integer n", "n is a positive integer", "list of integers `lst`"); a parameter
stated twice with different types, or a phrase without a name, says nothing.
Floats and "numbers" get no bound (a "positive number" may be 0.5).

The instruction may also rule values out ("a non-empty list", "do not have zero
as denominator", ``excluded_values``): an *edge* input holding one (an empty
list, a ``"5/0"`` token) is not a valid input, and is dropped before anything
is decided on it. Only edge inputs are dropped, so a phrase read too broadly
("any non-empty sub-array") can only cost evidence, never decide a pair.

>>> d = stated_domains("Given a positive integer n, return the count of ...", ["n"])
>>> d[0].hint, d[0].lo
('int', 1)
>>> stated_domains("Return the sum.", ["xs"])[0] is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Domain:
    """A parameter's stated type as a hint (``int``, ``List[int]``...) and lower bound (ints only)."""

    hint: str
    lo: int | None = None  # the least valid integer (the elements' for a list of integers)
    phrase: str = ""  # the instruction's words, for notes


_QUAL = r"(?:non-?\s?empty\s+)?(?P<qual>strictly\s+positive|positive|non-?\s?negative|natural)?\s*"
_TYPES = (
    (
        r"(?:list|array|sequence|vector)\s+of\s+" + _QUAL.replace("qual", "equal") + r"(?:integers|ints)",
        "List[int]",
    ),
    (r"(?:list|array|sequence|vector)\s+of\s+strings", "List[str]"),
    (
        r"(?:list|array|sequence|vector)\s+of\s+(?:floats|floating[- ]point\s+numbers|real\s+numbers)",
        "List[float]",
    ),
    (r"(?:integer|int)", "int"),
    (r"(?:string|str)", "str"),
    (r"(?:float|floating[- ]point\s+number|real\s+number)", "float"),
)
_LO = {
    "positive": 1,
    "strictly positive": 1,
    "natural": 1,
    "non-negative": 0,
    "nonnegative": 0,
    "non negative": 0,
}


def _lo(qual: str | None) -> int | None:
    return _LO.get(re.sub(r"\s+", " ", qual.lower())) if qual else None


def _found(m: re.Match[str], hint: str) -> Domain:
    qual = m.groupdict().get("qual") or m.groupdict().get("equal")
    lo = _lo(qual)
    if lo is not None and hint not in ("int", "List[int]"):
        lo = None
    return Domain(hint, lo, " ".join(m.group(0).split()))


_NAME = r"`?([A-Za-z_]\w*)`?"
_MORE = r"(?:\s*,\s*|\s*,?\s+and\s+)"


def _names(text: str, plural: bool) -> list[str]:
    """``n`` from "n, and then"; ``a``, ``b`` from "a and b" only after a plural type ("integers a and b")."""
    m = re.match(_NAME + (r"((?:" + _MORE + _NAME + r")*)" if plural else ""), text)
    if not m:
        return []
    rest = m.group(2) if plural else ""
    return [m.group(1)] + re.findall(_MORE + _NAME, rest or "")


def stated_domains(instruction: str, params: list[str]) -> list[Domain | None]:
    """Per parameter, the domain the prose states (None where it states none, or two)."""
    found: dict[str, set[Domain]] = {p: set() for p in params}
    for type_re, hint in _TYPES:
        # "a positive integer n", "two integers a and b", "list of integers `lst`" (names right after) ...
        before = re.compile(
            r"\b(?:an?|the|given|two|three|one)\s+"
            + _QUAL
            + r"(?:"
            + type_re
            + r")(?P<pl>s?)\s+(?=`?[A-Za-z_])",
            re.IGNORECASE,
        )
        for m in before.finditer(instruction):
            for name in _names(instruction[m.end() :], bool(m.group("pl"))):
                tail = instruction[m.end() :].split(name, 1)[1].lstrip("`")[:2] if name in params else ""
                # "n(" / "s[0]" / "s.upper": code about the name, not the name itself
                if name in params and not re.match(r"[\w(\[]|\.\w", tail):
                    found[name].add(_found(m, hint))
        # ... or "n is a positive integer", "s: a string"
        for name in params:
            after = re.compile(
                r"`?\b"
                + re.escape(name)
                + r"\b`?\s+(?:is|will\s+be|:)\s+(?:an?|the)\s+"
                + _QUAL
                + r"(?:"
                + type_re
                + r")\b",
                re.IGNORECASE,
            )
            found[name] |= {_found(m, hint) for m in after.finditer(instruction)}
    out: list[Domain | None] = []
    for name in params:
        kinds = {d.hint for d in found[name]}
        if len(kinds) != 1:
            out.append(None)  # nothing stated, or two types: say nothing
            continue
        los = {d.lo for d in found[name]} - {None}
        best = max(found[name], key=lambda d: (d.lo is not None, d.phrase))
        # two sentences bounding it differently say nothing sure about the bound
        out.append(best if len(los) <= 1 else Domain(best.hint, None, best.phrase))
    return out


# -- values the instruction rules out -----------------------------------------------------------
_EXCLUDES = {
    "empty": re.compile(r"\bnon-?\s?empty\b|\b(?:not|never)\s+(?:be\s+)?empty\b", re.IGNORECASE),
    "zero": re.compile(
        r"\bnon-?\s?zero\b|\b(?:not|never)\s+(?:be\s+)?zero\b"
        r"|\b(?:do|does|will)\s+not\s+(?:have|contain|include)\s+(?:a\s+|any\s+)?zeros?\b",
        re.IGNORECASE,
    ),
}
_ZERO_TOKEN = re.compile(r"(?<![\d.])0+(?![\d.])")


def excluded_values(instruction: str) -> dict[str, str]:
    """What the instruction rules out of the inputs ("empty", "zero") -> its words.

    >>> excluded_values("You can assume that x and n do not have zero as denominator.")
    {'zero': 'do not have zero'}
    """
    return {k: m.group(0) for k, rx in _EXCLUDES.items() if (m := rx.search(instruction))}


def _has_zero(v: object) -> bool:
    if type(v) in (int, float):
        return v == 0
    if type(v) is str:
        return bool(_ZERO_TOKEN.search(v))
    if type(v) in (list, tuple, set, frozenset):
        return any(_has_zero(x) for x in v)  # type: ignore[attr-defined]
    if type(v) is dict:
        return any(_has_zero(k) or _has_zero(x) for k, x in v.items())  # type: ignore[attr-defined]
    return False


def ruled_out(args: list[object], excluded: dict[str, str]) -> str | None:
    """The instruction's words that rule these arguments out, or None.

    >>> ruled_out(["1/5", "5/0"], {"zero": "do not have zero"})
    'do not have zero'
    >>> ruled_out([[], 3], {"empty": "non-empty"})
    'non-empty'
    """
    if "empty" in excluded and any(type(a) in (str, list, tuple, set, dict) and not a for a in args):  # type: ignore[arg-type]
        return excluded["empty"]
    if "zero" in excluded and any(_has_zero(a) for a in args):
        return excluded["zero"]
    return None


# -- program languages: the signature types, the prose bounds -------------------------------------
def agreeing(domains: list[Domain | None], hints: list[str | None]) -> list[Domain | None]:
    """The stated domains a typed signature does not contradict (``int`` for ``i32 n``: kept; the
    prose's "integer" for a ``Vec<f64>``: dropped). A parameter without a type keeps the prose's.

    >>> agreeing([Domain("int", 1), Domain("int", 1)], ["int", "List[float]"])
    [Domain(hint='int', lo=1, phrase=''), None]
    """
    out: list[Domain | None] = []
    for k, d in enumerate(domains):
        hint = hints[k] if k < len(hints) else None
        out.append(d if d is not None and (hint is None or hint.replace(" ", "") == d.hint) else None)
    return out


def _ints(v: object) -> list[int]:
    if type(v) is int:
        return [v]  # type: ignore[list-item]
    if type(v) in (list, tuple):
        return [x for x in v if type(x) is int]  # type: ignore[attr-defined]
    return []


def consistent(lows: list[int | None], seeds: list[list[object]]) -> list[int | None]:
    """The stated bounds no example contradicts (an example showing ``0`` for "a positive n" says
    the reading is wrong: no bound).

    >>> consistent([1, 1], [[3, [0, 2]]])
    [1, None]
    """
    return [
        lo if lo is None or all(x >= lo for s in seeds if k < len(s) for x in _ints(s[k])) else None
        for k, lo in enumerate(lows)
    ]


def below_domain(args: list[object], lows: list[int | None]) -> str | None:
    """Words saying an argument lies below its stated least value (an int, or a list of ints' element).

    >>> below_domain([0, [1]], [1, 1])
    'a number below the stated 1'
    >>> below_domain([3, [2, 5]], [1, 1]) is None
    True
    """
    for a, lo in zip(args, lows):
        if lo is not None and any(x < lo for x in _ints(a)):
            return f"a number below the stated {lo}"
    return None
