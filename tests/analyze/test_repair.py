"""Diagnosis by minimal repair: each edit family repairs a fixture mutant of its category and
tags it correctly; a correct solution is never "repaired". Runs in the bubblewrap sandbox."""

from __future__ import annotations

import dataclasses

import pytest

from codejudge.analyze.repair import REPAIR_CODES, RepairBudget, candidates, diagnose
from codejudge.analyze.repair.families import FAMILIES
from codejudge.sandbox.base import Job, Limits
from codejudge.types import TestCase, TestStatus
from codejudge.values import encode

pytestmark = pytest.mark.bwrap


# (category, reference, mutant, entry point, inputs): one or more fixture mutants per edit family,
# including the shapes the first measurement missed (key=len, split(" "), re.match, `if False:`,
# a misplaced initialisation, Yes/No renderings, repr quoting).
FIXTURES = [
    (
        "conditional_error",
        "def pos(xs):\n    return [x for x in xs if x > 0]\n",
        "def pos(xs):\n    return [x for x in xs if x >= 0]\n",
        "pos",
        [[[1, 0, -1]], [[0, 2]], [[3]]],
    ),
    (
        "conditional_error",
        "def sign(n):\n    if n < 0:\n        return -1\n    return 1\n",
        "def sign(n):\n    if not (n < 0):\n        return -1\n    return 1\n",
        "sign",
        [[3], [-2], [5]],
    ),
    (
        "conditional_error",
        "def first(xs):\n    if not xs:\n        return 0\n    return xs[0]\n",
        "def first(xs):\n    return xs[0]\n",
        "first",
        [[[4, 5]], [[]], [[7]]],
    ),
    (  # a table whose inside has the wrong bound convention while its top is exact
        "conditional_error",
        "def grade(g):\n    if g >= 4.0:\n        return 'A'\n    elif g > 3.0:\n        return 'B'\n"
        "    elif g > 2.0:\n        return 'C'\n    return 'D'\n",
        "def grade(g):\n    if g >= 4.0:\n        return 'A'\n    elif g >= 3.0:\n        return 'B'\n"
        "    elif g >= 2.0:\n        return 'C'\n    return 'D'\n",
        "grade",
        [[3.0], [2.0], [4.0], [3.5], [1.0]],
    ),
    (
        "garbage_code",
        "def count(xs):\n    n = 0\n    for x in xs:\n        n += 1\n    return n\n",
        "def count(xs):\n    n = 0\n    for x in xs:\n        n += 1\n        n += 1\n    return n\n",
        "count",
        [[[1, 2]], [[]], [[5, 6, 7]]],
    ),
    (
        "garbage_code",
        "def total(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\n",
        "def total(xs):\n    t = 0\n    for x in xs:\n        if False:\n            t += x\n    return t\n",
        "total",
        [[[1, 2]], [[3]], [[4, 5, 6]]],
    ),
    (
        "math_logic_error",
        "def mid(a, b):\n    return (a + b) / 2\n",
        "def mid(a, b):\n    return a + b / 2\n",
        "mid",
        [[2, 4], [0, 10], [5, 5]],
    ),
    (
        "math_logic_error",
        "def area(w, h):\n    return w * h\n",
        "def area(w, h):\n    return w + h\n",
        "area",
        [[3, 4], [5, 6], [1, 7]],
    ),
    (
        "output_formatting",
        "def yes(n):\n    return 'Yes' if n > 2 else 'No'\n",
        "def yes(n):\n    if n > 2:\n        return True\n    return False\n",
        "yes",
        [[1], [3], [8]],
    ),
    (
        "output_formatting",
        "def show(x):\n    return str(x)\n",
        "def show(x):\n    return repr(x)\n",
        "show",
        [["a"], ["bc"], ["d e"]],
    ),
    (
        "output_formatting",
        "def words(s):\n    return ' '.join(s.split())\n",
        "def words(s):\n    return ''.join(s.split())\n",
        "words",
        [["a b"], ["x  y z"], ["q r"]],
    ),
    (
        "output_formatting",
        "def double(x):\n    return 2 * x\n",
        "def double(x):\n    print(2 * x)\n",
        "double",
        [[1], [2], [5]],
    ),
    (
        "operation_misorder",
        "def running(xs):\n    out, s = [], 0\n    for x in xs:\n        s += x\n        out.append(s)\n"
        "    return out\n",
        "def running(xs):\n    out, s = [], 0\n    for x in xs:\n        out.append(s)\n        s += x\n    return out\n",
        "running",
        [[[1, 2, 3]], [[4]], [[1, 1]]],
    ),
    (
        "operation_misorder",
        "def total(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\n",
        "def total(xs):\n    for x in xs:\n        t += x\n    t = 0\n    return t\n",
        "total",
        [[[1, 2]], [[3]], [[4, 5]]],
    ),
    (
        "operation_misorder",
        "def power(b, e):\n    return pow(b, e)\n",
        "def power(b, e):\n    return pow(e, b)\n",
        "power",
        [[2, 3], [3, 2], [2, 5]],
    ),
    (
        "library_api_misuse",
        "def longest(xs):\n    return max(xs)\n",
        "def longest(xs):\n    return max(xs, key=len)\n",
        "longest",
        [[["b", "aa"]], [["zz", "yyy"]], [["c", "a"]]],
    ),
    (
        "library_api_misuse",
        "def words(s):\n    return s.split()\n",
        "def words(s):\n    return s.split(' ')\n",
        "words",
        [["a  b"], [" x y"], ["q"]],
    ),
    (
        "library_api_misuse",
        "import re\n\ndef has_digit(s):\n    return re.search('[0-9]', s) is not None\n",
        "import re\n\ndef has_digit(s):\n    return re.match('[0-9]', s) is not None\n",
        "has_digit",
        [["a1"], ["1a"], ["bb2"]],
    ),
    (
        "library_api_misuse",
        "from math import prod\n\ndef p(xs):\n    return prod(xs)\n",
        "def p(xs):\n    return prod(xs)\n",
        "p",
        [[[2, 3]], [[4]], [[1, 5]]],
    ),
    (
        "index_off",
        "def upto(n):\n    return list(range(n + 1))\n",
        "def upto(n):\n    return list(range(n))\n",
        "upto",
        [[2], [0], [4]],
    ),
    (
        "index_off",
        "def tail(xs):\n    return xs[1:]\n",
        "def tail(xs):\n    return xs[2:]\n",
        "tail",
        [[[1, 2, 3]], [[4, 5]], [[6, 7, 8, 9]]],
    ),
    (
        "index_off",
        "def nth(rows, n):\n    return [r[n] for r in rows]\n",
        "def nth(rows, n):\n    return [r[0] for r in rows]\n",
        "nth",
        [[[[1, 2], [3, 4]], 1], [[[5, 6, 7]], 2], [[[8, 9]], 0]],
    ),
    # the implicit start of range(n): a loop that should begin at 1
    (
        "index_off",
        "def prefixes(s):\n    return [s[:i] for i in range(1, len(s) + 1)]\n",
        "def prefixes(s):\n    return [s[:i] for i in range(len(s) + 1)]\n",
        "prefixes",
        [["ab"], ["xyz"], ["q"]],
    ),
    # a loop counter that is the right position but numbered from 0 where the task counts from 1
    (
        "index_off",
        "def tri(n):\n    out = [0] * n\n    for i in range(n):\n        out[i] = (i + 1) * (i + 2) // 2 if (i + 1) % 2 else -(i + 1)\n    return out\n",
        "def tri(n):\n    out = [0] * n\n    for i in range(n):\n        out[i] = i * (i + 1) // 2 if i % 2 else -i\n    return out\n",
        "tri",
        [[3], [5], [1], [6]],
    ),
    # a scan that stops at its first match, run from the wrong end (the last match was meant)
    (
        "operation_misorder",
        "def last_neg(xs):\n    for i in reversed(range(len(xs))):\n        if xs[i] < 0:\n            return i\n    return -1\n",
        "def last_neg(xs):\n    for i in range(len(xs)):\n        if xs[i] < 0:\n            return i\n    return -1\n",
        "last_neg",
        [[[1, -2, 3, -4]], [[-1, 5]], [[2]], [[-3, -3]]],
    ),
    # a module-qualified neighbour in code that never imported its module
    (
        "library_api_misuse",
        "import math\n\ndef up(xs):\n    return sum(math.ceil(x) ** 2 for x in xs)\n",
        "def up(xs):\n    return sum(int(x) ** 2 for x in xs)\n",
        "up",
        [[[1.2, 2.5]], [[0.5]], [[3.0, 1.1]]],
    ),
]


