"""LLM-written tests (``--llm``): many tests, kept by agreement, ranked below the statement's.

CodeRM / AceCoder style: the LLM is asked for test inputs *and* expected
outputs as ``assert f(...) == ...`` lines. Its answer is read with the same
miner as instructions (``ast.literal_eval`` only), every test runs against
every response in the sandbox, and in this process:

- a test no response passes is discarded (the LLM's expected value is most
  likely wrong);
- a test is weighted by how much the LLM agrees with itself on that input
  (several lines for one input with different expected values split the weight).

>>> msgs = test_messages("Add two numbers.", "add", ["a", "b"], 5)
>>> "assert add(" in msgs[1]["content"]
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from codejudge.ground.derived import DerivedTest
from codejudge.ground.mine import NO_VALUE, mine
from codejudge.ground.run import Outcome, encodable
from codejudge.ground.values import matches, short

SYSTEM = (
    "You write unit tests for programming problems. Answer only with Python assert lines, "
    "one per line, each calling the function with literal arguments and comparing with ==."
)


def test_messages(instruction: str, entry: str, params: list[str], n: int) -> list[dict[str, str]]:
    """The chat asking for ``n`` tests of ``entry``."""
    sig = f"{entry}({', '.join(params)})" if params else f"{entry}(...)"
    user = (
        f"Problem:\n{instruction.strip()}\n\nWrite {n} different tests for `{sig}`: typical cases, edge "
        f"cases (empty, zero, one element, duplicates, negative numbers) and a few larger inputs. "
        f"Format, one per line:\nassert {entry}(<arguments>) == <expected result>\n"
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def ask_llm_tests(
    llm: Any, instruction: str, entry: str, params: list[str], arity: int, n: int = 10
) -> tuple[list[tuple[list[Any], Any]], str]:
    """``([(args, expected), ...], note)``; the note says why there are none (never raises on bad output)."""
    try:
        text = llm.generate([test_messages(instruction, entry, params, n)])[0]
    except Exception as exc:  # noqa: BLE001 - an LLM failure costs this evidence, not the verdict
        return [], f"llm tests: the LLM failed ({type(exc).__name__}: {str(exc)[:100]})"
    cases = []
    for e in mine(text).examples:
        if e.call not in (entry, None) or e.expected is NO_VALUE or e.kwargs or e.view:
            continue
        if arity and len(e.args) != arity:
            continue
        if encodable(e.args):
            cases.append((list(e.args), e.expected))
    if not cases:
        return [], f"llm tests: no usable `assert {entry}(...) == ...` line in the LLM's answer"
    return cases[: max(n * 2, 1)], ""


def llm_derived_tests(
    cases: list[tuple[list[Any], Any]],
    results: dict[int, dict[str, Outcome]],
    entry: str,
    view: tuple[Any, ...] = (),
) -> list[DerivedTest]:
    """Score the LLM's tests against every response; keep those some response passes."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for args, expected in cases:
        votes[repr(args)][repr(expected)] += 1
    out = []
    for k, (args, expected) in enumerate(cases):
        pid = f"l{k}"
        passed: dict[int, bool] = {}
        shown: dict[int, str] = {}
        for i, res in results.items():
            o = res.get(pid)
            if o is None or o.status == "not_run":
                continue
            passed[i] = o.ok and matches(expected, o.value, view)
            shown[i] = "returned the expected value" if passed[i] else o.describe()
        if not any(passed.values()):
            continue  # no response agrees with the LLM here: trust neither
        share = votes[repr(args)][repr(expected)] / sum(votes[repr(args)].values())
        call = f"{entry}({', '.join(short(a, 60) for a in args)})"
        out.append(
            DerivedTest(
                f"l{k}",
                "llm",
                call,
                "written by the LLM",
                expected=expected,
                passed=passed,
                shown=shown,
                weight=share,
            )
        )
    return out
