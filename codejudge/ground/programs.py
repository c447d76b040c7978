"""Derived tests for JavaScript, C++, Java, Go and Rust responses, through program jobs.

The Python path calls a response's function in the Python runner; the other
languages run as ``program`` jobs (``codejudge.sandbox.programs``): a small test
program calls the candidate once per input, at a ``@@cj_emit(id)@@`` marker, and
the language's runtime writes only the returned value on the nonce channel. The job
is compute-only (``Job.compute_only``): no expected value enters the sandbox,
the outputs come back tagged and every comparison happens in this process
(``codejudge.ground.arbitrate``), as for Python.

Each input is written as a literal of the type the response's own signature declares
(``codejudge.ground.typed``), falling back to the instruction's. An input the type
cannot hold is not run for that response (``not_run``), so it never breaks the
compile of the others. A program that does not compile is checked once more with a
trivial call: when that compiles, the literals were at fault (every input ``not_run``,
with a note); when it does not, the response itself does not compile and every input
is an ``error`` ("CompileError ...").

>>> p = program_plan("const add = (a, b) => a + b;", "js", ["add"], None)
>>> p.style, p.entry, p.params
('function', 'add', ['a', 'b'])
>>> call_expression(p, [[1, 2], "x"])
'add([1, 2], "x")'
"""

from __future__ import annotations

import re
from typing import Any

from codejudge.extract import assemble_program, fixups
from codejudge.ground.design import js_expression
from codejudge.ground.plan import Plan
from codejudge.ground.run import Outcome, Probe, died_at, outcomes
from codejudge.ground.run import run_probes as run_python_probes
from codejudge.ground.stdio_programs import run_stdin_probes, stdio_plan
from codejudge.ground.typed import Ty, TypedSig, Unrenderable, render, signatures
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.types import TestCase, TestStatus

_MAIN = {"main", "Main"}
_CPP_HEAD = (
    "#include <vector>\n#include <string>\n#include <map>\n#include <set>\n#include <utility>\n"
    "using namespace std;\n"
    "template <class T> T& cj_lv(T&& x) { return x; }  // a temporary as an lvalue, for `T&` parameters\n"
)
# An exception the response throws on purpose rejects the input (as Python's own `raise`): Java's and
# C++'s argument errors, a Go panic that is not a runtime error, a Rust panic with its own message.
# Rust's runtime reports its own failures as panics too (a debug build: overflow checks are on), and
# the runtime's record reads "panic: <message>" for Go and Rust alike: those messages are not deliberate.
_RUST_RUNTIME = (
    r"index out of bounds|attempt to|called `|capacity overflow|byte index|range (?:start |end )?index|"
    r"slice index|range end index"
)
_DELIBERATE = re.compile(
    r"IllegalArgument|IllegalState|UnsupportedOperation|InputMismatch|invalid_argument|"
    rf"domain_error|panic: (?!runtime error|{_RUST_RUNTIME})|"
    rf"panicked at '(?!{_RUST_RUNTIME})"
)


def _sig_types(sig: TypedSig, isig: TypedSig | None) -> TypedSig:
    """The response's signature, its missing types filled from the instruction's (same name and arity)."""
    if isig is None or isig.name != sig.name or len(isig.params) != len(sig.params):
        return sig
    types = [t if t is not None else it for t, it in zip(sig.types, isig.types)]
    ret = sig.ret if sig.ret is not None else isig.ret
    return TypedSig(sig.name, sig.params, types, ret, sig.is_static, sig.owner)


def program_plan(code: str, language: str, wanted: list[str], isig: TypedSig | None) -> Plan:
    """How to call ``code`` (a response in ``language``): the function the statement names, else the
    whole program when its ``main`` reads stdin (style "stdio"), else its only function that no
    other one calls."""
    sigs = [s for s in signatures(code, language) if s.name not in _MAIN]
    by_name: dict[str, TypedSig] = {}
    for s in sigs:
        by_name.setdefault(s.name, s)
    chosen, why = None, ""
    for name in wanted:
        if name in by_name:
            chosen, why = by_name[name], f"defines {name}(), which the statement names"
            break
    if chosen is None:
        lowered = {n.lower().replace("_", ""): n for n in by_name}
        for name in wanted:  # the statement's has_close_elements is the answer's hasCloseElements
            key = name.lower().replace("_", "")
            if key in lowered:
                chosen, why = (
                    by_name[lowered[key]],
                    f"defines {lowered[key]}(), the statement's {name}() by another case",
                )
                break
    if chosen is None and (whole := stdio_plan(code, language)) is not None:
        return whole  # its main reads stdin: the program itself is the answer (no function named)
    if chosen is None:
        roots = [s for s in by_name.values() if len(re.findall(rf"\b{re.escape(s.name)}\s*\(", code)) == 1]
        if len(roots) == 1:
            chosen, why = roots[0], f"{roots[0].name}() is its only function not used by another"
        elif len(by_name) == 1:
            chosen = next(iter(by_name.values()))
            why = f"{chosen.name}() is its only function"
    if chosen is None:
        return Plan(
            None,
            why=f"no entry point found (statement names: {', '.join(wanted) or 'none'}; functions "
            f"defined: {', '.join(sorted(by_name)) or 'none'})",
            language=language,
        )
    sig = _sig_types(chosen, isig)
    if language != "js" and any(t is None for t in sig.types):
        unread = [p for p, t in zip(sig.params, sig.types) if t is None]
        return Plan(
            None,
            chosen.name,
            sig.params,
            why=f"cannot write values of the type of {', '.join(unread)}",
            language=language,
            typed=sig,
        )
    hints = [t.hint() if t is not None else None for t in sig.types]
    ret = sig.ret.hint() if sig.ret is not None else None
    return Plan("function", chosen.name, sig.params, hints, ret, why, language=language, typed=sig)


