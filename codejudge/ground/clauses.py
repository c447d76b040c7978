"""Checkable clauses in the instruction's prose, turned into statement tests.

Many instructions show no example (HumanEvalPack's Rust prompts show none) but
still state what the answer must return in a case anyone can build: "Return None
in case the input list is empty", "If n is greater than m, return -1", "Return
None if the values are equal". Each rule below reads one such clause, only when
the sentence says it plainly, and builds the input from the typed signature (an
empty list or string of the parameter's type, two equal arguments, ``n > m``).
The expected value is written in the instruction's words ("None", "-1", "an
empty list", "'No'") and read as a literal of the answer's language
(``codejudge.ground.literals``, then ``ast.literal_eval``: nothing is evaluated);
it must fit the declared return type (no ``None`` expected of a Rust ``i32``).

A clause becomes a ``statement`` test that ranks after the instruction's written
examples (``codejudge.ground.derived.decide``): it decides only where the
examples do not. Rules stay silent on anything unclear: a sentence whose
condition also holds with "and", "not", "unless", or a function with parameters
the clause says nothing about.

- ``empty-input``: "return X if/when/in case the (input) list/string/array is
  empty", "return X for an empty list", "If 'text' is an empty string, return X"
  (a one-parameter function whose parameter is a list, string or map);
- ``equal-arguments``: "return X if the (two) values/numbers are equal" (two
  parameters of one type);
- ``greater-than``: "If n is greater than m, return X" / "... less than ..."
  (two integer parameters named in the clause);
- ``number-sign``: "If n is negative, return X", "If the number is zero, return X",
  "if n < 0 return X" (that integer parameter at -5 or 0).

>>> [c.args for c in clauses("Return None in case the input list is empty.", "rust",
...                          ["xs"], ["List[str]"], "Optional[str]", [])]
[[[]]]
>>> clauses("If n is greater than m, return -1.", "python", ["n", "m"], [None, None], None, [])[0].args
[7, 3]
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from codejudge.ground.literals import to_python


@dataclass
class Clause:
    """One checkable clause: the rule that read it, the instruction's words, the input and the answer."""

    rule: str  # empty-input | equal-arguments | greater-than | number-sign
    quote: str
    args: list[Any]  # in the order of the canonical parameters
    expected: Any


@dataclass
class _Sig:
    params: list[str]
    hints: list[str | None]
    ret: str | None
    seeds: list[list[Any]]  # the statement's example inputs, in parameter order
    language: str


# ------------------------------------------------------------------ the returned value
_NONE = r"None|null|nil|undefined|nullptr|Optional\.empty(?:\(\))?"
_VALUE = (
    rf"(?P<value>{_NONE}|True|False|true|false|-?\d+(?:\.\d+)?|'[^'\n]{{0,30}}'|\"[^\"\n]{{0,30}}\"|"
    r"\[\]|\(\)|\{\}|\"\"|''|vec!\[\]|"
    r"(?:an?\s+)?empty\s+(?:list|array|vector|tuple|string|str|dictionary|dict|map|slice))"
)
# "return X" / "should return X" / "then return X" / "returns X"; X must end the clause.
_RETURN = re.compile(
    rf"\b(?:return|returns|should\s+return|must\s+return|will\s+return|then\s+return|output)\s+"
    rf"{_VALUE}(?=\s*(?:$|[.,;:!]|\s+(?:if|when|in\s+case|for|then)\b))",
    re.IGNORECASE,
)
_EMPTY_WORDS = {
    "list": [],
    "array": [],
    "vector": [],
    "slice": [],
    "tuple": [],  # tuples come back as lists from every runtime
    "string": "",
    "str": "",
    "dictionary": {},
    "dict": {},
    "map": {},
}


def returned_value(sentence: str, language: str) -> tuple[bool, Any]:
    """``(ok, value)`` for the one value the sentence says is returned (none or several: not ok).

    >>> returned_value("If the string s is empty then the function should return an empty list.", "js")
    (True, [])
    >>> returned_value("Return 'Yes' if it is good, and return 'No' otherwise.", "python")
    (False, None)
    """
    found = list(_RETURN.finditer(sentence))
    if len(found) != 1 or re.search(r"\b(?:otherwise|else)\b", sentence, re.IGNORECASE):
        return False, None
    text = found[0].group("value")
    empty = re.fullmatch(r"(?:an?\s+)?empty\s+(\w+)", text, re.IGNORECASE)
    if empty:
        return True, _EMPTY_WORDS[empty.group(1).lower()]
    if re.fullmatch(r"vec!\[\]|\(\)", text):
        return True, []
    if re.fullmatch(_NONE, text):
        return True, None
    try:
        value = ast.literal_eval(to_python(text, language))
    except (ValueError, SyntaxError):
        return False, None
    return True, [] if value == () else value


