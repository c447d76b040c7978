"""Script tests (HumanEval ``check(candidate)``, MBPP assert lines) without trusting the sandbox.

Two paths, both deciding the verdict outside the candidate's process:

1. **Conversion.** A script made only of asserts like ``candidate(<literals>) ==
   <literal>``, ``abs(candidate(...) - y) < tol`` or ``math.isclose(candidate(...), y)``
   becomes function tests: arguments and expected values are evaluated here with
   ``ast.literal_eval`` only, the candidate returns outputs, ``compare`` decides.
2. **Relay (record and replay).** Anything else runs the *trusted* script in a
   separate sandbox process (the checker) where ``candidate`` is a proxy. When
   the checker calls it with arguments whose result is unknown, it stops and
   reports them; the parent runs the candidate on them in its own sandbox and
   reruns the checker with the answers memoized, until the checker finishes.
   The candidate never shares a process with the checker. Limits: arguments and
   results must be plain data; the candidate's in-place mutation of arguments
   is not seen by the checker; calls are answered from a memo (same arguments,
   same answer); at most ``MAX_ROUNDS`` sequential unknown calls per script.

>>> tests, ok = convert("def check(candidate):\\n    assert candidate(1, 2) == 3\\n", "add")
>>> ok, tests[0].args, tests[0].expected
(True, [1, 2], 3)
"""

from __future__ import annotations

import ast
import json
from typing import Any

from codejudge.sandbox import protocol
from codejudge.sandbox.base import SEMANTIC_KEYS, Job, Limits
from codejudge.types import ExecResult, TestCase, TestResult, TestStatus
from codejudge.values import NotPlainData, encode

MAX_ROUNDS = 200
_ORDER = [
    TestStatus.FLAKY,
    TestStatus.OUTPUT_LIMIT,
    TestStatus.MEMORY,
    TestStatus.TIMEOUT,
    TestStatus.CRASHED,
    TestStatus.ERROR,
    TestStatus.FAILED,
    TestStatus.SKIPPED,
]


def _call_args(node: ast.AST, names: set[str]) -> list | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in names
        and not node.keywords
    ):
        try:
            return [ast.literal_eval(a) for a in node.args]
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
    return None


def _literal(node: ast.AST) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def abs_difference_bound(
    op: ast.cmpop, left: ast.expr, right: ast.expr
) -> tuple[ast.expr, ast.expr, ast.expr] | None:
    """``(call, expected, tolerance)`` nodes of ``abs(call - expected) < tolerance`` (or ``<=``).

    Shared with the test miner (codejudge.ground.mine), which reads the same form in prose.
    """
    if (
        isinstance(op, (ast.Lt, ast.LtE))
        and isinstance(left, ast.Call)
        and isinstance(left.func, ast.Name)
        and left.func.id == "abs"
        and len(left.args) == 1
        and isinstance(left.args[0], ast.BinOp)
        and isinstance(left.args[0].op, ast.Sub)
    ):
        return left.args[0].left, left.args[0].right, right
    return None


def _one(stmt: ast.stmt, names: set[str]) -> tuple[list, Any, float] | None | bool:
    """(args, expected, atol) for a convertible assert; True for a no-op; None otherwise."""
    if isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
        return True
    if not isinstance(stmt, ast.Assert):
        return None
    test = stmt.test
    if isinstance(test, ast.Constant) and test.value is True:
        return True
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, ast.Eq):
            for call, other in ((left, right), (right, left)):
                args = _call_args(call, names)
                ok, expected = _literal(other)
                if args is not None and ok:
                    return args, expected, 0.0
        # abs(candidate(...) - y) < tol   /  <= tol
        bound = abs_difference_bound(op, left, right)
        if bound is not None:
            args = _call_args(bound[0], names)
            ok_e, expected = _literal(bound[1])
            ok_t, tol = _literal(bound[2])
            if args is not None and ok_e and ok_t and type(tol) in (int, float) and tol > 0:
                return args, expected, float(tol)
    # math.isclose(candidate(...), y, rel_tol=.., abs_tol=..): approximated by atol = max(abs_tol, rel_tol*|y|)
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr == "isclose"
        and isinstance(test.func.value, ast.Name)
        and test.func.value.id == "math"
        and len(test.args) == 2
    ):
        args = _call_args(test.args[0], names)
        ok, expected = _literal(test.args[1])
        kw = {k.arg: _literal(k.value) for k in test.keywords}
        if args is not None and ok and type(expected) in (int, float) and all(v[0] for v in kw.values()):
            rel = float(kw.get("rel_tol", (True, 1e-9))[1])
            atol = max(float(kw.get("abs_tol", (True, 0.0))[1]), rel * abs(expected))
            return args, expected, atol or 1e-12
    return None


def convert(script: str, entry_point: str | None) -> tuple[list[TestCase], bool]:
    """Function tests equivalent to ``script``; ``ok`` is False when some part is not convertible."""
    try:
        tree = ast.parse(script)
    except SyntaxError:
        return [], False
    names = {"candidate"} | ({entry_point} if entry_point else set())
    body: list[ast.stmt] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "check":
            names.add(stmt.args.args[0].arg if stmt.args.args else "candidate")
            body.extend(stmt.body)
        elif (
            isinstance(stmt, ast.Assign)
            and all(isinstance(t, ast.Name) and t.id == "METADATA" for t in stmt.targets)
            or isinstance(stmt, (ast.Import, ast.ImportFrom))
            and all(a.name in ("math",) for a in stmt.names)
        ):
            continue
        else:
            body.append(stmt)
    tests: list[TestCase] = []
    for stmt in body:
        got = _one(stmt, names)
        if got is None:
            return [], False
        if got is True or got is False:
            continue
        args, expected, atol = got
        try:
            tests.append(
                TestCase(id=str(len(tests)), args=encode(args), expected=encode(expected), atol=atol)
            )
        except NotPlainData:
            return [], False
    return tests, True


