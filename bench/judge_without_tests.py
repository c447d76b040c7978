"""The grounded judge on pairs that come *without tests*, as users bring them.

    python bench/judge_without_tests.py                       # all sets, no LLM
    python bench/judge_without_tests.py --sets humaneval --limit 20
    python bench/judge_without_tests.py --sets humanevalpack-all --limit 40   # JS, C++, Java, Go, Rust
    python bench/judge_without_tests.py --sets humanevalpack-all --split odd  # development tasks only

Pair sets (ground truth from execution the judge never sees):

- ``humaneval`` / ``mbpp``: real LLM samples from ``../shared/data/evalplus_samples``
  paired as in ``bench/judge_evalplus_samples.py`` (a sample that passes the
  HumanEval+/MBPP+ base and plus tests against one that fails the plus tests);
  the instruction is the task's prompt text (HumanEval: the stub wrapped in a
  "complete this function" request; MBPP: the docstring's sentence and its one
  assert), the tests are dropped, and each solution is wrapped in prose like a
  chat answer (several phrasings, chosen by a hash of the pair id);
- ``humanevalpack``: HumanEvalPack Python, canonical vs buggy solution, the
  natural-language ``instruction`` field as the instruction, no tests;
- ``humanevalpack-js`` / ``-cpp`` / ``-java`` / ``-go`` / ``-rust`` (``humanevalpack-all``
  for the five): the same in the other languages, each answer wrapped in the prose
  and formatting chat models write (``codejudge.evaluate.prose_pairs``, as
  ``bench/judge_prose_pairs.py``: unfenced code after an explanation, several
  blocks, an example ``main``, a Java class variant), tests and entry point dropped,
  the row's ``language`` kept (a user names the language of their pairs);
- ``mbpp-bare``: the ``mbpp`` pairs as requests without examples (the assert taken out of
  the instruction; each answer shows one example call, with no output);
- ``humaneval-canonical`` / ``mbpp-canonical`` (larger, optional): the dataset's
  canonical solution against every sample that fails the plus tests.

Split: HumanEval and HumanEvalPack were used while developing the grounding
stage; MBPP was held out and only run for the report. Some real samples are
empty (the sanitizer found no code): those pairs are also reported apart
(``both have code`` / ``one answer empty``).

Every pair is judged in both orders with the default grounded judge (no LLM,
bwrap). Reported per set: accuracy (ties 0.5), tie rate, accuracy when
decided, time per pair, what decided the verdicts, and an ablation: the same
derived tests re-decided with one evidence source left out (``--ablation``).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codejudge.evaluate.meta_formats import Pair
from codejudge.evaluate.meta_run import evaluate_judge
from codejudge.evaluate.pairs import evalplus_sample_pairs, humanevalpack_pairs, read_eval_results
from codejudge.ground.derive import GroundConfig
from codejudge.ground.derived import RANKED, decide
from codejudge.judge.grounded import GroundedJudge, PairItem
from codejudge.problems import load
from codejudge.sandbox import get_executor

DATASETS = {
    "humaneval": ("humanevalplus", "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz"),
    "mbpp": ("mbppplus", "mbppplus/MbppPlus-v0.2.0.jsonl.gz"),
}
PACK_LANGUAGES = ("js", "cpp", "java", "go", "rust")
ROLE = {
    "humaneval": "dev",
    "humanevalpack": "dev",
    **{f"humanevalpack-{lang}": "dev" for lang in PACK_LANGUAGES},
    "mbpp": "held-out",
    "humaneval-canonical": "dev",
    "mbpp-canonical": "held-out",
    "mbpp-bare": "held-out",
}

_OPENERS = [
    "Here is a solution:",
    "Sure! You can do it like this:",
    "This should work:",
    "Here's how I would implement it.",
    "One way to solve this:",
]
_CLOSERS = [
    "",
    "The function handles the cases described in the problem.",
    "Let me know if you need anything else!",
    "It runs in linear time for typical inputs.",
    "I tested it on the examples above.",
]


def chat_answer(code: str, key: str) -> str:
    """Code wrapped in prose, as a chat model answers (the judge must extract it)."""
    h = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    body = code.strip()
    if body.startswith("```"):
        body = body.strip("`").split("\n", 1)[1] if "\n" in body else body
        body = body.rsplit("```", 1)[0].strip()
    return f"{_OPENERS[h % 5]}\n\n```python\n{body}\n```\n\n{_CLOSERS[(h // 5) % 5]}".strip()


def bare_instruction(prompt: str, entry: str) -> tuple[str, str | None]:
    """An MBPP prompt as users write requests (the sentence, no assert) and the example call that
    moves into the answers' "example usage" (its arguments only: no answer claims an output)."""
    text = prompt.strip().strip('"').strip()
    keep, call = [], None
    for line in text.splitlines():
        if line.strip().startswith("assert"):
            try:
                tree = ast.parse(line.strip())
            except SyntaxError:
                continue
            found = [
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == entry
            ]
            call = call or (ast.unparse(found[0]) if found else None)
            continue
        keep.append(line)
    return "\n".join(keep).strip(), call


