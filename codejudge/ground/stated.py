"""Properties the instruction *states*, checked on the responses' outputs on generated inputs.

A generated input has no expected value; when two responses disagree on it,
nothing says which is right (a ``differential`` test). Some instructions do say
something checkable about every output, in words or in code. Each rule below
reads one such claim, only when the instruction makes it unambiguously, and
turns a response that contradicts it into a ``property`` test (rank 3, after
the reference and the statement's examples). Every test names its rule and
quotes the instruction's words, so the verdict says why it is trusted.

- ``ascending``: a sentence with a return verb before "sorted" / "ascending
  order" / "increasing order" ("Return sorted unique elements in a list"), or
  saying the function's job is to sort ("Write a function to sort a list"), no
  word in that sentence that makes the order conditional ("if", "unless",
  "otherwise"), none anywhere that makes it keyed or reversed ("descending",
  "reverse order", "sorted by", "ascending by length", "according to",
  "based on"; "by using" is fine), and the
  statement's examples agree: at least one example returns a list of two or
  more numbers or strings, and every such list is ascending. A response that
  returns a list of numbers or strings out of ascending order breaks it.
- ``one-of``: every return verb of the prose is followed by a quoted string
  ("Return 'Yes' if there's a way to make a good string, and return 'No'
  otherwise"; "..., and 'No' otherwise" counts too), at least two distinct ones,
  and the instruction's signature returns a string or its examples return only
  those strings. A response that returns another string ('yes') breaks it.
- ``inverse``: the instruction's code defines a function ``enc`` in full and
  says the input of the function to write was "encoded with / by ``enc``"
  ("takes as input string encoded with encode_cyclic function"). On a
  generated input ``x``, ``enc(x)`` is computed in the sandbox from the
  instruction's own code; a response whose ``f(enc(x))`` is not ``x`` breaks it.

- ``case``: a sentence saying the function works "case-insensitive(ly)",
  "ignoring case", "regardless of case" or "not case sensitive", and no
  sentence asking for case-sensitive behaviour. Every generated input with
  letters is run again with the case of every letter swapped; a response whose
  number, bool or None output changes breaks it (outputs that are strings or
  collections may carry the letters themselves: not checked).

The checks run here, in the trusted parent, on outputs only (a response cannot
influence which claims are read: they come from the instruction).

>>> from codejudge.ground.mine import mine
>>> text = "Return sorted unique elements in a list.\\n>>> unique([5, 3, 5])\\n[3, 5]"
>>> ascending_claim(text, mine(text).examples).quote
'Return sorted unique elements in a list.'
>>> ascending(["b", "a"]), ascending([1, 2, 2])
(False, True)
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from codejudge.ground.derived import DerivedTest
from codejudge.ground.generate import Generated
from codejudge.ground.mine import NO_VALUE, Example
from codejudge.ground.plan import Plan, instruction_functions, is_stub, plan_for
from codejudge.ground.programs import run_probes as run_any_probes
from codejudge.ground.run import Outcome, Probe, encodable, run_probes
from codejudge.ground.values import same_output, short
from codejudge.sandbox.base import Executor

MAX_CASE_INPUTS = 12  # generated inputs run again with the case swapped (one more job per response)


@dataclass
class Claim:
    """One property the instruction states: the rule that reads it and the instruction's words."""

    rule: str  # ascending | one-of | inverse | case
    quote: str
    encoder: str | None = None  # inverse: the function the instruction defines in full
    encoder_source: str = ""  # inverse: the instruction's code that defines it
    values: tuple[str, ...] = ()  # one-of: the strings the instruction says it returns

    @property
    def prop(self) -> str:
        if self.rule == "ascending":
            return f"stated property 'ascending': returns a list out of ascending order (the instruction: {self.quote!r})"
        if self.rule == "one-of":
            return (
                f"stated property 'one-of': returns a string other than {' / '.join(map(repr, self.values))} "
                f"(the instruction: {self.quote!r})"
            )
        if self.rule == "case":
            return (
                "stated property 'case': the output changes when the input's letters change case "
                f"(the instruction: {self.quote!r})"
            )
        return (
            f"stated property 'inverse': f({self.encoder}(x)) is not x (the instruction: {self.quote!r}; "
            f"{self.encoder}() run from the instruction's code)"
        )


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text)  # docstrings wrap sentences over lines
    parts = re.split(r'"""|\'\'\'|```(?:python|py)?|(?<=[.!?])\s+(?=[A-Z>])|\s+(?=>>>|assert\s)', flat)
    return [s.strip() for s in parts if s.strip()]