def call_expression(plan: Plan, args: list[Any]) -> str:
    """The source of one call of the response with ``args`` (raises ``Unrenderable``)."""
    if plan.style == "design":  # a class driven by operations (``codejudge.ground.design``)
        return js_expression(plan.cls or "", args)
    sig: TypedSig = plan.typed
    # JavaScript leaves a trailing parameter the call omits undefined (`(numbers, int) =>` called as
    # the statement's `sumProduct([])`): fewer arguments is a valid call there, and only there
    if len(args) != len(sig.params) and not (plan.language == "js" and len(args) < len(sig.params)):
        raise Unrenderable(f"{len(args)} arguments for {len(sig.params)} parameters")
    lang = plan.language
    parts = [render(a, t, lang) for a, t in zip(args, sig.types)]
    if lang == "cpp":  # `vector<int>& nums` (LeetCode's style) binds no temporary: pass an lvalue
        parts = [f"cj_lv<{t.text}>({p})" if t is not None and t.ref else p for p, t in zip(parts, sig.types)]
    call = f"{plan.entry}({', '.join(parts)})"
    if lang == "java":
        return f"cjS.{call}"
    if sig.owner and lang == "cpp":
        return f"{sig.owner}().{call}"  # a member of LeetCode's `class Solution { public: ... }`
    if sig.owner and lang == "rust":
        return f"{sig.owner}::{call}"  # an associated function of `impl Solution { pub fn ... }`
    if lang == "go" and sig.ret is not None and sig.ret.kind == "tuple" and sig.ret.text.startswith("("):
        names = [f"cjR{k}" for k in range(len(sig.ret.args))]
        return (
            f"func() []interface{{}} {{ {', '.join(names)} := {call}; "
            f"return []interface{{}}{{{', '.join(names)}}} }}()"
        )
    return call


def derived_program(language: str, ids: list[str], helper: str = "") -> str:
    """A test program with one marker per input (the runtime evaluates the call there); ``helper``
    is source the calls may use (``codejudge.ground.timing``'s timer), placed where the language
    allows a definition."""
    marks = [f"@@cj_emit({i})@@" for i in ids]
    if language == "js":
        return helper + "(() => {\n" + "".join(f"  {m};\n" for m in marks) + "})();\n"
    if language == "cpp":
        return (
            _CPP_HEAD
            + helper
            + "int main() {\n"
            + "".join(f"    {m};\n" for m in marks)
            + "    return 0;\n}\n"
        )
    if language == "java":
        return (
            "import java.util.*;\nimport java.lang.*;\n\npublic class Main {\n"
            + helper
            + "    public static void main(String[] args) {\n        Solution cjS = new Solution();\n"
            + "".join(f"        {m};\n" for m in marks)
            + "    }\n}\n"
        )
    if language == "go":
        imports = '(\n\t"runtime"\n\t"syscall"\n\t"testing"\n\t"time"\n)' if helper else '"testing"'
        return (
            f"package main\n\nimport {imports}\n{helper}\nfunc TestCjDerived(t *testing.T) {{\n"
            + "".join(f"    {m}\n" for m in marks)
            + "}\n"
        )
    if language == "rust":
        return (
            "#[cfg(test)]\nmod tests {\n    use super::*;\n"
            + helper
            + "\n    #[test]\n    fn cj_derived() {\n"
            + "".join(f"        {m};\n" for m in marks)
            + "    }\n}\n"
        )
    raise Unrenderable(f"no test program for {language}")