# ------------------------------------------------------------------ types
def _kind(hint: str | None) -> str | None:
    """list | str | dict | int | float | bool | None (unknown)."""
    if hint is None:
        return None
    h = hint.replace("typing.", "").strip()
    if h in ("str", "int", "float", "bool"):
        return h
    if re.match(r"(?:List|list|Sequence|Tuple|tuple)\b", h):
        return "list"
    if re.match(r"(?:Dict|dict|Mapping)\b", h):
        return "dict"
    return "other"


def _value_kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (list, tuple)):
        return "list"
    for t in (int, float, str, dict):
        if isinstance(value, t):
            return t.__name__
    return None


def _param_kind(sig: _Sig, k: int) -> str | None:
    """The parameter's kind from its type, else from the examples (all must agree)."""
    kind = _kind(sig.hints[k]) if k < len(sig.hints) else None
    if kind is not None:
        return kind
    seen = {_value_kind(s[k]) for s in sig.seeds if k < len(s)}
    return seen.pop() if len(seen) == 1 else None


def fits(value: Any, ret: str | None) -> bool:
    """Can a function declared to return ``ret`` (a Python hint; None: untyped) return ``value``?

    >>> fits(None, "int"), fits(None, "Optional[str]"), fits(-1, "float"), fits([], "List[int]")
    (False, True, True, True)
    """
    if ret is None:
        return True
    h = ret.replace("typing.", "").strip()
    if value is None:
        return h.startswith("Optional[") or h == "None"
    inner = re.fullmatch(r"Optional\[(.*)\]", h)
    kind = _kind(inner.group(1) if inner else h)
    got = _value_kind(value)
    if kind == "float" and got == "int":
        return True
    return kind == got


# ------------------------------------------------------------------ the rules
_NOUN_KIND = {
    **{w: "list" for w in ("list", "lists", "array", "arr", "lst", "vector", "sequence")},
    **{w: "str" for w in ("string", "str", "text", "word", "sentence")},
    **{w: "dict" for w in ("dictionary", "dict", "map")},
    "input": None,
}
_NOUN = (
    r"(?P<noun>list|array|arr|lst|vector|sequence|string|str|text|word|sentence|dictionary|dict|map|input)"
)
_EMPTY_CONDITION = [
    # "if the input list is empty", "in case the given array is empty", "If the string s is empty"
    re.compile(
        rf"\b(?:if|when|in\s+case|whenever)\s+(?:the\s+)?(?:given\s+|input\s+|provided\s+)?{_NOUN}"
        r"(?:\s+'?`?(?P<name>[A-Za-z_]\w*)`?'?)?\s+(?:is|are)\s+empty\b",
        re.IGNORECASE,
    ),
    # "If 'text' is an empty string", "if arr is empty"
    re.compile(
        r"\b(?:if|when|in\s+case)\s+'?`?(?P<name>[A-Za-z_]\w*)`?'?\s+is\s+(?:an?\s+)?empty"
        rf"(?:\s+{_NOUN})?\b",
        re.IGNORECASE,
    ),
    # "If there are no even values or the given array is empty": the empty input meets the "or"
    re.compile(
        rf"\bif\b[^.;]*?\bor\s+(?:the\s+)?(?:given\s+|input\s+|provided\s+)?{_NOUN}"
        r"(?:\s+'?`?(?P<name>[A-Za-z_]\w*)`?'?)?\s+(?:is|are)\s+empty\b",
        re.IGNORECASE,
    ),
    # "for an empty list", "for empty arr", "given an empty string"
    re.compile(rf"\b(?:for|on|given)\s+(?:an?\s+)?empty\s+{_NOUN}\b", re.IGNORECASE),
]
# Words that make the condition something else than "the input is empty".
_VETO = re.compile(r"\b(?:and|not|unless|non-empty|nonempty|except|both|all|any|each)\b", re.IGNORECASE)


