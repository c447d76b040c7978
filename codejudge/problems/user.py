"""User problem sets as JSONL, one problem per line.

Two shapes, both plain JSON:

* evalplus-shaped: ``task_id, prompt, entry_point, canonical_solution,
  base_input`` (+ optional ``plus_input``, ``atol``): expected outputs are
  computed from the canonical solution in the sandbox, like HumanEval+.
* explicit: ``task_id, prompt, entry_point, tests: [{"args": [...],
  "expected": ...}]`` (+ optional ``canonical_solution``, ``atol``): values are
  plain JSON (lists, numbers, strings, bools, null; no tuples).
* statement only: ``task_id, prompt, entry_point`` (+ optional
  ``canonical_solution``) and no tests: consumers that need tests derive them
  from the prompt's examples and the reference (``codejudge.ground``).

Optionally pin the file: ``load("jsonl", path, sha256="...")``.

>>> # {"task_id": "t/0", "prompt": "", "entry_point": "add", "tests": [{"args": [1, 2], "expected": 3}]}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from codejudge.errors import DatasetHashError, InputError
from codejudge.problems.evalplus import row_to_problem
from codejudge.problems.jsonl import decompress, digest, field, iter_rows, read_file
from codejudge.types import Problem, TestCase
from codejudge.values import encode


def _explicit(row: dict[str, Any], path: Path, line: int, md5: str) -> Problem:
    task_id = field(row, "task_id", str, path, line)
    atol = float(field(row, "atol", (int, float), path, line, default=0))
    tests = []
    for i, t in enumerate(field(row, "tests", list, path, line)):
        where = f"tests[{i}]"
        if type(t) is not dict or "args" not in t or "expected" not in t:
            raise InputError(
                'each test must be {"args": [...], "expected": ...}', path=path, line=line, field=where
            )
        if type(t["args"]) is not list:
            raise InputError(
                "args must be a list of positional arguments", path=path, line=line, field=f"{where}.args"
            )
        tests.append(
            TestCase(
                id=f"base/{i}",
                args=encode(t["args"]),
                expected=encode(t["expected"]),
                atol=float(t.get("atol", atol)),
                group=str(t.get("group", "base")),
            )
        )
    canonical = row.get("canonical_solution")
    prompt = field(row, "prompt", str, path, line, default="")
    return Problem(
        id=task_id,
        prompt=prompt,
        entry_point=field(row, "entry_point", str, path, line),
        reference=(prompt + canonical) if isinstance(canonical, str) else None,
        tests=tests,
        atol=atol,
        source="jsonl",
        version=md5,
        meta={"line": line, "hash": md5, "dataset": "jsonl"},
    )


def _statement_only(row: dict[str, Any], path: Path, line: int, md5: str) -> Problem:
    prompt = field(row, "prompt", str, path, line)
    entry = field(row, "entry_point", str, path, line)
    canonical = row.get("canonical_solution")
    reference = None
    if isinstance(canonical, str) and canonical.strip():
        # a whole solution, or (HumanEval style) the body that completes a code prompt
        reference = (
            canonical if re.search(rf"\bdef\s+{re.escape(entry)}\s*\(", canonical) else prompt + canonical
        )
    return Problem(
        id=field(row, "task_id", str, path, line),
        prompt=prompt,
        entry_point=entry,
        reference=reference,
        source="jsonl",
        version=md5,
        meta={"line": line, "hash": md5, "dataset": "jsonl"},
    )


def load_user(path: str | Path, sha256: str | None = None) -> list[Problem]:
    path = Path(path)
    data = read_file(path)
    text = decompress(data, path)
    d = digest(data, text)
    if sha256 is not None and d.sha256 != sha256.lower():
        raise DatasetHashError(
            f"sha256 {d.sha256} differs from the pinned {sha256}",
            path=path,
            field="sha256",
            fix="update the pinned hash if the file changed on purpose",
        )
    problems = []
    for n, row in iter_rows(text, path):
        if "tests" in row:
            problems.append(_explicit(row, path, n, d.md5))
        elif "base_input" not in row:
            problems.append(_statement_only(row, path, n, d.md5))
        else:
            problems.append(row_to_problem(row, path, n, "humaneval", None, d.md5))
            problems[-1].source = "jsonl"
    return problems