def _tests(executor, reference: str, entry: str, inputs: list) -> list[TestCase]:
    tests = [TestCase(id=str(i), args=encode(args), timeout_s=2.0) for i, args in enumerate(inputs)]
    ref = executor.run(
        Job(id="ref", kind="function", source=reference, entry_point=entry, tests=tests), Limits()
    )
    assert ref.passed, ref
    for t, r in zip(tests, ref.tests):
        t.expected = r.actual
    return tests


def _run(executor, source: str, entry: str, tests: list[TestCase]):
    return executor.run(
        Job(
            id="c",
            kind="function",
            source=source,
            entry_point=entry,
            tests=tests,
            meta={"equality": "python"},
        ),
        Limits(),
    )


def test_every_family_has_a_fixture() -> None:
    assert {f[0] for f in FIXTURES} == set(FAMILIES) == set(REPAIR_CODES)


@pytest.mark.parametrize(
    ("category", "reference", "mutant", "entry", "inputs"),
    FIXTURES,
    ids=[f"{f[0]}-{f[3]}-{i}" for i, f in enumerate(FIXTURES)],
)
def test_family_repairs_its_mutant(executor, category, reference, mutant, entry, inputs) -> None:
    tests = _tests(executor, reference, entry, inputs)
    result = _run(executor, mutant, entry, tests)
    assert not result.passed, "the fixture mutant must fail its tests"
    outcome = diagnose(mutant, tests, result, executor, call=entry, budget=RepairBudget(seconds=20.0))
    assert outcome.status == "repaired", outcome
    top = outcome.findings[0]
    assert (top.category, top.code, top.source) == (category, REPAIR_CODES[category], "repair"), (
        outcome.findings
    )
    assert top.confidence >= 0.5 and top.evidence["repair"].startswith("--- a/")
    assert top.location is not None and top.location.line >= 1


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{f[0]}-{f[3]}-{i}" for i, f in enumerate(FIXTURES)])
def test_correct_solution_is_never_repaired(executor, fixture) -> None:
    _, reference, _, entry, inputs = fixture
    tests = _tests(executor, reference, entry, inputs)
    result = _run(executor, reference, entry, tests)
    outcome = diagnose(reference, tests, result, executor, call=entry)
    assert outcome.findings == [] and outcome.status.startswith("skipped"), outcome