def _words(sentence: str, a: re.Match[str], b: re.Match[str]) -> str:
    """The instruction's words from the condition to the returned value (whichever comes first)."""
    return sentence[min(a.start(), b.start()) : max(a.end(), b.end())]


def _condition_ok(sentence: str, span: tuple[int, int], value_at: int) -> bool:
    """No veto word between the condition and the returned value (the clause says only that)."""
    lo, hi = min(span[0], value_at), max(span[1], value_at)
    return not _VETO.search(sentence[lo:hi])


def _tail_ok(sentence: str, end: int) -> bool:
    """The condition is not narrowed after it either ("is empty and k > 0", "is empty or not")."""
    rest = re.split(r"[,.;:]", sentence[end:], maxsplit=1)[0]
    return not _VETO.search(rest)


def _target(sig: _Sig, name: str | None, said: str | None) -> int | None:
    """The parameter the clause empties: the one it names, else the only one of the kind it says."""
    if name and name in sig.params:
        return sig.params.index(name)
    if len(sig.params) == 1:
        return 0
    fitting = [k for k in range(len(sig.params)) if said is not None and _param_kind(sig, k) == said]
    return fitting[0] if len(fitting) == 1 else None


def empty_input(sentence: str, sig: _Sig) -> Clause | None:
    """ "Return X if the input list is empty": that parameter, empty, returns X. Other parameters
    (if any) take their values from the statement's first example, so the input stays valid."""
    for pattern in _EMPTY_CONDITION:
        m = pattern.search(sentence)
        if m is None:
            continue
        ok, value = returned_value(sentence, sig.language)
        ret = _RETURN.search(sentence)
        if not ok or ret is None or not _condition_ok(sentence, m.span(), ret.start()):
            return None
        if not _tail_ok(sentence, m.end()):
            return None
        name = m.groupdict().get("name")
        noun = (m.groupdict().get("noun") or "").lower()
        said = _NOUN_KIND.get(noun) or _NOUN_KIND.get((name or "").lower())
        if name and name.lower() not in _NOUN_KIND and name not in sig.params:
            return None  # names something that is not a parameter
        k = _target(sig, name, said)
        if k is None or (len(sig.params) > 1 and not sig.seeds):
            return None
        kind = _param_kind(sig, k)
        if kind is None:
            kind = said
        elif said is not None and said != kind:
            return None  # "the string is empty" of a list parameter: not this function's input
        if kind not in ("list", "str", "dict"):
            return None
        args = list(sig.seeds[0]) if len(sig.params) > 1 else [None]
        if len(args) != len(sig.params):
            return None
        args[k] = {"list": [], "str": "", "dict": {}}[kind]
        return Clause("empty-input", _words(sentence, m, ret), args, value)
    return None


_EQUAL = re.compile(
    r"\b(?:if|when)\s+(?:the\s+)?(?:two\s+|both\s+)?(?:values|numbers|arguments|inputs|integers|strings|"
    r"parameters)\s+are\s+(?:equal|the\s+same)\b",
    re.IGNORECASE,
)


def _sample(kind: str | None, seeds: list[list[Any]]) -> tuple[bool, Any]:
    for s in seeds:  # a value the statement itself shows is a valid input
        if s and _value_kind(s[0]) == kind or (kind is None and s):
            return True, s[0]
    return {"int": (True, 3), "float": (True, 2.5), "str": (True, "abc")}.get(kind or "", (False, None))


def equal_arguments(sentence: str, sig: _Sig) -> Clause | None:
    """ "Return X if the values are equal": a two-parameter function called with one value twice."""
    cond, ret = _EQUAL.search(sentence), _RETURN.search(sentence)
    if len(sig.params) != 2 or cond is None or ret is None:
        return None
    ok, value = returned_value(sentence, sig.language)
    if not ok:
        return None
    kinds = {_kind(h) for h in sig.hints[:2]}
    if len(kinds) != 1:
        return None  # one typed, one not, or two types: "equal" is not one value
    (kind,) = kinds
    if kind not in (None, "int", "float", "str"):
        return None
    ok, x = _sample(kind, sig.seeds)
    return Clause("equal-arguments", _words(sentence, cond, ret), [x, x], value) if ok else None


