"""The grounding stage: find tests for responses that came without any.

Reads top to bottom:

1. mine the instruction's examples (``codejudge.ground.mine``);
2. decide how to call each response (``codejudge.ground.plan``);
3. bind the examples to each response's parameters; generate more inputs by
   type-aware mutation of the examples (``codejudge.ground.generate``); ask
   the LLM for tests when one is given (``codejudge.ground.llm_tests``);
4. run every response (and the reference) on all of them in the sandbox, one
   compute-only job per response (``codejudge.ground.run``);
5. in this process, from outputs only: statement tests pass or fail, the
   reference's outputs become expected values, and the rest is arbitrated
   into property and differential tests (``codejudge.ground.arbitrate``), plus
   property tests from claims the instruction states about every output
   (``codejudge.ground.stated``: sorted output, inverse of a given encoder).

A derivation that fails (nothing to mine, no entry point, an example that does
not parse) never raises: it leaves a note and fewer tests, and the judge falls
back to the next evidence.

>>> from codejudge.sandbox import get_executor                               # doctest: +SKIP
>>> g = ground(get_executor("bwrap"), ">>> add(1, 2)\\n3", ["def add(a, b): return a + b",
...                                                       "def add(a, b): return a * b"])  # doctest: +SKIP
>>> decide(g, 0, 1)[:2]                                                      # doctest: +SKIP
(0, 'statement')
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from codejudge.ground.arbitrate import classify, family, hint_families
from codejudge.ground.clauses import Clause, clauses
from codejudge.ground.constraints import Bounds, consistent_bounds, stated_bounds, violates
from codejudge.ground.derived import SOURCES, DerivedTest, Grounding, decide
from codejudge.ground.design import design_inputs, design_plan
from codejudge.ground.domain import (
    Domain,
    agreeing,
    below_domain,
    consistent,
    excluded_values,
    ruled_out,
    stated_domains,
)
from codejudge.ground.generate import Generated, generate, ladder, stdin_inputs, stdin_ladder
from codejudge.ground.literals import pairs_as_map
from codejudge.ground.mine import NO_VALUE, Example, Mined, mine
from codejudge.ground.plan import Plan, Signature, instruction_signature, is_builtin, plan_for
from codejudge.ground.programs import instruction_typed_signature, program_plan, run_probes
from codejudge.ground.run import Outcome, Probe, encodable
from codejudge.ground.shown import shown_calls
from codejudge.ground.stated import stated_tests
from codejudge.ground.typed import LANGUAGES as PROGRAM_LANGUAGES
from codejudge.ground.typed import go_chars
from codejudge.ground.values import matches, short
from codejudge.languages import language_or_none
from codejudge.sandbox.base import Executor
from codejudge.sandbox.compare import stdout_matches
from codejudge.types import TestCase
from codejudge.values import encode


@dataclass
class GroundConfig:
    """Knobs of the grounding stage (``sources`` = which evidence it may derive)."""

    sources: tuple[str, ...] = SOURCES
    inputs: int = 40  # generated inputs per problem, before the size ladder and edge cases
    timeout_s: float = 2.0  # per input
    job_timeout_s: float = 20.0  # per response and job: a response that hangs on every input costs this much
    lazy: bool = True  # two responses, no reference: skip generated inputs when the examples already decide
    determinism: int = 12  # generated inputs rerun under a second hash seed (0: no check)
    ladder: tuple[int, ...] = (10, 100)  # efficiency: collection growth factors (Python: traced steps)
    program_ladder: tuple[int, ...] = (10, 100, 1000)  # the same for timed program answers (cheap to run)
    stdin_ladder: tuple[int, ...] = (2_000, 20_000)  # stdin programs: samples grown to ~these many numbers
    llm_tests: int = 10  # tests asked of the LLM per problem
    seed: int = 0


@dataclass
class _Bound:
    """A statement example bound to a response (or the canonical parameter order)."""

    example: Example
    args: list[Any] | None = None  # function/method style
    stdin: str | None = None  # stdio style
    stdout: str | None = None


def _wanted(mined: Mined, sig: Signature | None) -> list[str]:
    calls = Counter(e.call for e in mined.examples if e.call and not is_builtin(e.call))
    names = [n for n, _ in calls.most_common()]
    for n in ([sig.name] if sig else []) + mined.names:
        if n not in names and not is_builtin(n):
            names.append(n)
    return names


def _kwarg_names(mined: Mined) -> list[str]:
    names: list[str] = []
    for e in mined.examples:
        for k in e.kwargs:
            if k not in names:
                names.append(k)
    return names


_CALLED = ("function", "method", "design")  # styles called with arguments (not stdin programs)


def _named_inputs(mined: Mined) -> list[str]:
    """The names the examples give every input, when all of them name all inputs alike, else []."""
    named = [tuple(e.kwargs) for e in mined.examples if e.kwargs and not e.args]
    if not named or len(set(named)) != 1 or any(e.args and e.kwargs for e in mined.examples):
        return []
    return list(named[0])


def _describe(plan: Plan) -> str:
    if not plan.runnable:
        return f"not run: {plan.why}"
    if plan.style == "stdio":
        return "a program reading standard input"
    if plan.style == "design":
        return f"class {plan.cls} driven by the example's operations - {plan.why}"
    call = f"{plan.cls}().{plan.entry}" if plan.style == "method" else plan.entry
    return f"{call}({', '.join(plan.params)}) - {plan.why}"


def _bind(e: Example, plan: Plan, canon: list[str], entries: set[str]) -> _Bound | None:
    """The example as this response's input, or None when it does not apply to it."""
    if plan.style == "stdio":
        return _Bound(e, stdin=e.stdin, stdout=e.stdout) if e.stdin is not None else None
    if e.is_stdio and e.raw_input is None:
        return None
    if e.call is not None and e.call not in entries:
        return None
    args = list(e.args)
    if e.kwargs:
        # the answer's own names first: `twoSum(self, target, nums)` takes "nums = [2,7], target = 9"
        # by name, whatever the order the other answer or the statement uses
        own = plan.params if set(e.kwargs) <= set(plan.params[len(args) :]) else []
        names = own or canon or plan.params
        if set(e.kwargs) <= set(names[len(args) :]):
            rest = [n for n in names[len(args) :] if n in e.kwargs]
            if len(rest) != len(e.kwargs) or names[len(args) : len(args) + len(rest)] != rest:
                return None  # a gap in the parameters: cannot call positionally
            args += [e.kwargs[n] for n in rest]
        elif not plan.params or len(e.kwargs) + len(args) == len(plan.params):
            args += list(e.kwargs.values())  # names differ from the response's: statement order
        else:
            return None
    return _Bound(e, args=args) if encodable(args) else None