# ------------------------------------------------------------------------- ascending
_RETURN_SORTED = re.compile(
    r"\b(?:returns?|outputs?)\b(?:(?![.;:]).){0,80}?"
    r"\b(?:sorted|(?:ascending|increasing|non-decreasing)\s+order)\b|"
    r"\bfunction\s+(?:that\s+|to\s+|which\s+)?sorts?\b",
    re.IGNORECASE,
)
# Anything that makes the order keyed, reversed or conditional: the rule stays silent.
_VETO = re.compile(
    r"\b(?:descending|decreasing|reverse|reversed|according|based\s+on|key|unless|otherwise|if)\b|"
    r"\bby\b(?!\s+(?:using|means|applying))",
    re.IGNORECASE,
)
_GLOBAL_VETO = re.compile(
    r"\b(?:descending|decreasing|reverse\s+order|reversed\s+order)\b|"
    r"\b(?:sort\w*|order\w*|ascending|increasing)\W+(?:\w+\W+){0,8}?(?:by|according|based)\b"
    r"(?!\s+(?:using|means|applying))",
    re.IGNORECASE,
)


def _orderable(value: Any) -> bool:
    """A list/tuple of only numbers (not bools) or only strings: what 'ascending' means plainly."""
    if not isinstance(value, (list, tuple)):
        return False
    kinds = {"str" if isinstance(v, str) else "num" if type(v) in (int, float) else "other" for v in value}
    return len(kinds) <= 1 and "other" not in kinds


def ascending(value: Any) -> bool:
    """True unless ``value`` is an orderable list with an item greater than the next one."""
    if not _orderable(value):
        return True
    return all(a <= b for a, b in zip(value, value[1:]))


def ascending_claim(instruction: str, examples: list[Example], returns: str | None = None) -> Claim | None:
    """The instruction's sentence saying the returned list is sorted ascending, confirmed by its examples;
    an instruction that shows no example at all (HumanEvalPack's Rust prompts) needs a signature that
    returns a list of numbers or strings instead (``returns``: its Python hint, ``List[int]``)."""
    if _GLOBAL_VETO.search(instruction):
        return None
    quote = next(
        (s for s in _sentences(instruction) if _RETURN_SORTED.search(s) and not _VETO.search(s)), None
    )
    if quote is None:
        return None
    outs = [e.expected for e in examples if e.expected is not NO_VALUE and not e.view and e.stdin is None]
    lists = [v for v in outs if isinstance(v, (list, tuple))]
    if not outs and returns and re.fullmatch(r"List\[(?:int|float|str)\]", returns.replace(" ", "")):
        return Claim("ascending", quote[:160])
    if (
        not lists
        or not any(len(v) >= 2 for v in lists)
        or not all(_orderable(v) and ascending(v) for v in lists)
    ):
        return None  # the examples must show the order the words claim
    return Claim("ascending", quote[:160])


def ascending_tests(
    claim: Claim, shown_input: str, origin: str, edge: bool, outcomes: dict[int, Outcome], id_prefix: str
) -> list[DerivedTest]:
    """One property test when some responses return an unsorted list on this input and others do not."""
    ok = {i: o for i, o in outcomes.items() if o.ok and _orderable(o.value)}
    bad = {i for i, o in ok.items() if not ascending(o.value)}
    return _split_by_claim(claim, f"{id_prefix}-ascending", shown_input, origin, edge, ok, bad)


def _split_by_claim(
    claim: Claim,
    test_id: str,
    shown_input: str,
    origin: str,
    edge: bool,
    ok: dict[int, Outcome],
    bad: set[int],
) -> list[DerivedTest]:
    """The property test of one input: the responses in ``bad`` break the claim, the rest of ``ok``
    keep it; none when they all break it or none does (nothing separates them)."""
    if not bad or len(bad) == len(ok):
        return []
    return [
        DerivedTest(
            test_id,
            "property",
            shown_input,
            origin,
            prop=claim.prop,
            passed={i: i not in bad for i in ok},
            shown={i: o.describe() for i, o in ok.items()},
            edge=edge,
        )
    ]


