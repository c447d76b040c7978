"""The bounds a statement's constraint lines state ("1 <= nums.length <= 10^4", "-10^9 <= nums[i] <= 10^9").

LeetCode, Codeforces and HumanEval statements list their valid inputs as
inequalities, one per line (often under a ``Constraints:`` heading). Each line
that bounds one of the parameters is read into :class:`Bounds`:

- ``lo``/``hi``: the values of an integer parameter, or the elements of a list of
  integers (``nums[i]``);
- ``len_lo``/``len_hi``: the length of a list or string parameter
  (``nums.length``, ``len(arr)``, ``s.size()``, ``|s|``).

The judge uses them two ways (``codejudge.ground.derive``): a bound below the
examples' values makes those values ordinary inputs (``-10^9 <= nums[i]``: a
negative element is valid, and a crash on it is strong evidence), and an
input outside a bound is not a valid input and is never run. Only lines made of
the inequality alone are read (bullets and numbering allowed), and only numbers
as bounds: ``1 <= k <= len(arr)`` relates two parameters and states nothing here.
A bound an example contradicts is dropped (:func:`consistent_bounds`): the
reading was wrong, or the statement's text lost its superscripts ("-231 <= x").

>>> b = stated_bounds("Constraints:\\n2 <= nums.length <= 10^4\\n-10^9 <= nums[i] <= 10^9", ["nums", "target"])
>>> b[0].len_lo, b[0].len_hi, b[0].lo, b[0].hi, b[1]
(2, 10000, -1000000000, 1000000000, None)
>>> violates([[5], 9], b, ["nums", "target"])
'nums.length >= 2'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUPERSCRIPT = re.compile("[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def _powers(text: str) -> str:
    """``10⁹`` -> ``10^9`` (a superscript is an exponent)."""
    return _SUPERSCRIPT.sub(lambda m: "^" + m.group(0).translate(_SUPER), text)


_NUM = r"[-−]?\s*\d[\d,_]*(?:\s*(?:\*|x|×)\s*10\s*(?:\^|\*\*)\s*\d+|\s*(?:\^|\*\*)\s*\d+|e\d+)?(?:\s*[-+]\s*\d+)?"
_LE = r"(?P<{}><=|<|≤|=<|&lt;=|&lt;)"
_TERM = (
    r"(?:len\(\s*`?(?P<len1>[A-Za-z_]\w*)`?\s*\)|\|\s*(?P<len2>[A-Za-z_]\w*)\s*\|"
    r"|`?(?P<len3>[A-Za-z_]\w*)`?\s*\.\s*(?:length|size\(\)|len\(\))"
    r"|`?(?P<elem>[A-Za-z_]\w*)`?\s*\[\s*[a-z]\s*\]"
    r"|`?(?P<val>[A-Za-z_]\w*)`?)"
)
_LINE = re.compile(
    r"^\s*(?:[-*•]\s+|\d+[.)]\s+)?"
    r"(?:(?P<lo>" + _NUM + r")\s*" + _LE.format("op1") + r"\s*)?"
    r"(?P<term>" + _TERM + r"(?:\s*,\s*" + _TERM.replace("?P<", "?P<x") + r")*)"
    r"\s*(?:" + _LE.format("op2") + r"\s*(?P<hi>" + _NUM + r"))?\s*\.?\s*$"
)


@dataclass(frozen=True)
class Bounds:
    """What the constraint lines say of one parameter (None: nothing)."""

    lo: int | None = None  # least value (an int, or an element of a list of ints)
    hi: int | None = None  # greatest value
    len_lo: int | None = None  # least length (a list or a string)
    len_hi: int | None = None  # greatest length
    phrase: str = ""  # the statement's lines, for notes


def _number(text: str) -> int | None:
    t = _powers(text).replace("−", "-").replace(",", "").replace("_", "").replace(" ", "")
    m = re.fullmatch(r"(-?)(\d+)(?:(?:\*|x|×)10(?:\^|\*\*)(\d+)|(?:\^|\*\*)(\d+)|e(\d+))?([-+]\d+)?", t)
    if not m:
        return None
    sign, base, exp10, power, exp_e, shift = m.groups()
    if power and len(power) < 3:
        value = int(base) ** int(power)
    elif exp10 and len(exp10) < 3:
        value = int(base) * 10 ** int(exp10)
    elif exp_e and len(exp_e) < 3:
        value = int(base) * 10 ** int(exp_e)
    elif power or exp10 or exp_e:
        return None
    else:
        value = int(base)
    value = -value if sign else value
    return value + int(shift) if shift else value


def _names(term: str) -> list[tuple[str, str]]:
    """``[(parameter, "len" | "elem" | "val"), ...]`` for one line's bounded term(s)."""
    out = []
    for part in re.split(r"\s*,\s*", term):
        m = re.fullmatch(_TERM, part.strip())
        if not m:
            return []
        d = m.groupdict()
        name = d["len1"] or d["len2"] or d["len3"]
        out.append((name, "len") if name else ((d["elem"], "elem") if d["elem"] else (d["val"], "val")))
    return out