def _permute(args: list[Any], canon: list[str], plan: Plan) -> list[Any]:
    """Canonical positional args -> this response's parameter order (same names, other order)."""
    if (
        canon
        and len(plan.params) >= len(canon)
        and set(plan.params[: len(canon)]) == set(canon)
        and plan.params[: len(canon)] != canon
    ):
        by_name = dict(zip(canon, args))
        return [by_name[n] for n in plan.params[: len(canon)]]
    return args


def _call_text(entry: str, args: list[Any]) -> str:
    inner = ", ".join(short(a, 60) for a in args)
    return f"{entry}({inner})" if len(inner) < 200 else f"{entry}({inner[:197]}...)"


def _common_view(examples: list[Example]) -> tuple[Any, ...]:
    """The order-insensitive wrapper every example uses (``set(f(x)) == ...``), else ()."""
    views = {e.view for e in examples if e.expected is not NO_VALUE}
    if len(views) == 1:
        (view,) = views
        if view and view[0] in ("set", "frozenset", "sorted") or (view and isinstance(view[0], tuple)):
            return view
    return ()


def _families(sig: Signature | None, bound: list[_Bound]) -> set[str] | None:
    if sig and sig.returns:
        fam = hint_families(sig.returns)
        if fam:
            return fam
    values = [b.example.expected for b in bound if b.example.expected is not NO_VALUE and not b.example.view]
    return {family(v) for v in values} if len(values) >= 2 else None