# --------------------------------------------------------------------------- one-of
_RETURN_WORD = re.compile(r"\breturns?\b", re.IGNORECASE)
_QUOTED = r"(?P<q>[\"'])(?P<v>[^\"'\n]{1,20})(?P=q)"
_QUOTED_RETURN = re.compile(r"\breturns?\s+(?:the\s+string\s+)?" + _QUOTED, re.IGNORECASE)
# "return 'Yes' if ..., and 'No' otherwise": the second value without its own return verb
_QUOTED_OTHERWISE = re.compile(
    r"(?:,|\band\b|\bor\b)\s*" + _QUOTED + r"\s+(?:otherwise|if\s+not)\b", re.IGNORECASE
)


def one_of_claim(instruction: str, examples: list[Example], returns: str | None = None) -> Claim | None:
    """The instruction returns one of the strings it quotes ("return 'Yes' if ..., and return 'No'
    otherwise"): at least two, every return verb of the prose followed by one, a string return type
    (the instruction's signature) or examples that return only strings, all of them quoted ones."""
    text = re.sub(r"```.*?```", " ", instruction, flags=re.DOTALL)
    prose = "\n".join(
        line for line in text.splitlines() if not re.match(r"\s*(?:>>>|\w+\(.*\)\s*(?:==|=>|->|➞))", line)
    )
    said = [m.group("v") for m in _QUOTED_RETURN.finditer(prose)]
    if len(said) != len(_RETURN_WORD.findall(prose)):
        return None  # some return is not a quoted string ("otherwise return the word"): no closed set
    said += [m.group("v") for m in _QUOTED_OTHERWISE.finditer(prose)]
    values = sorted(set(said))
    if len(values) < 2:
        return None
    outs = [e.expected for e in examples if e.expected is not NO_VALUE and not e.view and e.stdin is None]
    if outs:
        if not all(isinstance(v, str) and v in values for v in outs):
            return None  # the examples show another value: the set is not closed
    elif (returns or "").replace(" ", "") != "str":
        return None
    quote = next((s for s in _sentences(prose) if _QUOTED_RETURN.search(s)), "")
    return Claim("one-of", quote[:160], values=tuple(values))


def one_of_tests(
    claim: Claim, shown_input: str, origin: str, edge: bool, outcomes: dict[int, Outcome], id_prefix: str
) -> list[DerivedTest]:
    """One property test when some responses return a string outside the stated ones and others do not."""
    ok = {i: o for i, o in outcomes.items() if o.ok and isinstance(o.value, str)}
    bad = {i for i, o in ok.items() if o.value not in claim.values}
    return _split_by_claim(claim, f"{id_prefix}-one-of", shown_input, origin, edge, ok, bad)


# ------------------------------------------------------------------------------ case
_CASE_FREE = re.compile(
    r"\bcase[- ]?insensitive(?:ly)?\b|\bignor(?:e|es|ing)\s+(?:the\s+)?(?:letter\s+)?case\b|"
    r"\bregardless\s+of\s+(?:the\s+)?(?:letter\s+)?case\b|\bnot\s+case[- ]?sensitive\b",
    re.IGNORECASE,
)
_CASE_BOUND = re.compile(r"(?<!not )(?<!in)\bcase[- ]?sensitive(?:ly)?\b", re.IGNORECASE)


def case_claim(instruction: str) -> Claim | None:
    """The instruction's sentence saying letter case does not matter (none if it also asks for case)."""
    if _CASE_BOUND.search(re.sub(r"\s+", " ", instruction)):
        return None
    quote = next((s for s in _sentences(instruction) if _CASE_FREE.search(s)), None)
    return Claim("case", quote[:160]) if quote else None


def swap_case(value: Any) -> Any:
    """``value`` with the case of every letter in its strings swapped (keys of dicts too)."""
    t = type(value)
    if t is str:
        return value.swapcase()
    if t in (list, tuple):
        return t(swap_case(v) for v in value)
    if t is dict:
        return {swap_case(k): swap_case(v) for k, v in value.items()}
    return value


