"""Candidate code runs as it would under a fresh ``python3`` in the sandbox: nothing of the
runner leaks into it. One test per leak class, on every real backend (the contract suite's
``executor`` fixture: bwrap, docker, local).

Each probe is a function job that returns what the candidate can observe; the reference for
"fresh interpreter" is a plain ``python3 -s -B probe.py`` started from inside the same sandbox.
"""

from __future__ import annotations

import pytest

from codejudge.sandbox.base import Job, Limits
from codejudge.types import TestCase, TestStatus
from codejudge.values import decode, encode
from tests.sandbox.test_contract import executor  # noqa: F401 - the shared backend fixture

LIMITS = Limits(timeout_s=5.0, memory_mb=512, nproc=32)

# Run by a fresh interpreter inside the sandbox; prints what the candidate below returns.
FRESH_PROBE = (
    "import sys\n"
    "print(repr({'modules': sorted(sys.modules), 'limit': sys.getrecursionlimit(),"
    " 'digits': sys.get_int_max_str_digits()}))\n"
)


def observe(executor, source: str, entry: str = "f", meta: dict | None = None, args: list | None = None):  # noqa: F811
    """Run ``entry(*args)`` once; return (status, decoded value or exception text)."""
    job = Job(
        id="probe",
        kind="function",
        source=source,
        entry_point=entry,
        tests=[TestCase(id="0", args=encode(args or []), expected=None, timeout_s=5.0)],
        meta=meta or {},
    )
    res = executor.run(job, LIMITS)
    t = res.tests[0]
    return t.status, (decode(t.actual) if t.status is TestStatus.PASSED else (t.exception or t.detail))


def fresh_interpreter(executor) -> dict:  # noqa: F811
    """What a fresh ``python3 -s -B probe.py`` sees, run from inside the sandbox."""
    src = (
        "import ast, os, subprocess, sys\n"
        "def f():\n"
        f"    open('probe.py', 'w').write({FRESH_PROBE!r})\n"
        "    out = subprocess.run([sys.executable, '-s', '-B', 'probe.py'], capture_output=True, text=True)\n"
        "    return out.stdout\n"
    )
    status, out = observe(executor, src)
    assert status is TestStatus.PASSED, out
    import ast

    return ast.literal_eval(out)


def test_no_future_flags_inherited(executor) -> None:  # noqa: F811
    # The runner has `from __future__ import annotations`; candidates must not get it, or an
    # annotation naming an unimported `List` loads instead of raising NameError (evalplus fails it).
    status, why = observe(executor, "def f(x: List[int]) -> int:\n    return 1\n", args=[[1]])
    assert status is TestStatus.ERROR and why == "NameError: name 'List' is not defined", why
    # ... whereas a candidate's own future import still works
    own = "from __future__ import annotations\ndef f(x: List[int]) -> int:\n    return 1\n"
    assert observe(executor, own, args=[[1]]) == (TestStatus.PASSED, 1)
    # and no flag reaches code the candidate compiles itself
    nested = "def f():\n    return compile('def g(x: Undefined): pass', 's', 'exec').co_flags & 0x1000000\n"
    assert observe(executor, nested) == (TestStatus.PASSED, 0)


def test_globals_hold_only_the_candidates_names(executor) -> None:  # noqa: F811
    src = "import math\nX = 1\ndef f():\n    import __main__\n    return sorted(globals()), __main__.__dict__ is globals()\n"
    module_dunders = ["__builtins__", "__doc__", "__loader__", "__name__", "__package__", "__spec__"]
    want = (sorted(module_dunders + ["X", "f", "math"]), True)  # a tuple crosses as a tuple
    assert observe(executor, src) == (TestStatus.PASSED, want)
    # a trusted adapter (output normalizer, argument converter) runs beside the module, not in it
    adapter = "def __wrap__():\n    return f()\n"
    assert observe(executor, src, entry="f", meta={"adapter": adapter, "call": "__wrap__"}) == (
        TestStatus.PASSED,
        want,
    )


def test_adapter_sees_only_the_entry_point(executor) -> None:  # noqa: F811
    # a candidate that shadows builtins must not break the trusted wrapper around it
    src = "def list(*a):\n    raise RuntimeError('shadowed')\ndef f():\n    return (1, 2)\n"
    adapter = "def __wrap__():\n    return list(f())\n"
    assert observe(executor, src, meta={"adapter": adapter, "call": "__wrap__"}) == (
        TestStatus.PASSED,
        [1, 2],
    )
    # a module without the entry point fails, as evalplus's exec_globals[entry_point] does
    status, why = observe(executor, "def g():\n    return 1\n", meta={"adapter": adapter, "call": "__wrap__"})
    assert status is TestStatus.ERROR and "NameError" in why


def test_sys_modules_as_in_a_fresh_interpreter(executor) -> None:  # noqa: F811
    fresh = fresh_interpreter(executor)
    src = "import sys\nSEEN = sorted(sys.modules)\ndef f():\n    return SEEN\n"
    status, seen = observe(executor, src)
    assert status is TestStatus.PASSED
    # the candidate's own module is registered (as `solution`, so pickle finds its functions)
    assert set(seen) - {"solution"} == set(fresh["modules"]), set(seen) ^ set(fresh["modules"])
    # the runner's helpers are gone and cannot be imported from its folder
    for name in ("values", "runner"):
        status, why = observe(executor, f"def f():\n    import {name}\n    return 1\n")
        assert status is TestStatus.ERROR and why.startswith("ModuleNotFoundError"), why