def program_job(
    job_id: str, code: str, plan: Plan, calls: dict[str, str], timeout_s: float, helper: str = ""
) -> Job:
    """The compute-only program job calling ``code`` with each of ``calls`` (id -> expression)."""
    tests = [
        TestCase(id=i, kind="call", script=expr, expected=None, timeout_s=timeout_s)
        for i, expr in calls.items()
    ]
    program = derived_program(plan.language, list(calls), helper)
    # the answer's own main (an example run) goes, its entry point ends up in class Solution (Java)
    code = fixups.strip_main(code, plan.language, plan.entry)[
        0
    ]  # the harness brings its own (Go: cj_main.go)
    source = assemble_program(code, plan.language, program, "", entry_point=plan.entry).solution
    return Job(
        id=job_id,
        kind="program",
        language=plan.language,
        source=source,
        tests=tests,
        entry_point=plan.entry,
        test_program=program,
        compute_only=True,
    )


def _compile_error(results: list[Any]) -> str | None:
    if results and all(
        r.status is TestStatus.ERROR and (r.exception or "").startswith("CompileError") for r in results
    ):
        return results[0].exception
    return None


def run_program_probes(
    executor: Executor,
    code: str,
    plan: Plan,
    probes: list[Probe],
    timeout_s: float,
    job_timeout_s: float,
    job_id: str,
    notes: list[str] | None = None,
    restarts: int = 2,
) -> list[Outcome]:
    """Outcomes of ``probes`` for one response in a program language."""
    calls: dict[str, str] = {}
    for p in probes:
        try:
            calls[p.id] = call_expression(plan, list(p.args or []))
        except (Unrenderable, RecursionError):
            continue
    if not calls:
        return [Outcome("not_run") for _ in probes]
    limits = Limits(timeout_s=timeout_s, job_timeout_s=job_timeout_s)
    result = executor.run(program_job(job_id, code, plan, calls, timeout_s), limits)
    error = _compile_error(result.tests)
    if error is not None:
        # Our literals, or the response? A trivial call of a constant tells them apart.
        trivial = executor.run(program_job(job_id + "-check", code, plan, {"c0": "0"}, timeout_s), limits)
        if _compile_error(trivial.tests) is None:
            if notes is not None:
                notes.append(
                    f"{plan.entry}: generated inputs not run, their literals did not compile ({error[:120]})"
                )
            return [Outcome("not_run") for _ in probes]
        return [
            Outcome("error", exception=error[:300]) if p.id in calls else Outcome("not_run") for p in probes
        ]
    outs = outcomes(probes, result, lambda tr: bool(_DELIBERATE.search(tr.exception or "")), "wall clock")
    # One process runs every input: one that kills it (a stack overflow, a loop) leaves the inputs
    # after it unrun, not crashed. They run again without it (twice at most), else stay unknown.
    k = died_at(outs)
    if k is not None:
        rest = [p for p in probes[k + 1 :] if p.id in calls]
        if restarts > 0 and rest:
            again = run_program_probes(
                executor, code, plan, rest, timeout_s, job_timeout_s, f"{job_id}-r", None, restarts - 1
            )
            by_id = dict(zip((p.id for p in rest), again))
            outs[k + 1 :] = [by_id.get(p.id, Outcome("not_run")) for p in probes[k + 1 :]]
        else:
            outs[k + 1 :] = [Outcome("not_run") for _ in probes[k + 1 :]]
    return outs


def run_probes(
    executor: Executor,
    code: str,
    plan: Plan,
    probes: list[Probe],
    timeout_s: float = 2.0,
    job_timeout_s: float = 40.0,
    seed: int = 0,
    job_id: str = "derived",
    notes: list[str] | None = None,
) -> list[Outcome]:
    """``codejudge.ground.run.run_probes`` for a response in any language (``plan.language``)."""
    if plan.language == "python":
        return run_python_probes(executor, code, plan, probes, timeout_s, job_timeout_s, seed, job_id)
    if not probes or not plan.runnable:
        return [Outcome("not_run") for _ in probes]
    if plan.style == "stdio":
        return run_stdin_probes(executor, code, plan, probes, timeout_s, job_timeout_s, job_id)
    return run_program_probes(executor, code, plan, probes, timeout_s, job_timeout_s, job_id, notes)


def instruction_typed_signature(instruction: str, language: str, names: list[str]) -> TypedSig | None:
    """The signature the instruction writes for one of ``names`` (else its first one), or None."""
    sigs = signatures(instruction, language)
    for n in names:
        for s in sigs:
            if s.name == n:
                return s
    return sigs[0] if sigs else None


__all__ = [
    "call_expression",
    "instruction_typed_signature",
    "program_plan",
    "run_probes",
    "run_program_probes",
    "derived_program",
    "program_job",
    "Ty",
]