_GREATER = re.compile(
    r"\b(?:if|when)\s+`?(?P<a>[A-Za-z_]\w*)`?\s+is\s+(?P<rel>greater|larger|bigger|more|less|smaller)\s+"
    r"than\s+`?(?P<b>[A-Za-z_]\w*)`?",
    re.IGNORECASE,
)


def greater_than(sentence: str, sig: _Sig) -> Clause | None:
    """ "If n is greater than m, return X": the two integer parameters, the first one larger."""
    m = _GREATER.search(sentence)
    if m is None or len(sig.params) != 2 or {m.group("a"), m.group("b")} != set(sig.params):
        return None
    ret = _RETURN.search(sentence)
    ok, value = returned_value(sentence, sig.language)
    if not ok or ret is None or not _condition_ok(sentence, m.span(), ret.start()):
        return None
    if any(_param_kind(sig, k) not in (None, "int") for k in range(2)):
        return None
    big, small = (m.group("a"), m.group("b"))
    if m.group("rel").lower() in ("less", "smaller"):
        big, small = small, big
    values = {big: 7, small: 3}  # both positive: problems that compare two numbers rarely take negatives
    return Clause("greater-than", _words(sentence, m, ret), [values[p] for p in sig.params], value)


_SIGN = re.compile(
    r"\b(?:if|when|in\s+case)\s+(?:the\s+(?:given\s+|input\s+)?(?:number|integer|value)\s+)?`?"
    r"(?P<name>[A-Za-z_]\w*)?`?\s*(?:is\s+(?P<word>negative|zero|0)\b|(?P<op><|<=|==)\s*0\b)",
    re.IGNORECASE,
)


def number_sign(sentence: str, sig: _Sig) -> Clause | None:
    """ "If n is negative, return X" / "If the number is zero, return X" / "if n < 0 return X":
    that integer parameter at -5 (or 0); other parameters from the statement's first example."""
    m = _SIGN.search(sentence)
    ret = _RETURN.search(sentence)
    if m is None or ret is None or not _condition_ok(sentence, m.span(), ret.start()):
        return None
    if not _tail_ok(sentence, m.end()):
        return None
    ok, value = returned_value(sentence, sig.language)
    name = m.group("name")
    if name and name.lower() in ("number", "integer", "value", "the", "input"):
        name = None
    if not ok or (name and name not in sig.params):
        return None
    ints = [k for k in range(len(sig.params)) if _param_kind(sig, k) == "int"]
    k = sig.params.index(name) if name else (ints[0] if len(ints) == 1 else None)
    if k is None or _param_kind(sig, k) not in ("int", None) or (len(sig.params) > 1 and not sig.seeds):
        return None
    args = list(sig.seeds[0]) if len(sig.params) > 1 else [None]
    if len(args) != len(sig.params):
        return None
    negative = (m.group("word") or "").lower() == "negative" or m.group("op") == "<"
    args[k] = -5 if negative else 0
    return Clause("number-sign", _words(sentence, m, ret), args, value)


RULES: dict[str, Callable[[str, _Sig], Clause | None]] = {
    "number-sign": number_sign,
    "empty-input": empty_input,
    "equal-arguments": equal_arguments,
    "greater-than": greater_than,
}


# ------------------------------------------------------------------ reading them all
def _sentences(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z>])|\s+(?=>>>|assert\s|Example)", flat)
    return [s.strip() for s in parts if s.strip()]


def clauses(
    instruction: str,
    language: str,
    params: list[str],
    hints: list[str | None],
    ret: str | None,
    seeds: list[list[Any]],
) -> list[Clause]:
    """Every checkable clause of ``instruction`` for a function of ``params`` (with Python type
    ``hints``, return hint ``ret``; None where untyped) whose examples' inputs are ``seeds``.
    A clause whose input an example already shows, or whose value the return type cannot hold,
    is left out."""
    if not params:
        return []
    sig = _Sig(list(params), list(hints) + [None] * (len(params) - len(hints)), ret, seeds, language)
    out: list[Clause] = []
    for sentence in _sentences(instruction):
        for rule in RULES.values():
            c = rule(sentence, sig)
            if c is None or not fits(c.expected, ret) or any(s == c.args for s in seeds):
                continue
            if all(o.args != c.args for o in out):
                out.append(Clause(c.rule, c.quote[:160], c.args, c.expected))
    return out


__all__ = ["Clause", "RULES", "clauses", "fits", "returned_value"]