def test_correct_solution_reported_failing_is_never_repaired(executor) -> None:
    """A failure that does not reproduce in the repair job (a timeout under load, a flaky run)
    must not be "repaired" by an edit that changes nothing the tests see (here: deleting the
    unused `n = len(xs)`, flipping `> -100`, each of which passes as well as the original)."""
    src = (
        "def total(xs):\n    n = len(xs)\n    t = 0\n    for x in xs:\n        if x > -100:\n"
        "            t += x\n    return t\n"
    )
    tests = _tests(executor, src, "total", [[[1, 2]], [[3]], [[4, 5, 6]]])
    result = _run(executor, src, "total", tests)
    assert result.passed
    claimed = dataclasses.replace(
        result, tests=[dataclasses.replace(result.tests[0], status=TestStatus.FAILED), *result.tests[1:]]
    )
    assert candidates(src)  # there are edits it could wrongly credit
    outcome = diagnose(src, tests, claimed, executor, call="total")
    assert outcome.findings == [] and outcome.status == "skipped: the failure did not reproduce", outcome


def test_two_slips_are_repaired_by_a_pair(executor) -> None:
    """No single edit repairs two independent slips (a position returned one early, a scan from the
    wrong end): the edit that gets some failing tests passing seeds pairs, the pair that passes
    every test names both categories, at a confidence between a tie and a unique single edit."""
    ref = (
        "def last_drop(arr):\n    for i in reversed(range(1, len(arr))):\n        if arr[i] < arr[i-1]:\n"
        "            return i\n    return -1\n"
    )
    mutant = (
        "def last_drop(arr):\n    for i in range(1, len(arr)):\n        if arr[i] < arr[i-1]:\n"
        "            return i-1\n    return -1\n"
    )
    inputs = [[[1, 2, 4, 3, 5]], [[5, 4, 3]], [[1, 2, 3]], [[3, 1, 2, 0]], [[2, 1]], [[1, 3, 2, 4, 0]]]
    tests = _tests(executor, ref, "last_drop", inputs)
    result = _run(executor, mutant, "last_drop", tests)
    assert not result.passed
    single = diagnose(mutant, tests, result, executor, call="last_drop", budget=RepairBudget(pairs=0))
    assert single.status == "no repair", single
    outcome = diagnose(mutant, tests, result, executor, call="last_drop", budget=RepairBudget(seconds=20.0))
    assert outcome.status == "repaired", outcome
    assert {f.category for f in outcome.findings} == {"index_off", "operation_misorder"}
    assert all(f.confidence == 0.5 and f.evidence["from"] == "edit pair" for f in outcome.findings)
    # and the solution as it should be is not repaired, pairs or not
    ok = diagnose(ref, tests, _run(executor, ref, "last_drop", tests), executor, call="last_drop")
    assert ok.findings == [] and ok.status.startswith("skipped"), ok