def _caseless_output(value: Any) -> bool:
    return value is None or type(value) in (bool, int, float)


def case_tests(
    claim: Claim,
    shown_inputs: list[str],
    origins: list[tuple[str, bool]],
    plain: dict[int, list[Outcome]],
    swapped: dict[int, list[Outcome]],
) -> list[DerivedTest]:
    """One property test per input where some responses' scalar output changes with the case and
    others' does not (``plain[i][k]`` / ``swapped[i][k]``: response i on input k and its swap)."""
    tests: list[DerivedTest] = []
    for k, shown_input in enumerate(shown_inputs):
        pairs = {
            i: (plain[i][k], swapped[i][k])
            for i in plain
            if k < len(plain[i]) and k < len(swapped.get(i, []))
        }
        both = {i: (a, b) for i, (a, b) in pairs.items() if a.ok and b.ok}
        if len(both) < 2 or not all(
            _caseless_output(a.value) and _caseless_output(b.value) for a, b in both.values()
        ):
            continue
        passed = {i: same_output(a.value, b.value) for i, (a, b) in both.items()}
        if len(set(passed.values())) < 2:
            continue
        origin, edge = origins[k]
        tests.append(
            DerivedTest(
                f"k{k}-case",
                "property",
                shown_input,
                f"{origin}, run again with the case of its letters swapped",
                passed=passed,
                shown={
                    i: f"{a.describe()}, then {short(b.value)} with the case swapped"
                    for i, (a, b) in both.items()
                },
                prop=claim.prop,
                edge=edge,
            )
        )
    return tests


# --------------------------------------------------------------------------- inverse
_ENCODED_WITH = re.compile(
    r"\b(?:encoded|encrypted|obfuscated|transformed)\s+"
    r"(?:with|by|using|from)\s+(?:the\s+)?`?([A-Za-z_]\w*)`?(?:\(\))?",
    re.IGNORECASE,
)


def inverse_claim(instruction: str, target: str | None) -> Claim | None:
    """``target``'s input is the output of a function the instruction defines in full (and says so)."""
    if not target:
        return None
    fns = instruction_functions(instruction)
    for m in _ENCODED_WITH.finditer(instruction):
        if m.group(1) == target or m.group(1) not in fns or is_stub(fns[m.group(1)]):
            continue
        start = instruction.rfind("\n", 0, m.start()) + 1
        end = instruction.find("\n", m.end())
        sentence = instruction[start : end if end >= 0 else len(instruction)].strip()
        enc = fns[m.group(1)]
        if len(enc.args.args) + len(enc.args.posonlyargs) != 1 or enc.args.vararg or enc.args.kwarg:
            continue
        needed = [f for f in fns.values() if not is_stub(f)]  # the encoder may call other given helpers
        source = "\n\n".join(ast.unparse(f) for f in needed)
        return Claim("inverse", sentence[:160], encoder=enc.name, encoder_source=source)
    return None


def inverse_tests(
    claim: Claim,
    entry: str,
    originals: list[Any],
    encoded: list[Outcome],
    outcomes: dict[int, list[Outcome]],
    edges: list[bool],
) -> list[DerivedTest]:
    """``outcomes[i][k]``: response i on ``encoded[k]``; a test per input where the responses differ."""
    tests: list[DerivedTest] = []
    for k, (x, e) in enumerate(zip(originals, encoded)):
        if not e.ok:
            continue  # the instruction's own encoder rejects x: not an input of the problem
        runs = {i: outs[k] for i, outs in outcomes.items() if k < len(outs) and outs[k].status != "not_run"}
        passed = {i: o.ok and same_output(x, o.value) for i, o in runs.items()}
        if len(set(passed.values())) < 2:
            continue
        tests.append(
            DerivedTest(
                f"i{k}-inverse",
                "property",
                f"{entry}({short(e.value, 60)})",
                f"{claim.encoder}({short(x, 40)}), computed from the instruction's code",
                expected=x,
                passed=passed,
                shown={i: o.describe() for i, o in runs.items()},
                prop=claim.prop,
                edge=edges[k],
            )
        )
    return tests