def stated_bounds(instruction: str, params: list[str]) -> list[Bounds | None]:
    """Per parameter, the bounds the statement's constraint lines state (None where they state none)."""
    found: dict[str, Bounds] = {}
    for line in _powers(instruction).splitlines():
        m = _LINE.match(line)
        if not m or not (m.group("lo") or m.group("hi")):
            continue
        lo = _number(m.group("lo")) if m.group("lo") else None
        hi = _number(m.group("hi")) if m.group("hi") else None
        if (m.group("lo") and lo is None) or (m.group("hi") and hi is None):
            continue  # a bound that is no number ("1 <= k <= len(arr)")
        if lo is not None and m.group("op1") in ("<", "&lt;"):
            lo += 1
        if hi is not None and m.group("op2") in ("<", "&lt;"):
            hi -= 1
        for name, what in _names(m.group("term")):
            if name not in params:
                continue
            b = found.get(name, Bounds())
            if what == "len":
                b = replace(
                    b, len_lo=lo if lo is not None else b.len_lo, len_hi=hi if hi is not None else b.len_hi
                )
            else:
                b = replace(b, lo=lo if lo is not None else b.lo, hi=hi if hi is not None else b.hi)
            words = re.sub(r"^(?:[-*•]|\d+[.)])\s+", "", line.strip())
            found[name] = replace(b, phrase="; ".join(filter(None, (b.phrase, words))))
    return [found.get(p) for p in params]


def _ints(v: Any) -> list[int]:
    if type(v) is int:
        return [v]
    if type(v) in (list, tuple):
        return [x for x in v if type(x) is int]
    return []


def _outside(v: Any, b: Bounds, name: str) -> str | None:
    if b.len_lo is not None or b.len_hi is not None:
        if type(v) in (list, tuple, str):
            if b.len_lo is not None and len(v) < b.len_lo:
                return f"{name}.length >= {b.len_lo}"
            if b.len_hi is not None and len(v) > b.len_hi:
                return f"{name}.length <= {b.len_hi}"
    for x in _ints(v):
        if b.lo is not None and x < b.lo:
            return f"{name} >= {b.lo}"
        if b.hi is not None and x > b.hi:
            return f"{name} <= {b.hi}"
    return None


def violates(args: list[Any], bounds: list[Bounds | None], names: list[str] | None = None) -> str | None:
    """The first stated bound ``args`` break (as words), or None."""
    for k, (v, b) in enumerate(zip(args, bounds)):
        if b is not None and (why := _outside(v, b, names[k] if names else f"argument {k + 1}")):
            return why
    return None


def consistent_bounds(bounds: list[Bounds | None], seeds: list[list[Any]]) -> list[Bounds | None]:
    """The bounds no example breaks (an example outside says the reading is wrong: no bound).

    >>> consistent_bounds([Bounds(lo=-231, hi=230)], [[123456]])
    [None]
    """
    return [
        b if b is None or all(_outside(s[k], b, "") is None for s in seeds if k < len(s)) else None
        for k, b in enumerate(bounds)
    ]
