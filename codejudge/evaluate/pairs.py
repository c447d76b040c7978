"""Build judge meta-evaluation pairs (RewardBench shape: prompt / chosen / rejected / subset).

Two sources with known ground truth:

- HumanEvalPack: chosen = canonical solution, rejected = the human-written
  buggy solution, in six languages (rows carry the test program as ``tests``);
- real LLM samples with evalplus verdicts: for the same task, a solution that
  passes base and plus tests (chosen) against one that fails the plus tests
  (rejected), across the sample files given.

>>> rows = humanevalpack_pairs("../shared/data/humanevalpack", ["python"])   # doctest: +SKIP
>>> rows[0]["subset"], rows[0]["id"]                                          # doctest: +SKIP
('humanevalpack-python', 'Python/0')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from codejudge.errors import InputError
from codejudge.problems.humanevalpack import LANGUAGES, load_humanevalpack


def humanevalpack_pairs(root: str | Path, languages: Iterable[str] = LANGUAGES) -> list[dict[str, Any]]:
    """Canonical-vs-buggy pairs for each language (164 per language)."""
    rows = []
    for lang in languages:
        for p in load_humanevalpack(root, lang):
            rows.append(
                {
                    "id": p.id,
                    "prompt": p.prompt,
                    "chosen": _fence(p.reference or "", lang),
                    "rejected": _fence(p.meta["buggy"], lang),
                    "subset": f"humanevalpack-{lang}",
                    "tests": p.tests[0].script,
                    "entry_point": p.entry_point,
                    "language": lang,
                    "bug_type": p.meta["bug_type"],
                }
            )
    return rows


def _fence(code: str, lang: str) -> str:
    # Responses are markdown, as a model would write them; the judge extracts the code.
    return f"```{lang}\n{code.rstrip()}\n```"


def _model_of(path: Path) -> str:
    # humaneval--meta-llama--Meta-Llama-3-8B-Instruct.eval_results.json -> meta-llama/Meta-Llama-3-8B-Instruct
    stem = re.sub(r"\.eval_results$", "", path.name.removesuffix(".json"))
    return "/".join(stem.split("--")[1:]) or stem


def read_eval_results(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """``eval[task_id] -> [sample, ...]`` from an evalplus ``*.eval_results.json``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
        return data["eval"]
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"not an evalplus eval_results file: {exc}", path=path, field="eval") from exc


def evalplus_sample_pairs(
    files: Iterable[str | Path], prompts: dict[str, str] | None = None, subset: str | None = None
) -> list[dict[str, Any]]:
    """Passing-vs-failing pairs of real samples for the same task.

    A sample is *correct* when both ``base_status`` and ``plus_status`` are
    "pass", *incorrect* when ``plus_status`` is "fail" (the stricter tests
    decide the ground truth). Samples failing base but passing plus are
    inconsistent and skipped. Every correct sample is paired with every
    incorrect one of the same task (from any file).
    """
    good: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    bad: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for f in files:
        model = _model_of(Path(f))
        for task_id, samples in read_eval_results(f).items():
            for s in samples:
                if s.get("base_status") == "pass" and s.get("plus_status") == "pass":
                    good.setdefault(task_id, []).append((model, s))
                elif s.get("plus_status") == "fail" and s.get("base_status") in ("pass", "fail"):
                    bad.setdefault(task_id, []).append((model, s))
    rows = []
    for task_id in sorted(set(good) & set(bad), key=_task_order):
        for i, (gm, g) in enumerate(good[task_id]):
            for j, (bm, b) in enumerate(bad[task_id]):
                rows.append(
                    {
                        "id": f"{task_id}#{i}-{j}",
                        "task_id": task_id,
                        "prompt": (prompts or {}).get(task_id, task_id),
                        "chosen": _fence(g["solution"], "python"),
                        "rejected": _fence(b["solution"], "python"),
                        "subset": subset or task_id.split("/")[0].lower(),
                        "chosen_model": gm,
                        "rejected_model": bm,
                        "rejected_base_status": b["base_status"],
                        "language": "python",
                    }
                )
    return rows


def _task_order(task_id: str) -> tuple[str, int]:
    name, _, num = task_id.partition("/")
    return name, int(num) if num.isdigit() else 0


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write rows as JSONL; returns the count."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
            n += 1
    return n