def test_candidates_are_cheapest_first_and_compile() -> None:
    src = "def f(xs, n):\n    t = 0\n    for i in range(len(xs) - 1):\n        if xs[i] > n:\n            t += xs[i] * 2\n    print(t)\n"
    cands = candidates(src)
    costs = [c.edit.cost for c in cands]
    assert costs == sorted(costs) and len({c.code for c in cands}) == len(cands)  # no hints: cost order
    assert {c.edit.category for c in cands} == set(FAMILIES)
    for c in cands:
        compile(c.code, "<c>", "exec")


def test_pairs_come_after_every_single_edit_round_and_a_deadline_leaves_them_uncached(
    executor, tmp_path, monkeypatch
) -> None:
    """Under a time budget the pair round (the least often repairing step) is the one left out:
    the solution keeps its single-edit outcome, not cached, and a later run with time pairs it."""
    import itertools
    import types

    import codejudge.analyze.repair as repair_mod
    from codejudge.analyze.repair import RepairRequest, diagnose_many, job_limits

    ref = (
        "def last_drop(arr):\n    for i in reversed(range(1, len(arr))):\n        if arr[i] < arr[i-1]:\n"
        "            return i\n    return -1\n"
    )
    mutant = ref.replace("reversed(range(1, len(arr)))", "range(1, len(arr))").replace(
        "return i\n", "return i-1\n"
    )
    inputs = [[[1, 2, 4, 3, 5]], [[5, 4, 3]], [[1, 2, 3]], [[3, 1, 2, 0]], [[2, 1]], [[1, 3, 2, 4, 0]]]
    tests = _tests(executor, ref, "last_drop", inputs)
    req = RepairRequest("k", mutant, tests, _run(executor, mutant, "last_drop", tests), "last_drop")
    limits = job_limits(RepairBudget())

    def run(jobs):
        return [executor.run(j, limits) for j in jobs]

    clock = itertools.count(0, 10)  # every reading 10 s later: the single round "takes" 20 s
    monkeypatch.setattr(repair_mod, "time", types.SimpleNamespace(perf_counter=lambda: float(next(clock))))
    short = diagnose_many([req], run, cache_dir=tmp_path, deadline=30.0)["k"]
    assert short.status == "no repair" and short.findings == []
    monkeypatch.undo()
    full = diagnose_many([req], run, cache_dir=tmp_path)["k"]  # not served from the cache
    assert full.status == "repaired" and {f.category for f in full.findings} == {
        "index_off",
        "operation_misorder",
    }


def test_a_no_op_operator_settles_a_tie() -> None:
    """`xs[i * 1]` for `xs[i + 1]`: the index shift and `*` -> `+` repair it equally, but nobody
    writes `* 1` on purpose, so the operator edit names the mistake (math, unique confidence) and
    the shift is reported as a costlier alternative under the threshold."""
    from codejudge.analyze.repair import CONFIDENCE, RepairRequest, findings_for
    from codejudge.types import ExecResult

    src = "def f(xs, i):\n    return xs[i * 1]\n"
    cands = {c.edit.description: c for c in candidates(src)}
    both = [cands["`*` -> `+`"], cands["index `i * 1` + 1"]]
    assert both[0].rank == both[1].rank and both[0].edit.decisive and not both[1].edit.decisive
    req = RepairRequest("k", src, [], ExecResult("k", []), "f")
    by_cat = {f.category: f.confidence for f in findings_for(req, both, 2, 3)}
    assert by_cat == {"math_logic_error": CONFIDENCE["unique"], "index_off": CONFIDENCE["costlier"]}
    # without the no-op the same tie stays a tie
    plain = "def f(xs, i):\n    return xs[i * 2]\n"
    pc = {c.edit.description: c for c in candidates(plain)}
    tie = [pc["`*` -> `+`"], pc["index `i * 2` + 1"]]
    assert {f.confidence for f in findings_for(req, tie, 2, 3)} == {CONFIDENCE["tie"]}


def test_compiling_a_candidate_repair_prints_no_syntax_warning() -> None:
    import warnings

    from codejudge.analyze.repair.search import _compiles

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert _compiles("def f(x):\n    return x is 1\n")  # a SyntaxWarning in plain Python
    assert not [w for w in seen if issubclass(w.category, SyntaxWarning)]