def stated_tests(
    executor: Executor,
    instruction: str,
    examples: list[Example],
    entry: str,
    generated: list[Generated],
    results: dict[int, dict[str, Outcome]],
    runs: dict[int, tuple[str, Plan]],
    timeout_s: float,
    job_timeout_s: float,
    language: str = "python",
    returns: str | None = None,
    permute: Callable[[list[Any], Plan], list[Any]] | None = None,
) -> tuple[list[DerivedTest], list[str]]:
    """Property tests from every claim the instruction states, for function-style responses ``runs``
    (index -> (code, plan)) whose outcomes on ``generated`` (ids ``g0``, ``g1``, ...) are in ``results``.

    Output claims (``ascending``) hold in every language: a program answer's outputs decode to
    Python values (``returns``: the instruction's return type as a Python hint). ``inverse`` runs the instruction's encoder, which is Python code: Python only."""
    tests: list[DerivedTest] = []
    notes: list[str] = []
    claim = ascending_claim(instruction, examples, returns)
    if claim is not None:
        for k, x in enumerate(generated):
            outs = {i: results[i][f"g{k}"] for i in runs if f"g{k}" in results.get(i, {})}
            tests += ascending_tests(
                claim, f"{entry}({', '.join(short(a, 60) for a in x.args)})", x.origin, x.edge, outs, f"g{k}"
            )
    one_of = one_of_claim(instruction, examples, returns)
    if one_of is not None:
        for k, x in enumerate(generated):
            outs = {i: results[i][f"g{k}"] for i in runs if f"g{k}" in results.get(i, {})}
            tests += one_of_tests(
                one_of, f"{entry}({', '.join(short(a, 60) for a in x.args)})", x.origin, x.edge, outs, f"g{k}"
            )
    case = case_claim(instruction)
    lettered = [k for k, x in enumerate(generated) if swap_case(x.args) != x.args][:MAX_CASE_INPUTS]
    if case is not None and lettered and len(runs) >= 2:
        order = permute or (lambda args, plan: args)
        swapped = {
            i: run_any_probes(
                executor,
                code,
                plan,
                [Probe(f"k{k}", args=order(swap_case(generated[k].args), plan)) for k in lettered],
                timeout_s,
                job_timeout_s,
                job_id=f"ground-{i}-case",
            )
            for i, (code, plan) in runs.items()
        }
        plain = {i: [results.get(i, {}).get(f"g{k}", Outcome("not_run")) for k in lettered] for i in runs}
        tests += case_tests(
            case,
            [f"{entry}({', '.join(short(a, 60) for a in generated[k].args)})" for k in lettered],
            [(generated[k].origin, generated[k].edge) for k in lettered],
            plain,
            swapped,
        )
        notes.append(f"stated property 'case': {len(lettered)} inputs run again with the case swapped")
    inv = inverse_claim(instruction, entry) if language == "python" else None
    one_arg = [x for x in generated if len(x.args) == 1]
    if inv is not None and inv.encoder and one_arg and runs:
        enc_plan = plan_for(inv.encoder_source, [inv.encoder], [])
        encoded = run_probes(
            executor,
            inv.encoder_source,
            enc_plan,
            [Probe(f"e{k}", args=x.args) for k, x in enumerate(one_arg)],
            timeout_s,
            job_timeout_s,
            job_id="ground-encoder",
        )
        valid = [(x, e) for x, e in zip(one_arg, encoded) if e.ok and encodable([e.value])]
        outcomes = {
            i: run_probes(
                executor,
                code,
                plan,
                [Probe(f"i{k}", args=[e.value]) for k, (_, e) in enumerate(valid)],
                timeout_s,
                job_timeout_s,
                job_id=f"ground-{i}-inverse",
            )
            for i, (code, plan) in runs.items()
        }
        tests += inverse_tests(
            inv,
            entry,
            [x.args[0] for x, _ in valid],
            [e for _, e in valid],
            outcomes,
            [x.edge for x, _ in valid],
        )
        notes.append(
            f"stated property 'inverse': {len(valid)} inputs encoded with the instruction's {inv.encoder}()"
        )
    return tests, notes


__all__ = [
    "Claim",
    "ascending",
    "ascending_claim",
    "ascending_tests",
    "case_claim",
    "case_tests",
    "inverse_claim",
    "inverse_tests",
    "one_of_claim",
    "one_of_tests",
    "stated_tests",
    "swap_case",
]
