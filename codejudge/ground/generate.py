"""Inputs for differential testing: type-aware mutation of the statement's examples.

evalplus-style: each argument position gets a *shape* inferred from the
example values seen there (ints that were never negative stay non-negative,
strings keep the alphabet they were written in, lists keep their element
shape), and new inputs are mutations of the examples inside that shape, then
fresh values of the shape, then a size ladder (longer collections). Inputs
outside what the examples ever showed (an empty list where every example had
items) are marked ``edge``: a crash there is weaker evidence than a crash on
an ordinary input. Without examples, shapes come from the type hints
(``List[int]``, ``str``, ...). Everything is seeded: same statement, same inputs.

>>> gen = generate([[[1, 2, 3], 2]], [None, None], n=6, seed=0)
>>> all(type(g.args[0]) is list and type(g.args[1]) is int for g in gen)
True
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field
from typing import Any

from codejudge.ground.values import split_top

MAX_LEN = 1000  # longest collection generated for correctness checks
MAX_INT_BITS = 64


@dataclass
class Shape:
    """What the values at one argument position looked like."""

    kinds: set[str] = field(default_factory=set)  # int float bool str none list tuple set dict
    lo: float = 0.0
    hi: float = 0.0
    alphabet: str = ""
    words: bool = False  # strings with spaces: mutate word-wise too
    min_len: int = 10**9
    max_len: int = 0
    elem: Shape | None = None  # list/set/tuple elements (homogeneous view)
    items: list[Shape] | None = None  # fixed-length tuples: one shape per slot
    key: Shape | None = None
    val: Shape | None = None
    samples: list[Any] = field(default_factory=list)
    seen_num: bool = False
    domain_lo: int | None = None  # the least valid int the instruction states ("a positive integer n")

    @property
    def nonneg(self) -> bool:
        return self.lo >= 0

    def add(self, v: Any) -> None:
        t = type(v)
        kind = {
            int: "int",
            float: "float",
            bool: "bool",
            str: "str",
            list: "list",
            tuple: "tuple",
            set: "set",
            frozenset: "set",
            dict: "dict",
            type(None): "none",
        }.get(t, "other")
        first = not self.samples
        self.kinds.add(kind)
        if len(self.samples) < 50:
            self.samples.append(v)
        if kind in ("int", "float"):
            self.lo, self.hi = (min(self.lo, v), max(self.hi, v)) if self.seen_num else (v, v)
            self.seen_num = True
        if kind in ("str", "list", "tuple", "set", "dict"):
            self.min_len, self.max_len = min(self.min_len, len(v)), max(self.max_len, len(v))
        if kind == "str":
            self.alphabet = "".join(sorted(set(self.alphabet) | set(v)))
            self.words = self.words or " " in v.strip()
        elif kind in ("list", "set"):
            self.elem = self.elem or Shape()
            for x in v if kind == "list" else sorted(v, key=repr):  # set order varies with the hash seed
                self.elem.add(x)
        elif kind == "tuple":
            if self.items is None and first:
                self.items = [Shape() for _ in v]
            if self.items is not None and len(self.items) == len(v):
                for s, x in zip(self.items, v):
                    s.add(x)
            else:
                self.items = None
            self.elem = self.elem or Shape()
            for x in v:
                self.elem.add(x)
        elif kind == "dict":
            self.key, self.val = self.key or Shape(), self.val or Shape()
            for k, x in v.items():
                self.key.add(k)
                self.val.add(x)


def infer(values: list[Any]) -> Shape:
    shape = Shape()
    for v in values:
        shape.add(v)
    return shape


# ------------------------------------------------------------- type hints
_HINT = re.compile(r"^(?:typing\.)?(\w+)(?:\[(.*)\])?$")


def shape_from_hint(hint: str | None, lo: int | None = None) -> Shape | None:
    """``List[int]`` -> a shape of small int lists; None when the hint says nothing usable.
    ``lo``: the least valid int the instruction states (for the ints, or the list's elements)."""
    if not hint:
        return None
    hint = hint.replace(" ", "")
    m = _HINT.match(hint)
    if not m:
        return None
    name, inner = m.group(1).lower(), m.group(2)
    base: dict[str, list[Any]] = {
        "int": [0, 1, 2, 3, 5, 10, -1, 7],
        "float": [0.5, 1.0, 2.5, -1.5, 3.0],
        "bool": [True, False],
        "str": ["abc", "hello world", "a", "xyz"],
    }
    if name in base:
        if name == "int" and lo is not None:
            return bounded(infer([x for x in base[name] if x >= lo] or [lo, lo + 1, lo + 5]), lo)
        return infer(base[name])
    if name == "optional" and inner:
        return shape_from_hint(inner, lo)
    parts = split_top(inner, ",") if inner else []
    if name in ("list", "sequence", "iterable", "set"):
        elem = shape_from_hint(parts[0], lo) if parts else infer([0, 1, 2, 3])
        if elem is None:
            return None
        lists = [[_fresh(elem, random.Random(i)) for _ in range(k)] for i, k in enumerate((3, 5, 1))]
        s = infer(lists if name != "set" else [set(x) for x in lists if all(map(_hashable, x))])
        return bounded(s, lo) if s.kinds else None
    if name == "tuple" and parts and "..." not in parts:
        slots = [shape_from_hint(p) for p in parts]
        if any(x is None for x in slots):
            return None
        rng = random.Random(0)
        return infer([tuple(_fresh(x, rng) for x in slots if x is not None) for _ in range(3)])
    if name == "dict" and len(parts) == 2:
        k, v = shape_from_hint(parts[0]), shape_from_hint(parts[1])
        if k is None or v is None:
            return None
        rng = random.Random(0)
        samples: list[Any] = []
        for _ in range(3):
            d = {}
            for _ in range(3):
                key = _fresh(k, rng)
                if _hashable(key):
                    d[key] = _fresh(v, rng)
            samples.append(d)
        return infer(samples)
    return None


def bounded(shape: Shape, lo: int | None) -> Shape:
    """``shape`` with the stated least valid int: on its ints, or on its elements' for a list of ints.
    Ignored where the examples show a smaller value or other kinds (they contradict the reading)."""
    if lo is None:
        return shape
    target = shape.elem if shape.kinds == {"list"} and shape.elem is not None else shape
    if target.kinds == {"int"} and (not target.seen_num or target.lo >= lo):
        target.domain_lo = lo
    return shape


def _hashable(v: Any) -> bool:
    try:
        hash(v)
    except TypeError:
        return False
    return True


# ---------------------------------------------------------------- mutation
def _int_bounds(s: Shape) -> tuple[int, int]:
    lo, hi = int(s.lo), int(s.hi)
    span = max(10, hi - lo)
    if s.domain_lo is not None:  # the stated domain, not the examples' range, bounds ordinary values
        return max(s.domain_lo, lo - span), hi + span
    new_lo = max(0 if s.lo >= 0 else lo - span, 1 if s.lo >= 1 else -(10**18))
    return new_lo, hi + span


def _mut_int(v: int, s: Shape, rng: random.Random, inner: bool = False) -> int:
    lo, hi = _int_bounds(s)
    if inner and rng.random() < 0.15:
        return -v  # values inside collections: data, where a sign the examples never showed is still valid
    choice = rng.randrange(7)
    if choice == 0:
        out = v + 1
    elif choice == 1:
        out = v - 1
    elif choice == 2:
        out = v + rng.randint(-5, 5)
    elif choice == 3:
        out = v * 2
    elif choice == 4:
        out = v // 2
    elif choice == 5 and s.lo < 0:
        out = -v
    else:
        out = rng.randint(lo, hi)
    out = max(lo, min(hi, out))
    return out if out.bit_length() <= MAX_INT_BITS else v


def _mut_float(v: float, s: Shape, rng: random.Random) -> float:
    choice = rng.randrange(5)
    scale = max(1.0, abs(s.hi - s.lo))
    out = [v + rng.uniform(-1, 1) * scale / 4, v * 2, v / 2, float(round(v)), rng.uniform(s.lo, s.hi + 1)][
        choice
    ]
    if s.lo >= 0:
        out = abs(out)
    return round(out, 3)


def _alphabet(s: Shape) -> str:
    a = s.alphabet or string.ascii_lowercase
    return a


def _mut_str(v: str, s: Shape, rng: random.Random) -> str:
    alpha = _alphabet(s)
    if rng.random() < 0.1 and v.lower() != v.upper():
        return rng.choice((v.upper(), v.capitalize(), v.swapcase(), v.title()))
    choice = rng.randrange(8)
    if s.words and choice < 3:
        words = v.split(" ")
        if choice == 0:
            rng.shuffle(words)
        elif choice == 1 and len(words) > 1:
            words.pop(rng.randrange(len(words)))
        else:
            words.insert(rng.randrange(len(words) + 1), rng.choice(words))
        return " ".join(words)
    chars = list(v)
    i = rng.randrange(len(chars) + 1)
    if choice in (0, 3) and chars:
        chars.pop(min(i, len(chars) - 1))
    elif choice in (1, 4):
        chars.insert(i, rng.choice(alpha))
    elif choice == 5 and chars:
        chars[min(i, len(chars) - 1)] = rng.choice(alpha)
    elif choice == 6 and len(chars) > 1:
        j = rng.randrange(len(chars) - 1)
        chars[j], chars[j + 1] = chars[j + 1], chars[j]
    else:
        return "".join(rng.choice(alpha) for _ in range(max(1, len(v))))
    return "".join(chars)


def _mut_list(v: list[Any], s: Shape, rng: random.Random) -> list[Any]:
    out = list(v)
    elem = s.elem or Shape()
    choice = rng.randrange(8)
    if choice == 0 and out:
        out.pop(rng.randrange(len(out)))
    elif choice == 1:
        out.insert(rng.randrange(len(out) + 1), _new_elem(out, elem, rng))
    elif choice == 2 and out:
        i = rng.randrange(len(out))
        out[i] = mutate(out[i], elem, rng, inner=True)
    elif choice == 3:
        rng.shuffle(out)
    elif choice == 4:
        out.reverse()
    elif choice == 5 and out:
        out.insert(rng.randrange(len(out) + 1), rng.choice(out))  # a duplicate
    elif choice == 6 and out:
        try:
            out.sort()
        except TypeError:
            rng.shuffle(out)
    else:
        out = [mutate(x, elem, rng, inner=True) if rng.random() < 0.3 else x for x in out] + [
            _new_elem(out, elem, rng)
        ]
    return out


def _new_elem(existing: list[Any], elem: Shape, rng: random.Random) -> Any:
    if existing and rng.random() < 0.6:
        return mutate(rng.choice(existing), elem, rng, inner=True)
    return _fresh(elem, rng)


def mutate(v: Any, s: Shape, rng: random.Random, inner: bool = False) -> Any:
    """One type-preserving mutation of ``v`` inside shape ``s`` (``inner``: an element of a collection)."""
    t = type(v)
    if t is bool:
        return not v
    if t is int:
        return _mut_int(v, s, rng, inner)
    if t is float:
        return _mut_float(v, s, rng)
    if t is str:
        return _mut_str(v, s, rng)
    if t is list:
        return _mut_list(v, s, rng)
    if t is tuple:
        if s.items is not None and len(s.items) == len(v):
            i = rng.randrange(len(v)) if v else 0
            return tuple(mutate(x, s.items[j], rng) if j == i else x for j, x in enumerate(v))
        return tuple(_mut_list(list(v), s, rng))
    if t in (set, frozenset):
        out = _mut_list(sorted(v, key=repr), s, rng)
        try:
            return t(out)
        except TypeError:
            return v
    if t is dict:
        return _mut_dict(v, s, rng)
    return v


def _mut_dict(v: dict[Any, Any], s: Shape, rng: random.Random) -> dict[Any, Any]:
    out = dict(v)
    key, val = s.key or Shape(), s.val or Shape()
    choice = rng.randrange(3)
    if choice == 0 and out:
        k = rng.choice(list(out))
        out[k] = mutate(out[k], val, rng)
    elif choice == 1 and out:
        out.pop(rng.choice(list(out)))
    else:
        k = mutate(rng.choice(list(out)), key, rng) if out else _fresh(key, rng)
        if _hashable(k):
            out[k] = _fresh(val, rng) if not out else mutate(rng.choice(list(out.values())), val, rng)
    return out


def _fresh(s: Shape, rng: random.Random, length: int | None = None, kind: str | None = None) -> Any:
    """A new value of shape ``s`` (a sample of its kinds, or of ``kind``)."""
    kinds = sorted(s.kinds - {"other"}) or ["int"]
    kind = kind or rng.choice(kinds)
    if kind == "none":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        lo, hi = _int_bounds(s) if s.samples else (-10, 10)
        return rng.randint(lo, hi)
    if kind == "float":
        flo, fhi = (s.lo, s.hi) if s.samples else (-10.0, 10.0)
        return round(rng.uniform(flo, fhi + 1), 3)
    n = (
        length
        if length is not None
        else rng.randint(
            max(s.min_len if s.samples else 0, 0), max(s.max_len, s.min_len if s.samples else 3, 1)
        )
    )
    if kind == "str":
        if s.words and n > 3:
            pool = [w for x in s.samples if type(x) is str for w in x.split()] or ["a"]
            words: list[str] = []
            while sum(map(len, words)) + len(words) < n:
                words.append(rng.choice(pool))
            return " ".join(words)
        return "".join(rng.choice(_alphabet(s)) for _ in range(n))
    if kind in ("list", "set"):
        elem = s.elem or infer([0, 1, 2])
        items = [_fresh(elem, rng) for _ in range(n)]
        if kind == "set":
            try:
                return set(items)
            except TypeError:
                return items
        return items
    if kind == "tuple":
        if s.items is not None:
            return tuple(_fresh(x, rng) for x in s.items)
        return tuple(_fresh(s.elem or infer([0]), rng) for _ in range(n))
    if kind == "dict":
        key, val = s.key or infer(["a"]), s.val or infer([0])
        out = {}
        for _ in range(n):
            k = _fresh(key, rng)
            if _hashable(k):
                out[k] = _fresh(val, rng)
        return out
    return rng.choice(s.samples) if s.samples else 0


def _grow(v: Any, s: Shape, factor: int, rng: random.Random, cap: int) -> Any:
    """``v`` with every collection about ``factor`` times longer (new elements of its shape)."""
    t = type(v)
    if t is str:
        target = min(cap, max(len(v) * factor, factor))
        if target <= len(v):
            return v
        sep = " " if s.words and v else ""
        return v + sep + _fresh(s, rng, max(1, target - len(v) - len(sep)), kind="str")
    if t is list:
        elem = s.elem or infer(v or [0])
        target = min(cap, max(len(v) * factor, factor))
        # new elements like the old ones (no sign flips: a grown input should stay an ordinary one)
        return v + [
            mutate(rng.choice(v), elem, rng) if v and rng.random() < 0.6 else _fresh(elem, rng)
            for _ in range(target - len(v))
        ]
    if t is dict:
        out = dict(v)
        key, val = s.key or infer(list(v) or ["a"]), s.val or infer(list(v.values()) or [0])
        for _ in range(min(cap, max(len(v) * factor, factor)) - len(v)):
            k = _fresh(key, rng)
            if _hashable(k):
                out[k] = _fresh(val, rng)
        return out
    return v


def _edges(s: Shape) -> list[tuple[Any, str]]:
    """Boundary values the examples never showed: ("edge" inputs)."""
    out: list[tuple[Any, str]] = []
    if "list" in s.kinds and s.min_len > 0:
        out.append(([], "an empty list"))
        if s.elem and s.elem.samples and s.min_len > 1:
            out.append(([s.elem.samples[0]], "a one-element list"))
    if "str" in s.kinds and s.min_len > 0:
        out.append(("", "an empty string"))
    if "int" in s.kinds and s.lo > 0:
        out.append((0, "zero"))
    if "dict" in s.kinds and s.min_len > 0:
        out.append(({}, "an empty dict"))
    return out


_WORD = re.compile(r"[A-Za-z0-9]+")
_DIGITS = re.compile(r"\d+")


def _skeleton(text: str) -> str:
    return _WORD.sub("w", text)


def unusual(v: Any, s: Shape, inner: bool = False) -> str | None:
    """Why ``v`` lies outside what the examples showed at this position (None: it does not).

    Inputs built from what the examples show are *ordinary*; the rest (a negative
    number where none was seen, a number below every example's, an empty string or
    collection, a structured token such as "1/5" broken into "5/", a word the
    examples never used) are *edge* inputs: possibly outside the problem's domain.
    """
    t = type(v)
    if v is None or t is bool or not s.samples:
        return None
    if t is int and s.domain_lo is not None:  # the instruction states the valid range
        return f"a number below the stated {s.domain_lo}" if v < s.domain_lo else None
    if t in (int, float):
        if s.seen_num and s.lo >= 0 and v < 0:
            return "a negative number"
        if s.seen_num and s.lo > 0 and v < s.lo and not inner:
            return "a number below every example's"
        return None
    if t is str:
        strings = [x for x in s.samples if type(x) is str]
        if not strings:
            return None
        if not v and s.min_len > 0:
            return "an empty string"
        if s.words:
            vocab = {w for x in strings for w in x.split()}
            if len(vocab) <= 20 and not set(v.split()) <= vocab:
                return "a word the examples never used"
            return None
        mixed = [x for x in strings if _WORD.search(x) and _WORD.sub("", x)]
        if mixed and _skeleton(v) not in {_skeleton(x) for x in mixed}:
            return "a token shaped unlike the examples'"
        if mixed:  # numbers inside tokens ("7/10") follow the rule for numbers: none below the examples'
            seen = [int(n) for x in mixed for n in _DIGITS.findall(x)]
            if seen and min(seen) > 0 and any(int(n) < min(seen) for n in _DIGITS.findall(v)):
                return "a number below every example's inside a token"
        return None
    if t in (list, tuple, set, frozenset):
        if not v and s.min_len > 0:
            return "an empty collection"
        if s.items is not None and t is tuple and len(s.items) == len(v):
            return next((r for x, sh in zip(v, s.items) if (r := unusual(x, sh, True))), None)
        if s.elem is not None:
            return next((r for x in v if (r := unusual(x, s.elem, True))), None)
        return None
    if t is dict:
        if not v and s.min_len > 0:
            return "an empty dict"
        if s.key is not None and s.val is not None:
            return next(
                (r for k, x in v.items() if (r := unusual(k, s.key, True) or unusual(x, s.val, True))), None
            )
    return None


@dataclass
class Generated:
    """One generated input: positional ``args``, where it came from, whether it is an edge case."""

    args: list[Any]
    origin: str
    edge: bool = False
    size: int = 0  # total length of its collections (the ladder's rung)


def _size(v: Any) -> int:
    if type(v) in (list, tuple, set, frozenset, dict, str):
        return len(v) + sum(_size(x) for x in (v.values() if type(v) is dict else v) if type(v) is not str)
    return 0


def generate(
    seeds: list[list[Any]],
    hints: list[str | None],
    n: int = 40,
    seed: int = 0,
    max_len: int = MAX_LEN,
    ladder: tuple[int, ...] = (2, 10),
    scale_ints: bool = True,
    lows: list[int | None] | None = None,
) -> list[Generated]:
    """About ``n`` distinct inputs (plus a size ladder and edge cases), seeds excluded; ``scale_ints``:
    examples made only of positive integers also come 10x larger (edge inputs); ``lows``: per
    argument, the least valid int the instruction states (``codejudge.ground.domain``)."""
    rng = random.Random(seed)
    arity = len(seeds[0]) if seeds else len(hints)
    seeds = [s for s in seeds if len(s) == arity]
    shapes: list[Shape] = []
    for i in range(arity):
        seen = [s[i] for s in seeds]
        lo = lows[i] if lows and i < len(lows) else None
        shape = (
            bounded(infer(seen), lo) if seen else shape_from_hint(hints[i] if i < len(hints) else None, lo)
        )
        if shape is None:
            return []
        shapes.append(shape)
    if not seeds:  # hints only: a few fresh values make the seeds
        seeds = [[_fresh(s, rng) for s in shapes] for _ in range(3)]
    out: list[Generated] = []
    seen_keys = {repr(s) for s in seeds}

    def add(args: list[Any], origin: str, edge: bool = False) -> None:
        key = repr(args)
        if key not in seen_keys and len(key) < 200_000:
            seen_keys.add(key)
            why = next((r for a, sh in zip(args, shapes) if (r := unusual(a, sh))), None)
            if why and not edge:
                origin, edge = f"{origin} (edge: {why})", True
            out.append(Generated(args, origin, edge, sum(_size(a) for a in args)))

    tries = 0
    while len(out) < n * 3 // 4 and tries < n * 10:
        tries += 1
        k = rng.randrange(len(seeds))
        args = list(seeds[k])
        if arity and rng.random() < 0.2:
            # evalplus's "ingredients": a value another example used, or another argument's value
            i = rng.randrange(arity)
            same = [s[i] for s in seeds if s[i] != args[i]]
            other = [a for j, a in enumerate(args) if j != i and type(a) is type(args[i]) and a != args[i]]
            if same or other:
                # another argument's value is a guess about the domain: an edge input
                cross = not same or (other and rng.random() < 0.3)
                args[i] = rng.choice(other if cross else same)
                add(
                    args,
                    f"example {k + 1} with argument {i + 1} taken from "
                    f"{'another argument' if cross else 'another example'}",
                    edge=bool(cross),
                )
                continue
        for _ in range(rng.choice((1, 1, 2, 3))):
            i = rng.randrange(arity) if arity else 0
            if arity:
                args[i] = mutate(args[i], shapes[i], rng)
        add(args, f"mutation of example {k + 1}")
    tries = 0
    while len(out) < n and tries < n * 10:
        tries += 1
        add([_fresh(s, rng) for s in shapes], "random input of the examples' types")
    for factor in ladder:
        for k, base in enumerate(seeds[:3]):
            add(
                [_grow(a, s, factor, rng, max_len) for a, s in zip(base, shapes)],
                f"example {k + 1} grown {factor}x",
            )
    if scale_ints:
        for k, base in enumerate(seeds[:3]):
            # integers 10x beyond the examples' (fib(100) where fib(10) was shown): an answer that never
            # finishes there is caught; an edge input, so a timeout or crash on it is weak evidence
            if arity and all(type(a) is int and 0 < a < 10**5 for a in base):
                add([a * 10 for a in base], f"example {k + 1} scaled 10x (non-termination check)", edge=True)
    for i, shape in enumerate(shapes):
        if shape.domain_lo is not None and shape.seen_num and shape.lo > shape.domain_lo:
            # the least value the instruction allows, below every example's: valid, an ordinary input
            args = list(seeds[0])
            args[i] = shape.domain_lo
            add(args, f"the least value the instruction allows ({shape.domain_lo}) as argument {i + 1}")
        elem = shape.elem if shape.kinds == {"list"} else None
        first = seeds[0][i] if seeds else None
        if (
            elem is not None
            and elem.domain_lo is not None
            and elem.domain_lo < 0 <= elem.lo
            and type(first) is list
            and first
            and all(type(x) is int for x in first)
        ):
            # the statement allows negative elements ("-10^4 <= nums[i]") and the examples show none:
            # every element negative is valid, and the classic input an answer starting from 0 misses
            args = list(seeds[0])
            args[i] = [max(elem.domain_lo, -(abs(x) or 1)) for x in first]
            add(args, f"example 1 with every element of argument {i + 1} negative (the statement allows it)")
        for value, what in _edges(shape):
            args = list(seeds[0])
            args[i] = value
            add(args, f"edge case: {what} as argument {i + 1}", edge=True)
    return out


def ladder(
    seeds: list[list[Any]],
    hints: list[str | None],
    factors: tuple[int, ...] = (10, 100, 1000),
    seed: int = 0,
    max_len: int = 10_000,
    lows: list[int | None] | None = None,
) -> list[Generated]:
    """EvalPerf-style size ladder for cost: each example's collections grown by each factor,
    and integer arguments (counts, bounds) scaled when there are no collections to grow.
    Without examples, values of the hinted (or stated, ``lows``) types are the base."""
    rng = random.Random(seed)
    gen = generate(seeds, hints, n=0, seed=seed, max_len=max_len, ladder=factors, scale_ints=False, lows=lows)
    out = [g for g in gen if not g.edge]
    if not out and not seeds and hints:
        shapes = [
            shape_from_hint(h, lows[i] if lows and i < len(lows) else None) for i, h in enumerate(hints)
        ]
        if all(x is not None for x in shapes):
            seeds = [[_fresh(x, rng) for x in shapes if x is not None] for _ in range(3)]
    if not out and seeds:
        for factor in factors:
            for k, base in enumerate(seeds[:3]):
                args = [min(a * factor, 10**6) if type(a) is int and a > 0 else a for a in base]
                if args != base:
                    out.append(Generated(args, f"example {k + 1} scaled {factor}x", size=factor))
    return out + _distinct_variants(out, rng)


def _distinct_variants(rungs: list[Generated], rng: random.Random) -> list[Generated]:
    """Each grown list of ints again with all-distinct values. Grown lists draw their values from
    the examples' small range, so a long one is full of repeats, and an answer that stops at the
    first repeat (``has_duplicate`` by two loops) looks cheaper than one that does the whole job
    (a set): the worst case of such answers needs values that never repeat."""
    out: list[Generated] = []
    for g in rungs:
        args, changed = list(g.args), False
        for i, a in enumerate(args):
            if type(a) is list and len(a) >= 10 and all(type(x) is int for x in a) and len(set(a)) < len(a):
                lo = 0 if min(a) >= 0 else -len(a)
                args[i] = rng.sample(range(lo, lo + 4 * len(a)), len(a))
                changed = True
        if changed:
            out.append(Generated(args, f"{g.origin}, values all distinct", size=g.size))
    return out


_NUM = re.compile(r"^-?\d+$")


def stdin_inputs(samples: list[str], n: int = 20, seed: int = 0) -> list[Generated]:
    """Program inputs like the statement's samples: same lines and token counts, other integers.

    Integers that look like counts (equal to the number of tokens on another line, or to the
    number of lines after theirs) are kept, so "3\\n1 2 3" never becomes "5\\n1 2 3".
    """
    rng = random.Random(seed)
    out: list[Generated] = []
    seen = set(samples)
    for _ in range(n * 5):
        if len(out) >= n or not samples:
            break
        k = rng.randrange(len(samples))
        lines = [ln.split() for ln in samples[k].strip("\n").split("\n")]
        counts = {len(toks) for toks in lines} | {len(lines) - i - 1 for i in range(len(lines))}
        ints = [int(t) for toks in lines for t in toks if _NUM.match(t)]
        if not ints:
            break
        lo, hi = min(ints), max(ints)
        new = []
        for r, toks in enumerate(lines):
            row = []
            for t in toks:
                if (
                    _NUM.match(t)
                    and not (int(t) in counts and (len(toks) == 1 or r == 0))
                    and rng.random() < 0.5
                ):
                    v = int(t) + rng.choice((-1, 1, rng.randint(-5, 5), int(t)))
                    v = max(lo if lo >= 0 else 2 * lo, min(max(hi * 2, hi + 10), v))
                    row.append(str(v))
                else:
                    row.append(t)
            new.append(" ".join(row))
        text = "\n".join(new) + "\n"
        if text not in seen:
            seen.add(text)
            out.append(Generated([text], f"sample {k + 1} with other numbers"))
    return out


def stdin_ladder(
    samples: list[str], sizes: tuple[int, ...] = (2_000, 20_000), seed: int = 0, most: int = 2
) -> list[Generated]:
    """A size ladder of program inputs for efficiency: each of the first ``most`` samples as it is
    (the rung start-up cost is read from), then grown to about each of ``sizes`` numbers.

    A sample grows where its shape says how: a count (an integer >= 2 on an earlier line) equal to
    the number of tokens on a later line (a list: ``"3\\n1 5 3"``) or to the number of lines after
    it (rows), a lone word (a string), or one line of words (more words). The count is rewritten to
    match; new numbers are drawn from the sample's range widened to the new length (mostly distinct),
    new rows copy a sample row's shape. A sample of no such shape (``"12 18"``: two numbers, nothing
    says which grows) is left out.

    >>> [(x.size, x.args[0].split("\\n")[0]) for x in stdin_ladder(["3\\n1 5 3\\n"], sizes=(10,))]
    [(4, '3'), (11, '10')]
    >>> [x.size for x in stdin_ladder(["2\\n1 2\\n3 4\\n", "abca\\n"], sizes=(10,))]
    [5, 11, 4, 10]
    """
    rng = random.Random(seed)
    out: list[Generated] = []
    for k, sample in enumerate(samples[:most]):
        grown = [_grown(sample, n, rng) for n in sizes]
        if any(g is None for g in grown):
            continue
        out.append(Generated([sample], f"sample {k + 1} (the ladder's base)", size=_tokens(sample)))
        out += [
            Generated([text], f"sample {k + 1} grown to about {n} numbers", size=_tokens(text))
            for n, text in zip(sizes, grown)
            if text is not None
        ]
    return out


def _tokens(text: str) -> int:
    """A program input's size: its tokens, or a lone word's length."""
    toks = text.split()
    return len(toks[0]) if len(toks) == 1 and not _NUM.match(toks[0]) else len(toks)


def _grown(sample: str, n: int, rng: random.Random) -> str | None:
    lines = [ln.split() for ln in sample.strip("\n").split("\n")]
    for r, toks in enumerate(lines):
        for j, t in enumerate(toks):
            if not _NUM.match(t) or int(t) < 2:
                continue
            c = int(t)
            body = lines[r + 1 :]
            rowwise = c == len(body) and len({len(x) for x in body}) == 1  # "2\n1 2\n3 4": 2 rows
            later = next((q for q in range(r + 1, len(lines)) if len(lines[q]) == c), None)
            if later is not None and not rowwise:  # a list of c tokens
                new = [row[:] for row in lines]
                new[r][j] = str(n)
                new[later] = _more_tokens(lines[later], n, rng)
                return "\n".join(" ".join(row) for row in new) + "\n"
            if c == len(lines) - r - 1 and c >= 2:  # c rows follow
                width = max(1, sum(len(x) for x in lines[r + 1 :]) // c)
                rows = max(2, n // width)
                new = [row[:] for row in lines[: r + 1]]
                new[r][j] = str(rows)
                cols = [
                    _more_tokens([row[i] for row in body if i < len(row)], rows, rng) for i in range(width)
                ]
                new += [[col[q] for col in cols] for q in range(rows)]
                return "\n".join(" ".join(row) for row in new) + "\n"
    if len(lines) == 1 and lines[0] and not any(_NUM.match(t) for t in lines[0]):
        if len(lines[0]) == 1:  # a word: longer, from its letters
            alphabet = sorted(set(lines[0][0]))
            return "".join(rng.choice(alphabet) for _ in range(n)) + "\n"
        return " ".join(rng.choice(lines[0]) for _ in range(n)) + "\n"  # a line of words: more of them
    return None


def _more_tokens(tokens: list[str], n: int, rng: random.Random) -> list[str]:
    """``n`` tokens like ``tokens``: integers from their range widened to ``n`` values, else copies."""
    ints = [int(t) for t in tokens if _NUM.match(t)]
    if ints and len(ints) == len(tokens):
        lo, hi = min(ints), max(ints)
        hi = max(hi, lo + n)
        return [str(rng.randint(lo, hi)) for _ in range(n)]
    return [rng.choice(tokens) for _ in range(n)] if tokens else []