def with_usage(answer: str, call: str | None) -> str:
    """The chat answer followed by a usage line that calls the function (no output shown)."""
    if not call or _empty(answer):
        return answer
    return f"{answer}\n\nExample usage:\n\n```python\nprint({call})\n```"


def bare_pairs(data: Path, name: str) -> list[Pair]:
    """``mbpp-bare``: the ``mbpp`` pairs with the assert taken out of the instruction (as in
    CodeUltraFeedback-style requests) and each answer showing one example call instead."""
    base = name.removesuffix("-bare")
    loader, rel = DATASETS[base]
    problems = {p.id: p for p in load(loader, data / rel)}
    out = []
    for p in evalplus_pairs(data, base):
        task = problems[p.id.split("#")[0]]
        text, call = bare_instruction(task.prompt, task.entry_point or "")
        out.append(Pair(p.id, text, with_usage(p.a, call), with_usage(p.b, call), p.label, name))
    return out


def instruction_for(name: str, prompt: str) -> str:
    if name == "humaneval":
        return f"Complete the following Python function.\n\n```python\n{prompt.strip()}\n```"
    return prompt.strip().strip('"').strip()  # MBPP: the docstring's text and its assert line


def evalplus_pairs(data: Path, name: str) -> list[Pair]:
    loader, rel = DATASETS[name]
    problems = {p.id: p for p in load(loader, data / rel)}
    files = sorted((data / "evalplus_samples").glob(f"{name}--*.eval_results.json"))
    rows = evalplus_sample_pairs(files, {k: p.prompt for k, p in problems.items()}, subset=name)
    return [
        Pair(
            r["id"],
            instruction_for(name, r["prompt"]),
            chat_answer(r["chosen"], r["id"] + "a"),
            chat_answer(r["rejected"], r["id"] + "b"),
            "A",
            name,
        )
        for r in rows
    ]


def canonical_pairs(data: Path, name: str) -> list[Pair]:
    """The dataset's canonical solution against every real sample that fails the plus tests."""
    loader, rel = DATASETS[name]
    problems = {p.id: p for p in load(loader, data / rel)}
    out = []
    for f in sorted((data / "evalplus_samples").glob(f"{name}--*.eval_results.json")):
        for task_id, samples in read_eval_results(f).items():
            for k, smp in enumerate(samples):
                p = problems.get(task_id)
                if p is None or p.reference is None or smp.get("plus_status") != "fail":
                    continue
                pid = f"{task_id}#{f.name.split('--')[1]}-{k}"
                out.append(
                    Pair(
                        pid,
                        instruction_for(name, p.prompt),
                        chat_answer(p.reference, pid + "a"),
                        chat_answer(smp["solution"], pid + "b"),
                        "A",
                        f"{name}-canonical",
                    )
                )
    return out


def pair_set(data: Path, name: str) -> list[Pair]:
    if name == "humanevalpack":
        return humanevalpack_set(data)
    if name.startswith("humanevalpack-"):
        return humanevalpack_language_set(data, name.removeprefix("humanevalpack-"))
    if name.endswith("-bare"):
        return bare_pairs(data, name)
    if name.endswith("-canonical"):
        return canonical_pairs(data, name.removesuffix("-canonical"))
    return evalplus_pairs(data, name)