def test_interpreter_limits_as_in_a_fresh_interpreter(executor) -> None:  # noqa: F811
    fresh = fresh_interpreter(executor)
    src = (
        "import sys\n"
        "def f():\n"
        "    try:\n        str(10 ** 5000)\n        digits = 'lifted'\n"
        "    except ValueError:\n        digits = 'limited'\n"
        "    return sys.getrecursionlimit(), digits, sys.argv, [p for p in sys.path if p.startswith('/cj')]\n"
    )
    assert observe(executor, src) == (TestStatus.PASSED, (fresh["limit"], "limited", ["solution.py"], []))
    assert fresh["digits"] == 4300
    # the limit holds in the evaluation path too (its output normalizer used to lift it)
    from codejudge.evaluate.adapters import normalizer_source

    meta = {"adapter": normalizer_source("f"), "call": "__codejudge_plain__"}
    assert observe(executor, src, meta=meta)[1][1] == "limited"


def test_recursion_budget_of_a_plain_script(executor) -> None:  # noqa: F811
    # python3 solution.py calling a function from the module level can recurse ~998 deep
    src = "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n"
    assert observe(executor, src, args=[980]) == (TestStatus.PASSED, 980)
    status, why = observe(executor, src, args=[1100])
    assert status is TestStatus.ERROR and why.startswith("RecursionError"), why


def test_interpreter_state_does_not_carry_across_groups(executor) -> None:  # noqa: F811
    # evalplus runs base and plus in separate processes: what base's code did to the
    # interpreter (recursion limit, imports) is not there for plus
    src = (
        "import sys\n"
        "def f(raise_it):\n"
        "    seen = (sys.getrecursionlimit(), 'json' in sys.modules)\n"
        "    if raise_it:\n        import json\n        sys.setrecursionlimit(50000)\n"
        "    return seen\n"
    )
    tests = [
        TestCase(id=f"{g}/{i}", args=encode([True]), group=g) for g in ("base", "plus") for i in range(2)
    ]
    job = Job(
        id="groups",
        kind="function",
        source=src,
        entry_point="f",
        tests=tests,
        meta={"fresh_module_per_group": True},
    )
    got = [decode(t.actual) for t in executor.run(job, LIMITS).tests]
    assert got == [(1000, False), (50000, True), (1000, False), (50000, True)], got


@pytest.mark.parametrize("kind", ["stdio", "check"])
def test_other_kinds_compile_without_runner_flags(executor, kind: str) -> None:  # noqa: F811
    src = "def g(x: List[int]):\n    return 1\nprint('loaded')\n"
    if kind == "stdio":
        res = executor.run(
            Job(
                id="io",
                kind="stdio",
                source=src,
                tests=[TestCase(id="0", kind="stdio", stdin="", expected="loaded\n")],
            ),
            LIMITS,
        )
        assert res.tests[0].status is TestStatus.ERROR and "NameError" in res.tests[0].exception
    else:  # the trusted checker too: a check script is compiled as written
        script = "def check(candidate):\n    def h(x: Undefined):\n        pass\n"
        res = executor.run(
            Job(
                id="s",
                kind="script",
                source="def f(a):\n    return a\n",
                entry_point="f",
                tests=[TestCase(id="0", kind="script", script=script)],
            ),
            LIMITS,
        )
        assert not res.passed and "NameError" in (res.tests[0].exception or "")


def test_evalplus_harness_environment(executor) -> None:  # noqa: F811
    # Job.meta["harness"] = "evalplus" (the evaluation's default): the process evalplus 0.3.1
    # runs a sample in, as the code can tell; tests/evaluate/test_evalplus_harness.py checks the
    # verdicts against evalplus itself
    src = (
        "import builtins, os, sys\nfrom functools import lru_cache\n"
        "@lru_cache(maxsize=None)\ndef t(n):\n    return 0 if n == 0 else 1 + t(n - 1)\n"
        "def f():\n"
        "    seen = []\n"
        "    for read in (input, sys.stdin.read):\n"
        "        try:\n            read()\n            seen.append('read')\n"
        "        except BaseException as e:\n            seen.append(type(e).__name__)\n"
        "    try:\n        import resource\n        seen.append('resource')\n"
        "    except ImportError:\n        seen.append('no resource')\n"
        "    print('x' * 300_000)\n"
        "    sys.setrecursionlimit(10 ** 6)\n"
        "    seen += [t(50_000), hasattr(sys.stdout, 'buffer'), os.environ.get('OMP_NUM_THREADS'),\n"
        "             [name for name in ('exit', 'quit', 'open', 'help') if getattr(builtins, name) is None],\n"
        "             os.getcwd is None and os.remove is None]\n"
        "    return seen\n"
    )
    job = Job(
        id="probe",
        kind="function",
        source=src,
        entry_point="f",
        meta={"harness": "evalplus"},
        tests=[TestCase(id="0", args=[], expected=None, timeout_s=10.0)],
    )
    res = executor.run(job, Limits(timeout_s=10.0, memory_mb=2048, nproc=32))
    assert res.tests[0].status is TestStatus.PASSED, res.to_dict()
    assert decode(res.tests[0].actual) == [
        "OSError",
        "OSError",
        "no resource",
        50_000,
        False,
        "1",
        ["exit", "quit", "open", "help"],
        True,
    ]
