"""Rows of ``codejudge judge --input FILE.jsonl``: read, validate, normalize tests.

One JSON object per line::

    {"id": "q1", "instruction": "...", "response_a": "...", "response_b": "...",   # pairwise
     "response": "...",                                                           # single
     "tests": ...,          # optional, one of:
                            #   "assert f(1) == 2\\n..."                  an assertion script
                            #   [{"input": [1], "output": 2}, ...]        function I/O (args list)
                            #   [{"stdin": "1\\n", "stdout": "2\\n"}, ...]   stdin/stdout cases
     "entry_point": "f", "reference": "def f(x): ...", "criterion": "efficiency",
     "language": "python", "label": "A"}   # language: told from the answers when absent; label: eval only

Function I/O values are plain JSON (lists stay lists); tagged values such as
``{"$tuple": [1, 2]}`` are accepted for types JSON lacks. An ``output`` of
``null`` with a ``reference`` means "compute the expected output from the reference".

>>> tests = parse_tests([{"input": [1, 2], "output": 3}])
>>> tests[0].kind, tests[0].args
('function', [1, 2])
>>> parse_tests("assert f(1) == 1")[0].kind
'script'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codejudge.errors import InputError
from codejudge.jsonl import iter_jsonl
from codejudge.types import TestCase
from codejudge.values import NotPlainData, decode, encode


@dataclass
class JudgeRow:
    """One validated input row."""

    id: str
    instruction: str
    responses: list[str]  # [a, b] for pairwise, [r] for single
    tests: list[TestCase] = field(default_factory=list)
    entry_point: str | None = None
    reference: str | None = None
    criterion: str | None = None
    language: str = "auto"  # "auto": the judge tells it from the answers (codejudge.extract.detect)
    label: str | None = None  # ground truth for pairs ("A" | "B" | "tie"), if known
    subset: str | None = None
    line: int = 0


def _plain(value: Any) -> Any:
    """JSON value -> Python value: tagged forms decoded, other objects become dicts."""
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value)).startswith("$"):
            return decode(value)
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def parse_tests(tests: Any, where: dict[str, Any] | None = None) -> list[TestCase]:
    """Normalize the ``tests`` field (script, function I/O or stdio cases) to TestCases."""
    where = where or {}
    if tests is None or tests == [] or tests == "":
        return []
    if isinstance(tests, str):
        return [TestCase(id="0", kind="script", script=tests)]
    if not isinstance(tests, list):
        raise InputError(
            f"expected a string (assertion script) or a list of cases, got {type(tests).__name__}",
            field="tests",
            fix="see `codejudge judge --help` for the three test shapes",
            **where,
        )
    out = []
    for i, case in enumerate(tests):
        if isinstance(case, TestCase):
            out.append(case)
            continue
        if not isinstance(case, dict):
            raise InputError(
                f"case {i} is a {type(case).__name__}, expected an object", field="tests", **where
            )
        if "stdin" in case or "stdout" in case:
            out.append(
                TestCase(
                    id=str(i),
                    kind="stdio",
                    stdin=str(case.get("stdin", "")),
                    expected=case.get("stdout"),
                    timeout_s=case.get("timeout_s"),
                )
            )
            continue
        if "input" not in case:
            raise InputError(
                f"case {i} has neither 'input' (function I/O) nor 'stdin' (stdio)",
                field="tests",
                fix='write {"input": [args...], "output": value}',
                **where,
            )
        args = case["input"]
        if not isinstance(args, list):
            raise InputError(
                f"case {i}: 'input' must be a list of positional arguments",
                field="tests",
                fix=f'wrap it: "input": [{json.dumps(args)}]',
                **where,
            )
        try:
            tagged_args = encode(_plain(args))
            expected = case.get("output")
            tagged_expected = None if expected is None else encode(_plain(expected))
        except NotPlainData as exc:
            raise InputError(f"case {i}: {exc}", field="tests", **where) from exc
        out.append(
            TestCase(
                id=str(i),
                kind="function",
                args=tagged_args,
                expected=tagged_expected,
                atol=float(case.get("atol", 0.0)),
                timeout_s=case.get("timeout_s"),
            )
        )
    kinds = {t.kind for t in out}
    if len(kinds) > 1:
        raise InputError(
            f"mixed test kinds {sorted(kinds)} in one row",
            field="tests",
            fix="use one kind of test per row",
            **where,
        )
    return out


def _text(obj: dict[str, Any], name: str, where: dict[str, Any], required: bool = True) -> str | None:
    value = obj.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        got = "missing" if name not in obj else f"a {type(value).__name__}"
        raise InputError(f"expected a non-empty string, got {got}", field=name, **where)
    return value


def row_from_dict(obj: Any, mode: str, path: str | Path = "<input>", line: int = 0) -> JudgeRow:
    """Validate one decoded JSON object as a ``mode`` ("pairwise"|"single") row."""
    where: dict[str, Any] = {"path": path, "line": line}
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", **where)
    names = ["response_a", "response_b"] if mode == "pairwise" else ["response"]
    responses = [_text(obj, n, where) or "" for n in names]
    tests = parse_tests(obj.get("tests"), where)
    entry_point = _text(obj, "entry_point", where, required=False)
    if tests and tests[0].kind == "function" and not entry_point:
        raise InputError(
            "function I/O tests need the function's name",
            field="entry_point",
            fix='add "entry_point": "<function name>"',
            **where,
        )
    label = obj.get("label")
    if label is not None and label not in ("A", "B", "tie"):
        raise InputError(f"expected 'A', 'B' or 'tie', got {label!r}", field="label", **where)
    return JudgeRow(
        id=str(obj.get("id", line)),
        instruction=_text(obj, "instruction", where) or "",
        responses=responses,
        tests=tests,
        entry_point=entry_point,
        reference=_text(obj, "reference", where, required=False),
        criterion=_text(obj, "criterion", where, required=False),
        # a row that names no language (CodeUltraFeedback never does) is told from its answers
        language=_text(obj, "language", where, required=False) or "auto",
        label=label,
        subset=obj.get("subset"),
        line=line,
    )


def read_rows(path: str | Path, mode: str) -> list[JudgeRow]:
    """All rows of a JSONL file; the first bad row raises InputError naming file, line and field."""
    path = Path(path)
    rows, seen = [], set()
    for n, obj in iter_jsonl(path):
        row = row_from_dict(obj, mode, path, n)
        if row.id in seen:
            raise InputError(
                f"duplicate id {row.id!r}",
                path=path,
                line=n,
                field="id",
                fix="give every row a unique id (resume relies on it)",
            )
        seen.add(row.id)
        rows.append(row)
    return rows