def _empty(answer: str) -> bool:
    return not answer.split("```python\n", 1)[-1].split("```")[0].strip()


def humanevalpack_set(data: Path) -> list[Pair]:
    rows = humanevalpack_pairs(data / "humanevalpack", ["python"])
    return [
        Pair(
            r["id"],
            r["prompt"],
            chat_answer(r["chosen"], r["id"] + "a"),
            chat_answer(r["rejected"], r["id"] + "b"),
            "A",
            "humanevalpack",
        )
        for r in rows
    ]


def humanevalpack_language_set(data: Path, language: str) -> list[Pair]:
    """Canonical (A) vs buggy (B) in ``language``, prose-wrapped; no tests, no entry point."""
    from codejudge.evaluate.prose_pairs import prose_pairs

    rows = prose_pairs(str(data / "humanevalpack"), [language])
    return [
        Pair(
            r["id"],
            r["prompt"],
            r["chosen"],
            r["rejected"],
            "A",
            f"humanevalpack-{language}",
            extra={"language": language},
        )
        for r in rows
    ]


def task_number(pair_id: str) -> int | None:
    """``JavaScript/41`` -> 41, ``HumanEval/7#sample-3`` -> 7 (None when the id holds no task number)."""
    m = re.match(r"[^/]*/(\d+)", pair_id)
    return int(m.group(1)) if m else None


def in_split(pair_id: str, split: str) -> bool:
    """Development (odd task numbers) / held-out (even) split of a set's pairs, by task id."""
    n = task_number(pair_id)
    return split == "all" or (n is not None and (n % 2 == 1) == (split == "odd"))


def _correct(winner: str | None, label: str) -> float:
    return 0.5 if winner in (None, "tie") else float(winner == label)


def summarize(verdicts: list[tuple[str | None, str, str]]) -> dict[str, Any]:
    """verdicts: (winner, label, decided_by) for every judged order."""
    n = len(verdicts)
    decided = [(w, lab) for w, lab, _ in verdicts if w not in (None, "tie")]
    return {
        "verdicts": n,
        "accuracy": round(sum(_correct(w, lab) for w, lab, _ in verdicts) / n, 4) if n else 0.0,
        "tie_rate": round(1 - len(decided) / n, 4) if n else 0.0,
        "accuracy_when_decided": round(sum(w == lab for w, lab in decided) / len(decided), 4)
        if decided
        else None,
        "decided_by": dict(Counter(d for _, _, d in verdicts)),
    }


