"""Loading samples in evalplus's two layouts.

* ``samples.jsonl`` (optionally ``.gz``): one object per line with ``task_id``
  and ``solution`` (a whole program) or ``completion`` (the prompt is put in
  front of it, as evalplus does). Repeated task ids are further samples.
* a folder of ``TASK_ID/N.py`` files (``HumanEval_0/0.py``; ``_`` stands for ``/``).

>>> # {"task_id": "HumanEval/0", "completion": "    return False\\n"}
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from codejudge.errors import InputError
from codejudge.problems.jsonl import decompress, field, iter_rows, read_file
from codejudge.types import Candidate, Problem


def load_samples(path: str | Path, problems: dict[str, Problem]) -> list[Candidate]:
    """Candidates with complete programs; ``index`` numbers the samples of each task from 0."""
    path = Path(path)
    if not path.exists():
        raise InputError(
            "no such file or folder",
            path=path,
            field="samples",
            fix="pass a samples.jsonl file or a folder of TASK_ID/N.py files",
        )
    candidates = _from_folder(path) if path.is_dir() else _from_jsonl(path, problems)
    counts: Counter[str] = Counter()
    for c in candidates:
        c.index = counts[c.problem_id]
        counts[c.problem_id] += 1
    return candidates


def _from_jsonl(path: Path, problems: dict[str, Problem]) -> list[Candidate]:
    out = []
    for n, row in iter_rows(decompress(read_file(path), path), path):
        task_id = field(row, "task_id", str, path, n)
        if "solution" in row:
            code = field(row, "solution", str, path, n, fix="one sample per line; repeat task_id for more")
        elif "completion" in row:
            completion = field(
                row, "completion", str, path, n, fix="one sample per line; repeat task_id for more"
            )
            if task_id not in problems:
                raise InputError(
                    f"task {task_id!r} is not in the problem set, so its prompt is unknown",
                    path=path,
                    line=n,
                    field="task_id",
                    fix="check the dataset or the task id",
                )
            code = problems[task_id].prompt + completion
        else:
            raise InputError("missing 'solution' or 'completion'", path=path, line=n, field="solution")
        out.append(Candidate(problem_id=task_id, code=code, origin=f"{path.name}:{n}"))
    return out


def _number(p: Path) -> int:
    m = re.fullmatch(r"(\d+)\.py", p.name)
    return int(m.group(1)) if m else 1 << 30


def _from_folder(path: Path) -> list[Candidate]:
    out = []
    for task_dir in sorted(p for p in path.iterdir() if p.is_dir()):
        task_id = task_dir.name.replace("_", "/")
        for f in sorted(task_dir.glob("*.py"), key=lambda p: (_number(p), p.name)):
            try:
                code = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read sample ({exc})", path=f) from exc
            out.append(Candidate(problem_id=task_id, code=code, origin=str(f)))
    if not out:
        raise InputError(
            "no TASK_ID/N.py files found",
            path=path,
            field="samples",
            fix="use the evalplus folder layout, e.g. HumanEval_0/0.py",
        )
    return out