def _worst(results: list[TestResult]) -> TestResult | None:
    for status in _ORDER:
        for r in results:
            if r.status is status:
                return r
    return None


def _run_converted(
    job: Job, test: TestCase, subtests: list[TestCase], limits: Limits, exec_one, backend: str
) -> TestResult:
    for s in subtests:
        s.timeout_s = test.timeout_s
    fjob = Job(
        id=job.id,
        kind="function",
        source=job.source,
        entry_point=job.entry_point,
        tests=subtests,
        seeds=job.seeds,
        stop_on_first_failure=True,
        meta=dict(job.meta),
        **{**{k: getattr(job, k) for k in SEMANTIC_KEYS}, "equality": "exact"},
    )
    res = protocol.run_runner_job(fjob, limits, exec_one, backend)
    bad = _worst(res.tests)
    out = TestResult(
        id=test.id,
        status=TestStatus.PASSED,
        group=test.group,
        duration_s=sum(r.duration_s for r in res.tests),
    )
    if bad is not None:
        out.status, out.exception, out.exc_line = bad.status, bad.exception, bad.exc_line
        out.exc_in_library, out.actual, out.expected = bad.exc_in_library, bad.actual, bad.expected
        out.detail = f"assert #{bad.id}: {bad.detail}".rstrip(": ")
    return out


def _relay(job: Job, tests: list[TestCase], limits: Limits, exec_one, backend: str) -> list[TestResult]:
    memo: dict[str, dict] = {}
    final: dict[str, TestResult] = {}
    pending = list(tests)
    seed = job.seeds[0]
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        cjob = Job(id=job.id, kind="check", source="", entry_point=job.entry_point, tests=pending)
        memo_list = [[json.loads(k), v] for k, v in memo.items()]
        stdin = protocol.build_input(cjob, limits, seed, memo=memo_list, prelude=job.check_prelude)
        raw = exec_one(stdin, protocol.job_timeout(cjob, limits), seed)
        results, _, _, records = protocol.parse_one(cjob, limits, raw)
        needs = {r["id"]: r["need"] for r in records if "need" in r and type(r.get("id")) is str}
        calls: dict[str, Any] = {}
        for t, r in zip(pending, results):
            if t.id in needs and type(needs[t.id]) is list:
                for args in needs[t.id]:
                    calls.setdefault(json.dumps(args, sort_keys=True), args)
            else:
                if r.status is TestStatus.ERROR and (r.exception or "").startswith("AssertionError"):
                    r.status = TestStatus.FAILED
                final[t.id] = r
        if not calls:
            break
        keys = list(calls)
        cand = Job(
            id=job.id,
            kind="function",
            source=job.source,
            entry_point=job.entry_point,
            seeds=job.seeds,
            tests=[
                TestCase(id=str(i), args=calls[k], expected=None, timeout_s=pending[0].timeout_s)
                for i, k in enumerate(keys)
            ],
            harness=job.harness,
        )  # the candidate's environment
        cres = protocol.run_runner_job(cand, limits, exec_one, backend)
        still = []
        for t in pending:
            if t.id not in needs:
                continue
            bad = None
            for args in needs[t.id]:
                k = json.dumps(args, sort_keys=True)
                r = cres.tests[keys.index(k)]
                if r.status is TestStatus.PASSED:
                    memo[k] = {"value": r.actual}
                elif r.status is TestStatus.ERROR:
                    etype, _, msg = (r.exception or "Exception: ").partition(": ")
                    memo[k] = {"type": etype, "message": msg}
                else:  # the candidate timed out, crashed, ... on a call the checker made
                    bad = TestResult(
                        id=t.id, status=r.status, detail=f"candidate call: {r.detail}", group=t.group
                    )
            if bad is not None:
                final[t.id] = bad
            else:
                still.append(t)
        pending = still
    for t in tests:
        if t.id not in final:
            final[t.id] = TestResult(
                id=t.id,
                status=TestStatus.CRASHED,
                group=t.group,
                detail=f"checker needed more than {MAX_ROUNDS} candidate calls",
            )
    return [final[t.id] for t in tests]


def run_script_job(job: Job, limits: Limits, exec_one, backend: str) -> ExecResult:
    """Run a ``kind="script"`` job: convert what can be converted, relay the rest."""
    results: dict[str, TestResult] = {}
    residual: list[TestCase] = []
    for test in job.tests:
        subtests, ok = convert(test.script or "", job.entry_point)
        if ok and subtests:
            results[test.id] = _run_converted(job, test, subtests, limits, exec_one, backend)
        else:
            residual.append(test)
    if residual:
        for r in _relay(job, residual, limits, exec_one, backend):
            results[r.id] = r
    return ExecResult(
        job_id=job.id,
        tests=[results[t.id] for t in job.tests],
        backend=backend,
        duration_s=sum(r.duration_s for r in results.values()),
    )
