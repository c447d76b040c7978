"""Execution-labelled judge pairs from any problem set with tests and a reference.

For each problem: the reference, real LLM samples and (when the analyzer is
installed) mutants of the reference are run in the sandbox. A response that
passes every test is *better* than one that does not; that label comes from
execution, never from a model. Each failing response is paired with the
passing response closest to it in length (length-matched pairs), and the pair
is *easy* when the worse response passes fewer than half of the tests, *hard*
otherwise (near misses: these go to DPO).

>>> pairs = synthesize(problems, samples, get_executor("bwrap"))    # doctest: +SKIP
>>> pairs[0].evidence_worse["tests"]                                 # doctest: +SKIP
'2/7 passed'
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from codejudge.data.pairs import JudgePair
from codejudge.errors import InputError
from codejudge.ground.derive import problem_tests
from codejudge.jsonl import iter_jsonl
from codejudge.judge.evidence import fill_expected, gather, pass_counts, summary
from codejudge.sandbox.base import Executor
from codejudge.types import Candidate, Problem, TestCase

log = logging.getLogger(__name__)


def load_samples(
    path: str | Path, skip_bad: bool = False, bad: list[str] | None = None
) -> dict[str, list[Candidate]]:
    """Candidates per problem id from an evalplus ``*.eval_results.json`` or a JSONL file.

    JSONL rows need ``problem_id`` (or ``task_id``) and ``code`` (or ``solution``).
    """
    path = Path(path)
    out: dict[str, list[Candidate]] = {}
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            evals = data["eval"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(
                f"not an evalplus eval_results file ({exc})",
                path=path,
                fix="pass a *.eval_results.json with an 'eval' mapping, or a JSONL file",
            ) from None
        for task_id, rows in evals.items():
            for i, r in enumerate(rows):
                out.setdefault(task_id, []).append(
                    Candidate(task_id, r["solution"], origin=path.stem, index=i)
                )
        return out
    for lineno, row in iter_jsonl(path, skip_bad=skip_bad, bad=bad):
        pid, code = row.get("problem_id", row.get("task_id")), row.get("code", row.get("solution"))
        if not isinstance(pid, str) or not isinstance(code, str):
            err = InputError(
                "needs string fields problem_id (or task_id) and code (or solution)",
                path=path,
                line=lineno,
                field="problem_id" if not isinstance(pid, str) else "code",
            )
            if not skip_bad:
                raise err
            if bad is not None:
                bad.append(str(err))
            continue
        out.setdefault(pid, []).append(
            Candidate(pid, code, origin=str(row.get("origin", path.stem)), index=lineno)
        )
    return out


def _mutants(reference: str, entry_point: str | None, limit: int, seed: int) -> list[Candidate]:
    try:
        from codejudge.analyze.mutate import mutants
    except ImportError:  # analyzer not installed in this build: samples only
        return []
    out = []
    for i, m in enumerate(mutants(reference, entry_point=entry_point, seed=seed)):
        if i >= limit:
            break
        out.append(Candidate("", m.code, origin=f"mutant:{m.operator}", index=i))
    return out


def _pick_tests(problem: Problem, max_tests: int) -> list[TestCase]:
    # Base tests first: they are the ones a human wrote; plus tests add many near-duplicates.
    tests = sorted(problem.tests, key=lambda t: t.group != "base")
    return [t for t in tests if t.kind == tests[0].kind][:max_tests] if tests else []


def problem_pairs(
    problem: Problem,
    candidates: Iterable[Candidate],
    executor: Executor,
    *,
    max_tests: int = 20,
    max_pairs: int = 4,
    mutants: int = 8,
    seed: int = 0,
) -> list[JudgePair]:
    """Pairs for one problem (see the module docstring)."""
    tests = _pick_tests(problem, max_tests)
    derived = False
    if not tests and problem.language == "python":
        # No tests shipped with the problem: derive them (the statement's examples, the reference's
        # outputs on generated inputs), as the judge does for rows without tests.
        found, notes = problem_tests(executor, problem.prompt, problem.reference, problem.entry_point)
        tests, derived = found[:max_tests], True
        for note in notes:
            log.info("%s: %s", problem.id, note)
    if not tests:
        return []
    pool: list[Candidate] = []
    if problem.reference:
        if not derived:
            tests, _ = fill_expected(
                executor, problem.reference, tests, problem.entry_point, problem.language
            )
        if not tests:
            return []
        pool.append(Candidate(problem.id, problem.reference, origin="reference"))
        pool += _mutants(problem.reference, problem.entry_point, mutants, seed)
    pool += list(candidates)
    seen: dict[str, tuple[Candidate, dict[str, Any], float]] = {}
    for c in pool:
        if c.code in seen:
            continue
        ev = gather(executor, c.code, tests, problem.entry_point, problem.language)
        counts = pass_counts(ev) or (0, 1)
        seen[c.code] = (c, summary(ev), counts[0] / max(counts[1], 1))
    good = [v for v in seen.values() if v[2] == 1.0]
    bad = sorted((v for v in seen.values() if v[2] < 1.0), key=lambda v: (-v[2], v[0].origin, v[0].index))
    pairs: list[JudgePair] = []
    for c, facts, frac in bad[:max_pairs]:
        if not good:
            break
        best = min(good, key=lambda g: abs(len(g[0].code) - len(c.code)))  # length-matched
        pairs.append(
            JudgePair(
                id=f"{problem.id}#{len(pairs)}",
                instruction=problem.prompt,
                better=best[0].code,
                worse=c.code,
                evidence_better=best[1],
                evidence_worse=facts,
                source=f"{problem.source or 'problems'}/{c.origin}",
                difficulty="hard" if frac >= 0.5 else "easy",
                group=problem.id,
            )
        )
    return pairs


def synthesize(
    problems: Iterable[Problem],
    samples: dict[str, list[Candidate]],
    executor: Executor,
    progress: bool = False,
    **options: int,
) -> list[JudgePair]:
    """Pairs for every problem; ``options`` go to ``problem_pairs``."""
    from tqdm import tqdm

    problems = list(problems)
    pairs: list[JudgePair] = []
    for p in tqdm(problems, desc="synthesize", disable=not progress):
        pairs += problem_pairs(p, samples.get(p.id, []), executor, **options)
    log.info("%d pairs from %d problems", len(pairs), len(problems))
    return pairs