def ground(
    executor: Executor,
    instruction: str,
    codes: list[str],
    reference: str | None = None,
    language: str = "python",
    llm: Any = None,
    efficiency: bool = False,
    config: GroundConfig | None = None,
    shown: list[str] | None = None,
) -> Grounding:
    """Derive tests for ``codes`` (extracted code, not markdown) and run them; never raises on odd input.
    ``shown``: the responses as written (markdown), whose example calls seed the generated inputs
    when the instruction shows no example (``codejudge.ground.shown``)."""
    cfg = config or GroundConfig()
    t0 = time.perf_counter()
    g = Grounding(codes=list(codes))
    language = language_or_none(language) or language  # "JavaScript", "c++" -> js, cpp
    if language != "python" and language not in PROGRAM_LANGUAGES:
        g.notes.append(f"no derived tests: {language} responses are not run by the grounding stage")
        return g
    mined = mine(instruction, language)
    if language != "python":  # `(10, 24)` shown for a vector/list/array: no value crosses back as a tuple
        mined.examples = [replace(e, expected=_listify(e.expected)) for e in mined.examples]
    g.notes += [f"statement: {s}" for s in mined.skipped[:5]]
    isig = None
    if language == "python":
        sig = instruction_signature(instruction)
    else:  # a typed signature in the language's syntax (`int f(vector<int> xs)`, `func F(xs []int) int`)
        called = [e.call for e in mined.examples if e.call] + mined.names
        isig = instruction_typed_signature(instruction, language, called)
        if isig is not None and isig.ret is not None and isig.ret.kind == "map":
            # C++ writes a map as its pairs (`{{"a", 1}, {"b", 1}}`): read for a map return type, a dict
            mined.examples = [replace(e, expected=pairs_as_map(e.expected)) for e in mined.examples]
        if language == "go" and isig is not None and isig.ret is not None:
            # a Go rune/byte is a number: its value crosses back as one ('a' -> 97)
            ret = isig.ret
            mined.examples = [replace(e, expected=go_chars(e.expected, ret)) for e in mined.examples]
        sig = (
            Signature(
                isig.name,
                isig.params,
                [t.hint() if t else None for t in isig.types],
                isig.ret.hint() if isig.ret else None,
            )
            if isig
            else None
        )
    wanted, kw_names = _wanted(mined, sig), _kwarg_names(mined)
    stdio_examples = any(e.is_stdio and e.raw_input is None for e in mined.examples)
    designed = next((e.call for e in mined.examples if e.pattern == "design" and e.call), None)

    def planned(code: str) -> Plan:
        if designed and (p := design_plan(code, language, designed)) is not None:
            return p  # a class driven by the example's operations (LeetCode's design problems)
        if language == "python":
            return plan_for(code, wanted, kw_names, stdio_examples)
        return program_plan(code, language, wanted, isig)

    plans = {i: planned(c) for i, c in enumerate(codes)}
    g.plans = {i: _describe(p) for i, p in plans.items()}
    ref_plan = planned(reference) if reference else None
    if reference and ref_plan is not None and not ref_plan.runnable:
        g.notes.append(f"reference not used: {ref_plan.why}")
    runnable = [i for i, p in plans.items() if p.runnable]
    if not runnable:
        g.notes.append("no response could be run: " + "; ".join(sorted({p.why for p in plans.values()})))
        return g
    if not mined.examples:
        g.notes.append("the instruction shows no example to test against")

    # -- canonical parameters and the statement's examples ------------------------------------
    fn_plans = {i: p for i, p in plans.items() if p.style in _CALLED}
    first = next(iter(fn_plans.values()), None)
    design = any(p.style == "design" for p in fn_plans.values())
    if design:
        sig = None  # "LRUCache(int capacity)" in the prose is the constructor, not the driver's signature
    canon = sig.params if sig else (first.params if first else [])
    named = _named_inputs(mined)
    if not sig and named and set(named) != set(canon[: len(named)]) and len(named) == len(canon):
        # the examples name every input ("nums = [2,7], target = 9") and the first answer calls them
        # otherwise: inputs go in the statement's order, and an answer using its names gets them by name
        canon = named
    entries = {p.entry for p in fn_plans.values() if p.entry} | ({sig.name} if sig else set())
    unknown = {e.call for e in mined.examples if e.call and e.call not in entries and not is_builtin(e.call)}
    if len(unknown) == 1 and fn_plans:  # the statement calls the function by another name
        entries |= unknown
        g.notes.append(f"examples call {unknown.pop()}(), bound to the responses' entry point")
    canon_bound = [b for e in mined.examples if first is not None and (b := _bind(e, first, canon, entries))]
    view = _common_view(mined.examples)
    families = _families(sig, canon_bound)
    seeds = [b.args for b in canon_bound if b.args is not None]
    arity = Counter(len(s) for s in seeds).most_common(1)[0][0] if seeds else len(canon)
    seeds = [s for s in seeds if len(s) == arity]
    hints = (
        list(sig.annotations)
        if sig
        else (
            list(first.annotations)
            if first and all(p.annotations == first.annotations for p in fn_plans.values())
            else []
        )
    )

    # the types and bounds the prose states ("a positive integer n"): inputs where neither examples
    # nor hints give any, and which inputs are valid
    lows: list[int | None] = []
    bounds: list[Bounds | None] = []
    typed_from_prose = False
    domains: list[Domain | None] = []
    if canon and not design:
        # a program's signature already types it: the prose adds the bound, where both name one type
        domains = stated_domains(instruction, canon)
        if language != "python":
            domains = agreeing(domains, hints)
        lows = consistent([d.lo if d else None for d in domains], seeds)
        bounds = consistent_bounds(stated_bounds(instruction, canon), seeds)
        lows = _with_bounds(lows, bounds, g.notes)
        if not seeds and not (len(hints) >= len(canon) and all(hints[: len(canon)])) and any(domains):
            filled = [h or (d.hint if d else None) for h, d in zip(hints or [None] * len(canon), domains)]
            if all(filled):
                hints = filled
                typed_from_prose = True
                g.notes.append(
                    "inputs generated from the types the instruction states: "
                    + ", ".join(f"{n} ({d.phrase})" for n, d in zip(canon, domains) if d)
                )

    # one parameter with a stated domain: its ordinary inputs are valid ones. With more, a relation
    # the prose states apart ("1 <= k <= len(arr)", HumanEvalPack's Rust/122) may rule them out.
    stated_all = len(domains) == 1 and domains[0] is not None

    # checkable clauses of the prose ("Return None if the list is empty"); the return type only
    # from the instruction, so no response decides which clauses are kept
    read: list[Clause] = []
    if "statement" in cfg.sources and fn_plans and not design:
        read = clauses(instruction, language, canon, hints, sig.returns if sig else None, seeds)

    # -- generated inputs (and the LLM's) -------------------------------------------------------
    rng_seed = int(hashlib.sha256(instruction.encode()).hexdigest()[:8], 16) ^ cfg.seed
    want_generated = bool({"differential", "property", "reference"} & set(cfg.sources))
    generated: list[Generated] = []
    from_answers = (
        _answer_seeds(shown, entries, canon, language, g.notes)
        if want_generated and fn_plans and shown and not seeds and not any(hints) and not design
        else []
    )
    if want_generated and fn_plans and (seeds or any(hints) or from_answers):
        try:
            generated = (
                design_inputs(seeds, n=cfg.inputs // 2, seed=rng_seed)  # the example's operations
                if design
                else [
                    x
                    for x in generate(seeds or from_answers, hints, n=cfg.inputs, seed=rng_seed, lows=lows)
                    if encodable(x.args)
                ]
            )
            if (
                from_answers
            ):  # the instruction does not vouch for these inputs: edge, and a crash never decides
                generated = [
                    Generated(list(a), "a call a response shows", True) for a in from_answers if encodable(a)
                ] + generated
                for x in generated:
                    x.origin, x.edge = x.origin.replace("example", "a response's example call"), True
            generated = _drop_ruled_out(generated, instruction, g.notes, lows, bounds, canon)
        except Exception as exc:  # noqa: BLE001 - a generator bug costs these inputs, never the verdict
            g.notes.append(
                f"no inputs generated: the generator failed ({type(exc).__name__}: {str(exc)[:80]})"
            )
    elif want_generated and fn_plans:
        g.notes.append("no inputs generated: no example and no type hints to build them from")
    programs: list[Generated] = []  # stdin for programs, like the statement's samples
    if want_generated and any(p.style == "stdio" for p in plans.values()):
        samples = [e.stdin for e in mined.examples if e.stdin is not None]
        programs = stdin_inputs(samples, n=cfg.inputs // 2, seed=rng_seed)
    g.inputs_run = len(generated) + len(programs)

    # -- run: the examples first, then (if they do not decide) everything else ------------------
    entry_name = (sig.name if sig else None) or (first.entry if first else "f") or "f"
    results: dict[int, dict[str, Outcome]] = {}
    reruns: dict[int, dict[str, Outcome]] = {}
    bound_by: dict[int, list[_Bound]] = {}
    everyone: dict[int, tuple[str, Plan]] = {i: (codes[i], plans[i]) for i in runnable}
    if reference and ref_plan is not None and ref_plan.runnable and "reference" in cfg.sources:
        everyone[-1] = (reference, ref_plan)
    for i, (code, plan) in everyone.items():  # phase 1: the instruction's examples
        bound_by[i] = [b for e in mined.examples if (b := _bind(e, plan, canon, entries))]
        probes = [Probe(f"s{k}", args=b.args, stdin=b.stdin) for k, b in enumerate(bound_by[i])]
        if plan.style in ("function", "method"):
            probes += [Probe(f"c{k}", args=_permute(c.args, canon, plan)) for k, c in enumerate(read)]
        res = run_probes(
            executor,
            code,
            plan,
            probes,
            cfg.timeout_s,
            cfg.job_timeout_s,
            job_id=f"ground-{i}",
            notes=g.notes,
        )
        results[i] = dict(zip((p.id for p in probes), res))
    if "statement" in cfg.sources:
        broken = {i: p.why for i, p in plans.items() if not p.runnable}
        g.tests += _statement_tests(mined.examples, bound_by, results, runnable, entry_name, broken)
        g.tests += _clause_tests(read, results, runnable, entry_name, broken)
    if cfg.lazy and -1 not in everyone and len(codes) == 2 and decide(g, 0, 1, sources=("statement",)):
        g.notes.append("generated inputs not run: the instruction's examples already separate the responses")
        g.inputs_run = 0
        g.seconds = time.perf_counter() - t0
        return g
    llm_cases: list[tuple[list[Any], Any]] = []
    if llm is not None and "llm" in cfg.sources and first is not None and first.entry and not design:
        from codejudge.ground.llm_tests import ask_llm_tests

        llm_cases, why = ask_llm_tests(
            llm, instruction, sig.name if sig else first.entry, canon, arity, cfg.llm_tests
        )
        if why:
            g.notes.append(why)
    for i, (code, plan) in everyone.items():  # phase 2: generated, program and LLM-written inputs
        if plan.style == "stdio":
            probes = [Probe(f"p{k}", stdin=x.args[0]) for k, x in enumerate(programs)]
        else:
            probes = [Probe(f"g{k}", args=_permute(x.args, canon, plan)) for k, x in enumerate(generated)]
            probes += [Probe(f"l{k}", args=_permute(a, canon, plan)) for k, (a, _) in enumerate(llm_cases)]
        res = run_probes(
            executor,
            code,
            plan,
            probes,
            cfg.timeout_s,
            cfg.job_timeout_s,
            job_id=f"ground-{i}-gen",
            notes=g.notes,
        )
        results[i].update(zip((p.id for p in probes), res))
        reruns[i] = {}
        if cfg.determinism and "property" in cfg.sources:
            # Python: a second hash seed; program answers: the same job once more (the build is
            # cached: the same probes, so the same program), where Go's map order, an unseeded
            # random or an address can differ
            again = [p for p in probes if p.id[0] in "gp" and results[i][p.id].ok][: cfg.determinism]
            if plan.language != "python" and again:
                again = probes
            for p, o in zip(
                again,
                run_probes(
                    executor,
                    code,
                    plan,
                    again,
                    cfg.timeout_s,
                    cfg.job_timeout_s,
                    seed=1,
                    job_id=f"ground-{i}-seed1",
                ),
            ):
                if p.id[0] in "gp" and results[i][p.id].ok:
                    reruns[i][p.id] = o

    # -- generated inputs: reference, property, differential ----------------------------------
    ref = results.get(-1)
    groups = [
        (generated, "g", [i for i in runnable if plans[i].style in _CALLED]),
        (programs, "p", [i for i in runnable if plans[i].style == "stdio"]),
    ]
    for inputs, prefix, members in groups:
        for k, x in enumerate(inputs):
            pid = f"{prefix}{k}"
            outs = {i: _normal(results[i][pid], prefix) for i in members if pid in results[i]}
            seed1 = {i: _normal(reruns[i][pid], prefix) for i in members if pid in reruns.get(i, {})}
            as_text = (
                _call_text(entry_name, x.args) if prefix == "g" else "stdin " + short(x.args[0].strip(), 60)
            )
            ref_out = _normal(ref[pid], prefix) if ref is not None and pid in ref else None
            if outs:
                kept = classify(
                    as_text,
                    x.origin,
                    x.edge,
                    outs,
                    seed1,
                    view if prefix == "g" else (),
                    families if prefix == "g" else None,
                    reference=ref_out,
                    id_prefix=pid,
                    sources=tuple(cfg.sources),
                )
                if prefix == "g" and not seeds and not typed_from_prose and not stated_all:
                    # No example and no stated domain shows the problem's range (inputs from the
                    # types alone: Rust's prompts): a crash may only mean the input was invalid (`k`
                    # past the list's end), so it decides only where the answers agree elsewhere.
                    # Where the prose states the one parameter's domain ("Given a positive integer
                    # n"), an ordinary input of it is valid: a crash there decides (edge ones stay weak).
                    for t in kept:
                        t.weak = t.weak or t.source == "property"
                if prefix == "g" and from_answers:
                    kept = _unvouched(kept)
                if language != "python":
                    kept = [_second_run(t) for t in kept]
                g.tests += kept
    # -- properties the instruction states (sorted output, inverse of a given encoder) ---------
    if "property" in cfg.sources and generated:  # outputs decode to Python values in every language
        fn_runs = {i: (codes[i], plans[i]) for i in runnable if plans[i].style in ("function", "method")}
        stated, stated_notes = stated_tests(
            executor,
            instruction,
            mined.examples,
            entry_name,
            generated,
            results,
            fn_runs,
            cfg.timeout_s,
            cfg.job_timeout_s,
            language,
            sig.returns if sig else None,
            permute=lambda args, plan: _permute(args, canon, plan),
        )
        g.tests += stated
        g.notes += stated_notes
    # -- LLM-written tests ---------------------------------------------------------------------
    if llm_cases:
        from codejudge.ground.llm_tests import llm_derived_tests

        fn_idx = [i for i in runnable if plans[i].style in ("function", "method")]
        g.tests += llm_derived_tests(llm_cases, {i: results[i] for i in fn_idx}, entry_name, view)
    # -- efficiency: a size ladder to measure cost on -----------------------------------------
    if efficiency and fn_plans and not design and (seeds or any(hints) or from_answers):
        # Python: bytecode steps (codejudge.judge.cost); other languages: CPU time per call in a
        # timed program job (codejudge.ground.timing), measured only if no test separates them.
        # The rungs grow the examples (or the calls the responses show).
        factors = cfg.ladder if language == "python" else cfg.program_ladder
        rungs = [
            x
            for x in ladder(seeds or from_answers, hints, factors, seed=rng_seed, lows=lows)
            if encodable(x.args) and not violates(x.args, bounds)  # larger than the statement allows
        ]
        g.cost_sizes = [x.size for x in rungs]
        for i, fp in fn_plans.items():
            g.cost_inputs[i] = [_permute(x.args, canon, fp) for x in rungs]
            if language == "python":
                g.cost_plans[i] = (fp.source(codes[i]), fp.job_entry or "")
            else:
                g.cost_programs[i] = fp
    stdio_runs = {i: p for i, p in plans.items() if p.style == "stdio" and p.runnable}
    if efficiency and stdio_runs and language != "python":
        # whole programs: CPU time of whole runs, start-up subtracted (codejudge.ground.stdio_timing)
        samples = [e.stdin for e in mined.examples if e.stdin is not None]
        grown = stdin_ladder(samples, cfg.stdin_ladder, rng_seed)
        bases = [k for k, x in enumerate(grown) if "base" in x.origin]
        g.cost_stdin = [(x.args[0], x.size, max(b for b in bases if b <= k)) for k, x in enumerate(grown)]
        g.cost_programs.update(stdio_runs)
    g.seconds = time.perf_counter() - t0
    return g


def _second_run(t: DerivedTest) -> DerivedTest:
    """A program answer's rerun is the same program run again, not another hash seed: say so."""
    if t.prop and "hash seed" in t.prop:
        t.prop = "non-deterministic (differs between two runs of the same program)"
        t.shown = {i: s.replace("with another hash seed", "in a second run") for i, s in t.shown.items()}
    return t


def _unvouched(kept: list[DerivedTest]) -> list[DerivedTest]:
    """Tests on an input built from a call a response shows: a crash, a wrong type or a flaky output
    there may only mean the input is invalid (a response picked it, the instruction shows none: a
    length argument mutated apart from its list), so it shows as a disagreement and never decides."""
    if not any(t.source == "property" for t in kept):
        return kept
    rest = [t for t in kept if t.source != "property"]
    if any(t.source == "differential" for t in rest):
        return rest
    first = next(t for t in kept if t.source == "property")
    return [
        *rest,
        DerivedTest(
            first.id.rsplit("-", 1)[0] + "-diff",
            "differential",
            first.input,
            first.origin,
            shown=first.shown,
            edge=True,
        ),
    ]


def _answer_seeds(
    shown: list[str], entries: set[str], canon: list[str], language: str, notes: list[str]
) -> list[list[Any]]:
    """Arguments of the calls the responses show (their example usage), as seeds where the
    instruction gives neither an example nor types; only calls with the expected arity."""
    calls = shown_calls(shown, {e for e in entries if e}, language)
    arity = len(canon) if canon else (Counter(len(a) for a, _ in calls).most_common(1)[0][0] if calls else 0)
    seeds = [a for a, _ in calls if len(a) == arity]
    if seeds:
        notes.append(
            f"inputs generated from {len(seeds)} call(s) the responses show in their example usage "
            "(the instruction shows none: a crash on them does not decide)"
        )
    return seeds


def _with_bounds(lows: list[int | None], bounds: list[Bounds | None], notes: list[str]) -> list[int | None]:
    """The least values the constraint lines state, where the prose's words state none: a negative
    one makes negative inputs ordinary ("-10^9 <= nums[i] <= 10^9")."""
    if not any(bounds):
        return lows
    notes.append(
        "inputs kept within the statement's constraints: " + "; ".join(b.phrase for b in bounds if b)
    )
    lows = lows or [None] * len(bounds)
    return [lo if lo is not None or b is None else b.lo for lo, b in zip(lows, bounds)]


def _drop_ruled_out(
    generated: list[Generated],
    instruction: str,
    notes: list[str],
    lows: list[int | None] | None = None,
    bounds: list[Bounds | None] | None = None,
    names: list[str] | None = None,
) -> list[Generated]:
    """Edge inputs the instruction rules out ("non-empty", "do not have zero", a number below the
    stated "positive") are not valid inputs; nor is any input outside a constraint line's bounds."""
    excluded = excluded_values(instruction)
    if not excluded and not any(lo is not None for lo in lows or []) and not any(bounds or []):
        return generated
    kept, dropped = [], Counter[str]()
    for x in generated:
        why = violates(x.args, bounds or [], names)
        if why is None and x.edge:
            why = ruled_out(x.args, excluded) or below_domain(x.args, lows or [])
        if why:
            dropped[why] += 1
        else:
            kept.append(x)
    for why, n in dropped.items():
        notes.append(f"{n} edge input(s) not run: the instruction rules them out ('{why}')")
    return kept


def _listify(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_listify(v) for v in value]
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    return value


def _normal(o: Outcome, prefix: str) -> Outcome:
    """Program output compared as text with whitespace runs collapsed (as the stdio comparator does)."""
    if prefix == "p" and o.ok and isinstance(o.value, str):
        return replace(o, value=" ".join(o.value.split()))
    return o


def _statement_tests(
    examples: list[Example],
    bound_by: dict[int, list[_Bound]],
    results: dict[int, dict[str, Outcome]],
    runnable: list[int],
    entry: str,
    broken: dict[int, str],
) -> list[DerivedTest]:
    """Each example checked against each response; a response that cannot be run at all (no
    parse, no function the statement names) fails every example another response could run."""
    tests: dict[int, DerivedTest] = {}
    for i in runnable:
        for k, b in enumerate(bound_by.get(i, [])):
            e = b.example
            if e.expected is NO_VALUE and b.stdout is None:
                continue
            o = results[i].get(f"s{k}")
            if o is None:
                continue
            key = id(e)
            if key not in tests:
                shown_in = (
                    _call_text(entry, b.args)
                    if b.args is not None
                    else "stdin " + short((b.stdin or "").strip(), 60)
                )
                first_line = e.text.strip().splitlines()[0] if e.text.strip() else ""
                expected = e.expected if b.stdout is None else b.stdout
                tests[key] = DerivedTest(
                    f"s{len(tests)}",
                    "statement",
                    shown_in,
                    f"line {e.line}: {first_line[:80]}",
                    expected=expected,
                )
            t = tests[key]
            if b.stdout is not None:
                ok = o.ok and isinstance(o.value, str) and stdout_matches(b.stdout, o.value, "default", 0.0)
            else:
                ok = o.ok and matches(e.expected, o.value, e.view, e.atol)
            t.passed[i] = ok
            t.shown[i] = o.describe() if o.status != "ok" or not ok else "returned the expected value"
    for t in tests.values():
        for i, why in broken.items():
            t.passed[i], t.shown[i] = False, f"cannot be run: {why}"
    return list(tests.values())


def _clause_tests(
    read: list[Clause],
    results: dict[int, dict[str, Outcome]],
    runnable: list[int],
    entry: str,
    broken: dict[int, str],
) -> list[DerivedTest]:
    """Each clause of the prose checked against each function-style response."""
    tests = []
    for k, c in enumerate(read):
        t = DerivedTest(
            f"c{k}",
            "statement",
            _call_text(entry, c.args),
            f"clause {c.rule!r} of the instruction: {c.quote!r}",
            expected=c.expected,
            clause=c.rule,
        )
        for i in runnable:
            o = results[i].get(f"c{k}")
            if o is None or o.status == "not_run":
                continue
            t.passed[i] = o.ok and matches(c.expected, o.value)
            t.shown[i] = o.describe() if not t.passed[i] else "returned the expected value"
        if t.passed:
            for i, why in broken.items():
                t.passed[i], t.shown[i] = False, f"cannot be run: {why}"
            tests.append(t)
    return tests


def problem_tests(
    executor: Executor,
    instruction: str,
    reference: str | None = None,
    entry_point: str | None = None,
    config: GroundConfig | None = None,
) -> tuple[list[TestCase], list[str]]:
    """Function tests with expected values for a problem that has none (``codejudge data synthesize``).

    The statement's examples and the checkable clauses of its prose ("Return None if
    the list is empty"; with a reference: only those it passes, an example the
    reference fails is likely wrong) and the reference's outputs on inputs generated
    from the examples, the type hints or the types and bounds the prose states ("a
    positive integer n"). Returns ``(tests, notes)``; no tests when nothing could be derived.

    >>> problem_tests(get_executor("bwrap"), ">>> inc(1)\\n2", "def inc(x): return x + 1")  # doctest: +SKIP
    ([TestCase(id='statement-0', args=[1], expected=2, ...), ...], [])
    """
    cfg = config or GroundConfig()
    mined = mine(instruction)
    sig = instruction_signature(instruction)
    wanted = ([entry_point] if entry_point else []) + _wanted(mined, sig)
    notes = [f"statement: {s}" for s in mined.skipped[:5]]
    plan = plan_for(reference, wanted, _kwarg_names(mined)) if reference else None
    if plan is not None and plan.style not in ("function", "method"):
        return [], notes + [f"no test derived: the reference cannot be called ({plan.why or 'a program'})"]
    canon = sig.params if sig else (plan.params if plan else [])
    entries = set(wanted) | ({plan.entry} if plan and plan.entry else set())
    stub = plan or Plan("function", entry_point or (sig.name if sig else None), canon)
    bound = [
        b
        for e in mined.examples
        if (b := _bind(e, stub, canon, entries))
        and b.args is not None
        and e.expected is not NO_VALUE
        and not e.view
        and "statement" in cfg.sources
    ]
    every = [_bind(e, stub, canon, entries) for e in mined.examples]
    seeds = [b.args for b in every if b is not None and b.args]
    hints = list(sig.annotations) if sig else (list(plan.annotations) if plan else [])
    # the prose's types and bounds ("a positive integer n") and checkable clauses ("Return None if
    # the list is empty"), read as the judge reads them, so synthesized labels rest on the same evidence
    bounds: list[Bounds | None] = []
    lows: list[int | None] = []
    if canon:
        domains = stated_domains(instruction, canon)
        lows = consistent([d.lo if d else None for d in domains], seeds)  # as ground() reads them
        bounds = consistent_bounds(stated_bounds(instruction, canon), seeds)
        lows = _with_bounds(lows, bounds, notes)
        if not seeds and not (len(hints) >= len(canon) and all(hints[: len(canon)])) and any(domains):
            filled = [h or (d.hint if d else None) for h, d in zip(hints or [None] * len(canon), domains)]
            if all(filled):
                hints = filled
                notes.append("inputs generated from the types the instruction states")
    read = (
        clauses(instruction, "python", canon, hints, sig.returns if sig else None, seeds)
        if "statement" in cfg.sources
        else []
    )
    if plan is None or reference is None:
        tests = [
            TestCase(
                id=f"statement-{k}",
                args=encode(b.args),
                expected=encode(b.example.expected),
                atol=b.example.atol,
                group="statement",
            )
            for k, b in enumerate(bound)
        ]
        tests += [
            TestCase(id=f"clause-{k}", args=encode(c.args), expected=encode(c.expected), group="statement")
            for k, c in enumerate(read)
            if encodable(c.args) and encodable([c.expected])
        ]
        return tests, notes + ([] if tests else ["no test derived: no usable example and no reference"])
    rng_seed = int(hashlib.sha256(instruction.encode()).hexdigest()[:8], 16) ^ cfg.seed
    generated = (
        [
            x
            for x in generate(seeds, hints, n=cfg.inputs, seed=rng_seed, lows=lows)
            if encodable(x.args) and not violates(x.args, bounds)
        ]
        if "reference" in cfg.sources and (seeds or any(hints))
        else []
    )
    probes = [Probe(f"s{k}", args=b.args) for k, b in enumerate(bound)]
    probes += [Probe(f"c{k}", args=_permute(c.args, canon, plan)) for k, c in enumerate(read)]
    probes += [Probe(f"g{k}", args=x.args) for k, x in enumerate(generated) if not x.edge]
    outs = run_probes(executor, reference, plan, probes, cfg.timeout_s, cfg.job_timeout_s, job_id="reference")
    tests = []
    for probe, o in zip(probes, outs):
        if probe.id.startswith(("s", "c")):
            # the instruction's own words, kept where the reference agrees (else the reading is wrong)
            if probe.id.startswith("s"):
                b = bound[int(probe.id[1:])]
                expected, atol, where = (
                    b.example.expected,
                    b.example.atol,
                    f"example on line {b.example.line}",
                )
            else:
                c = read[int(probe.id[1:])]
                expected, atol, where = c.expected, 0.0, f"clause {c.quote!r}"
            if not (o.ok and matches(expected, o.value, (), atol)):
                notes.append(f"{where} dropped: the reference {o.describe()}")
                continue
            tests.append(
                TestCase(
                    id=("statement-" if probe.id[0] == "s" else "clause-") + probe.id[1:],
                    args=encode(probe.args or []),
                    expected=encode(expected),
                    atol=atol,
                    group="statement",
                )
            )
        elif o.ok and encodable([o.value]):
            tests.append(
                TestCase(
                    id=f"reference-{probe.id[1:]}",
                    args=encode(probe.args or []),
                    expected=encode(o.value),
                    group="reference",
                )
            )
    return tests, notes


__all__ = ["GroundConfig", "Grounding", "ground", "problem_tests"]