def ablation(judge: GroundedJudge, pairs: list[Pair], records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Re-decide every verdict from the same derived tests with some sources left out.

    ``judge`` must derive everything (``GroundConfig(lazy=False)``): the default judge skips
    generated inputs when the examples already decide, and those are what the ablation drops.
    """
    lang = {p.id: (p.extra or {}).get("language", "python") for p in pairs}
    judge.pairwise_many(
        [
            PairItem(p.instruction, a, b, language=lang[p.id])
            for p in pairs
            for a, b in ((p.a, p.b), (p.b, p.a))
        ]
    )
    configs = {
        "all sources": RANKED,
        "statement only": ("statement",),
        "without statement": tuple(s for s in RANKED if s != "statement"),
        "without property": tuple(s for s in RANKED if s != "property"),
        "no derived tests": (),
    }
    out = {}
    for name, sources in configs.items():
        verdicts = []
        for p in pairs:
            for order, label in (("ab", "A"), ("ba", "B")):
                rec = records[f"{p.id}#{order}"]
                a, b = (p.a, p.b) if order == "ab" else (p.b, p.a)
                got = judge.pair_grounding(PairItem(p.instruction, a, b, language=lang[p.id]))
                winner, by = None, "none"
                if rec["decided_by"] in ("tests", "static"):  # evidence outside the grounding stage
                    winner, by = rec["winner"], rec["decided_by"]
                elif got is None and rec["decided_by"] in sources:  # one answer has no code at all
                    winner, by = rec["winner"], rec["decided_by"]
                elif got is not None and sources:
                    g, (ia, ib) = got
                    d = decide(g, ia, ib, sources=sources)
                    if d is not None:
                        winner, by = ("A" if d[0] == ia else "B"), d[1]
                verdicts.append((winner or "tie", label, by))
        out[name] = summarize(verdicts)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--sets", default="humaneval,humanevalpack,mbpp")
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument("--limit", type=int, help="only the first N pairs of each set")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--split",
        choices=("all", "odd", "even"),
        default="all",
        help="only tasks with an odd (development) or even (held-out) task number",
    )
    ap.add_argument("--no-ablation", action="store_true")
    ap.add_argument("--workdir", help="keep verdicts here")
    ap.add_argument("--report", help="write the figures as JSON here")
    args = ap.parse_args()
    data = Path(args.data)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="judge-no-tests-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {}
    names = [
        n
        for s in args.sets.split(",")
        for n in ([f"humanevalpack-{lang}" for lang in PACK_LANGUAGES] if s == "humanevalpack-all" else [s])
    ]
    for name in names:
        pairs = [p for p in pair_set(data, name) if in_split(p.id, args.split)][: args.limit]
        judge = GroundedJudge(get_executor(args.backend), workers=args.workers)
        out = work / f"{name}.jsonl"
        out.unlink(missing_ok=True)
        t0 = time.perf_counter()
        meta = evaluate_judge(judge, pairs, out, resume=False, progress=False)
        seconds = time.perf_counter() - t0
        records = {}
        for line in out.read_text().splitlines():
            rec = json.loads(line)
            records[rec["id"]] = rec
        verdicts = [
            (records[f"{p.id}#{o}"].get("winner"), lab, records[f"{p.id}#{o}"]["decided_by"])
            for p in pairs
            for o, lab in (("ab", "A"), ("ba", "B"))
        ]
        rep = summarize(verdicts)
        empty = {p.id for p in pairs if _empty(p.a) or _empty(p.b)}
        if empty:
            rep["subsets"] = {
                "both have code": summarize(
                    [v for v, p in zip(verdicts, [q for q in pairs for _ in (0, 1)]) if p.id not in empty]
                ),
                "one answer empty": summarize(
                    [v for v, p in zip(verdicts, [q for q in pairs for _ in (0, 1)]) if p.id in empty]
                ),
            }
        rep.update(
            {
                "set": name,
                "role": ROLE.get(name, ""),
                "pairs": len(pairs),
                "seconds_per_pair": round(seconds / max(1, len(pairs)), 3),
                "accuracy_random_order": round(meta["overall"]["accuracy"], 4),
                "accuracy_ci": meta["overall"]["accuracy_ci"],
                "position_consistency": meta["overall"]["position_consistency"],
            }
        )
        if not args.no_ablation:
            full = GroundedJudge(judge.executor, workers=args.workers, ground_config=GroundConfig(lazy=False))
            rep["ablation"] = ablation(full, pairs, records)
        report[name] = rep
        print(
            f"\n== {name} ({rep['role']}): {len(pairs)} pairs, both orders, {seconds:.0f}s "
            f"({rep['seconds_per_pair']}s per pair)"
        )
        print(
            f"accuracy {rep['accuracy']:.4f} (random order {rep['accuracy_random_order']:.4f}, 95% CI "
            f"[{rep['accuracy_ci'][0]:.3f}, {rep['accuracy_ci'][1]:.3f}])  tie rate {rep['tie_rate']:.4f}  "
            f"accuracy when decided {rep['accuracy_when_decided']}  position consistency "
            f"{rep['position_consistency']:.4f}"
        )
        print(f"decided_by: {rep['decided_by']}")
        for sub, r in rep.get("subsets", {}).items():
            print(
                f"  {sub:18} {r['verdicts'] // 2:4d} pairs: accuracy {r['accuracy']:.4f}  tie rate {r['tie_rate']:.4f}"
                f"  when decided {r['accuracy_when_decided']}"
            )
        for cfg, r in rep.get("ablation", {}).items():
            print(
                f"  ablation {cfg:20} accuracy {r['accuracy']:.4f}  tie rate {r['tie_rate']:.4f}  "
                f"when decided {r['accuracy_when_decided']}"
            )
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
