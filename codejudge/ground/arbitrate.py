"""Turn the responses' outcomes on one generated input into derived tests.

Decided here, in the trusted parent, from outputs only:

- **reference**: the reference's output is the expected value (inputs the
  reference itself cannot complete are invalid and dropped);
- **property**: an input at least one response completes is *valid*; a response
  that raises (not by its own ``raise``/``assert``: that is rejecting the input),
  times out, runs out of memory or crashes on it breaks a property, as does one
  that returns a type the instruction rules out, or different values across
  hash seeds;
- **differential**: the responses return different values and none of the
  above says which is right; kept so the verdict can show it.

>>> from codejudge.ground.run import Outcome
>>> ts = classify("f(0)", "mutation of example 1", False, {0: Outcome("ok", 1), 1: Outcome("error", exception="ZeroDivisionError: x")})
>>> [(t.source, t.prop, t.passed) for t in ts]
[('property', 'raises on a valid input', {0: True, 1: False})]
"""

from __future__ import annotations

import re
from typing import Any

from codejudge.ground.derived import DerivedTest
from codejudge.ground.run import Outcome
from codejudge.ground.values import matches, same_output, short, split_top

_BROKEN = {
    "error": "raises on a valid input",
    "timeout": "times out on a valid input",
    "memory": "runs out of memory on a valid input",
    "crash": "crashes on a valid input",
    "output_limit": "floods the output on a valid input",
    "bad_value": "returns non-plain data",
}


_OVERFLOW = re.compile(r"\bwith overflow\b")  # Rust: "attempt to multiply with overflow"


def family(value: Any) -> str:
    t = type(value)
    if t in (bool, int, float):
        return "number"
    return {
        str: "str",
        list: "list",
        tuple: "tuple",
        dict: "dict",
        set: "set",
        frozenset: "set",
        bytes: "bytes",
        type(None): "none",
    }.get(t, "other")


_HINT_FAMILY = {
    "int": "number",
    "float": "number",
    "bool": "number",
    "complex": "number",
    "str": "str",
    "list": "list",
    "sequence": "list",
    "tuple": "tuple",
    "dict": "dict",
    "mapping": "dict",
    "set": "set",
    "frozenset": "set",
    "bytes": "bytes",
    "none": "none",
    "nonetype": "none",
}


def hint_families(hint: str | None) -> set[str] | None:
    """``Optional[List[int]]`` -> {"list", "none"}; None when the hint does not pin a type."""
    if not hint:
        return None
    h = hint.replace(" ", "").replace("typing.", "")
    out: set[str] = set()
    for part in split_top(h, "|"):
        m = re.match(r"^(\w+)(?:\[(.*)\])?$", part)
        if not m:
            return None
        name, inner = m.group(1).lower(), m.group(2)
        if name == "optional" and inner:
            sub = hint_families(inner)
            if sub is None:
                return None
            out |= sub | {"none"}
        elif name == "union" and inner:
            for p in split_top(inner, ","):
                sub = hint_families(p)
                if sub is None:
                    return None
                out |= sub
        elif name in _HINT_FAMILY:
            out.add(_HINT_FAMILY[name])
        else:
            return None
    return out or None


def classify(
    shown_input: str,
    origin: str,
    edge: bool,
    outcomes: dict[int, Outcome],
    reruns: dict[int, Outcome] | None = None,
    view: tuple[Any, ...] = (),
    families: set[str] | None = None,
    reference: Outcome | None = None,
    id_prefix: str = "g",
    sources: frozenset[str] | tuple[str, ...] = ("reference", "property", "differential"),
) -> list[DerivedTest]:
    """Derived tests for one input given each response's outcome (index -> Outcome)."""
    runs = {i: o for i, o in outcomes.items() if o.status != "not_run"}
    shown = {i: o.describe() for i, o in runs.items()}
    if reference is not None:
        if not reference.ok or "reference" not in sources:
            return []  # the reference cannot complete it: not a valid input
        passed = {i: o.ok and matches(reference.value, o.value, view) for i, o in runs.items()}
        return [
            DerivedTest(
                f"{id_prefix}-ref",
                "reference",
                shown_input,
                origin,
                expected=reference.value,
                passed=passed,
                shown=shown,
                edge=edge,
            )
        ]
    ok = {i: o for i, o in runs.items() if o.ok}
    if not ok:
        return []  # nobody completes it: most likely outside the problem's domain
    out: list[DerivedTest] = []
    if "property" in sources:
        broken = {i: o for i, o in runs.items() if not o.ok and not o.deliberate}
        if broken:
            status = next(iter(broken.values())).status
            passed = {i: True for i in ok} | {i: False for i in broken}
            # a timeout may be a slow answer on a big input rather than a wrong one, and a fixed-width
            # overflow (Rust's debug build panics on it) a number beyond the problem's range: weak evidence
            out.append(
                DerivedTest(
                    f"{id_prefix}-crash",
                    "property",
                    shown_input,
                    origin,
                    passed=passed,
                    shown=shown,
                    prop=_BROKEN.get(status, "fails on a valid input"),
                    edge=edge,
                    weak=all(o.status == "timeout" or _OVERFLOW.search(o.exception) for o in broken.values()),
                )
            )
        if families:
            wrong = {i for i, o in ok.items() if family(o.value) not in families}
            if wrong and len(wrong) < len(ok):
                passed = {i: i not in wrong for i in ok}
                # None is how many correct answers say "no answer" to an input outside the problem:
                # weak evidence; any other wrong type is strong
                none_only = all(ok[i].value is None for i in wrong)
                out.append(
                    DerivedTest(
                        f"{id_prefix}-type",
                        "property",
                        shown_input,
                        origin,
                        passed=passed,
                        shown=shown,
                        edge=edge,
                        weak=none_only,
                        prop=f"returns a type the instruction rules out (expected {'/'.join(sorted(families))})",
                    )
                )
        flaky = {
            i
            for i, o in ok.items()
            if reruns and i in reruns and reruns[i].ok and not same_output(o.value, reruns[i].value, view)
        }
        if flaky and len(flaky) < len(ok):
            passed = {i: i not in flaky for i in ok}
            extra = (
                {i: f"{shown[i]}, then {short(reruns[i].value)} with another hash seed" for i in flaky}
                if reruns
                else {}
            )
            out.append(
                DerivedTest(
                    f"{id_prefix}-flaky",
                    "property",
                    shown_input,
                    origin,
                    passed=passed,
                    shown={**shown, **extra},
                    edge=edge,
                    prop="non-deterministic (differs across hash seeds)",
                )
            )
    values = list(ok.items())
    differ = any(not same_output(values[0][1].value, o.value, view) for _, o in values[1:])
    rejects = any(not o.ok and o.deliberate for o in runs.values())
    decided = any(t.source == "property" and not (t.edge or t.weak) for t in out)
    if "differential" in sources and (differ or (rejects and ok)) and not decided:
        out.append(
            DerivedTest(f"{id_prefix}-diff", "differential", shown_input, origin, shown=shown, edge=edge)
        )
    return out
