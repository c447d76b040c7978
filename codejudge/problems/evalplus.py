"""HumanEval+ and MBPP+ release files (evalplus ``.jsonl.gz`` format).

Each row has ``task_id, prompt, entry_point, canonical_solution, base_input,
plus_input, atol`` (+ ``contract``; MBPP+ adds ``assertion``). Tests become
function tests ``base/<i>`` and ``plus/<i>`` whose ``expected`` is left None:
expected outputs are computed from the canonical solution inside the sandbox
(``codejudge.evaluate.expected``), never in this process.

>>> problems = load_humanevalplus("../shared/data/humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz")  # doctest: +SKIP
>>> problems[0].id, len(problems[0].tests)                                                        # doctest: +SKIP
('HumanEval/0', 60)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.errors import InputError
from codejudge.problems import mbpp_inputs
from codejudge.problems.jsonl import decompress, digest, field, iter_rows, read_file
from codejudge.problems.registry import DatasetSpec, identify
from codejudge.types import Problem, TestCase
from codejudge.values import NotPlainData, encode

# Trusted comparators (codejudge.sandbox.oracles) evalplus 0.3.1 applies, by entry point.
HUMANEVAL_ORACLES = {"find_zero": "humaneval_find_zero"}
MBPP_ORACLES = {
    "are_equivalent": "mbpp_are_equivalent",
    "sum_div": "mbpp_sum_div",
    "surface_Area": "mbpp_surface_area",
    "digit_distance_nums": "mbpp_digit_distance_nums",
    **{
        ep: "mbpp_set_eq"
        for ep in (
            "similar_elements",
            "find_char_long",
            "common_in_nested_lists",
            "extract_singly",
            "larg_nnum",
            "intersection_array",
            "find_dissimilar",
            "Diff",
        )
    },
    **{ep: "mbpp_not_none" for ep in mbpp_inputs.NOT_NONE_ENTRY_POINTS},
}


def _tests(
    group: str, inputs: list, atol: float, oracle: str | None, path: Path, line: int
) -> list[TestCase]:
    tests = []
    for i, inp in enumerate(inputs):
        if not isinstance(inp, list):
            raise InputError(
                f"input {i} is {type(inp).__name__}, expected a list of arguments",
                path=path,
                line=line,
                field=f"{group}_input",
            )
        try:
            args = encode(list(inp))
        except NotPlainData as exc:
            raise InputError(
                f"input {i} is not plain data ({exc})", path=path, line=line, field=f"{group}_input"
            ) from exc
        tests.append(TestCase(id=f"{group}/{i}", args=args, atol=atol, oracle=oracle, group=group))
    return tests


def row_to_problem(
    row: dict[str, Any], path: Path, line: int, dataset: str, spec: DatasetSpec | None, hash_md5: str
) -> Problem:
    """One evalplus row as a Problem (``dataset``: "humaneval" or "mbpp" decides the special cases)."""
    task_id = field(row, "task_id", str, path, line)
    prompt = field(row, "prompt", str, path, line)
    entry_point = field(row, "entry_point", str, path, line)
    canonical = field(row, "canonical_solution", str, path, line)
    base = field(row, "base_input", list, path, line)
    plus = field(row, "plus_input", (list, dict), path, line, default=[])
    if plus == {}:  # a few MBPP+ rows store "no plus inputs" as {}
        plus = []
    elif isinstance(plus, dict):
        raise InputError("expected a list of inputs", path=path, line=line, field="plus_input")
    atol = float(field(row, "atol", (int, float), path, line, default=0))
    meta: dict[str, Any] = {
        "line": line,
        "contract": row.get("contract", ""),
        "hash": hash_md5,
        "dataset": dataset,
    }
    if dataset == "mbpp":
        number = mbpp_inputs.task_number(task_id)
        base, plus = mbpp_inputs.deserialize(number, base), mbpp_inputs.deserialize(number, plus)
        oracle = MBPP_ORACLES.get(entry_point)
        adapter = mbpp_inputs.adapter(number, entry_point) or None
        call = mbpp_inputs.ADAPTER_ENTRY if adapter else None
        if "assertion" in row:
            meta["assertion"] = row["assertion"]
    else:
        oracle = HUMANEVAL_ORACLES.get(entry_point)
        adapter = call = None
    reference = prompt + canonical  # as evalplus runs it (an MBPP+ prompt is only a docstring)
    return Problem(
        id=task_id,
        prompt=prompt,
        entry_point=entry_point,
        reference=reference,
        tests=_tests("base", base, atol, oracle, path, line) + _tests("plus", plus, atol, oracle, path, line),
        atol=atol,
        source=spec.name if spec else f"{dataset}-jsonl",
        version=spec.version if spec else hash_md5,
        meta=meta,
        adapter=adapter,
        call=call,
        adapter_frames=1 if adapter else 0,
    )


def load_evalplus(
    path: str | Path, name: str, verify: bool = True, version: str | None = None
) -> list[Problem]:
    """Load a HumanEval+ (``name="humanevalplus"``) or MBPP+ (``"mbppplus"``) release file."""
    path = Path(path)
    data = read_file(path)
    text = decompress(data, path)
    d = digest(data, text)
    spec = identify(name, d, path, version) if verify else None
    dataset = "mbpp" if name == "mbppplus" else "humaneval"
    problems = [row_to_problem(row, path, n, dataset, spec, d.md5) for n, row in iter_rows(text, path)]
    seen: set[str] = set()
    for p in problems:
        if p.id in seen:
            raise InputError(f"duplicate task_id {p.id!r}", path=path, line=p.meta["line"], field="task_id")
        seen.add(p.id)
    return problems


def load_humanevalplus(path: str | Path, verify: bool = True, version: str | None = None) -> list[Problem]:
    return load_evalplus(path, "humanevalplus", verify, version)


def load_mbppplus(path: str | Path, verify: bool = True, version: str | None = None) -> list[Problem]:
    return load_evalplus(path, "mbppplus", verify, version)
