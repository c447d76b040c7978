"""Read judge meta-evaluation pairs in the common public formats.

All formats normalize to a ``Pair``: instruction, response A, response B, label
("A" | "B" | "tie") and optional grounding fields (tests, entry_point,
reference, criterion, language).

=============  ==========================================================
format         fields
=============  ==========================================================
codejudge      instruction, response_a, response_b, label (+ judge fields)
rewardbench    prompt, chosen, rejected, subset        (label: chosen = A)
judgebench     question, response_A, response_B, label ("A>B" | "B>A" | "A=B")
codeprefbench  instruction, choices [2], gt_choice (0 | 1 | "A" | "B")
=============  ==========================================================

>>> detect_format({"prompt": "p", "chosen": "c", "rejected": "r"})
'rewardbench'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codejudge.errors import InputError, UnknownNameError
from codejudge.jsonl import iter_lines

FORMATS = ("codejudge", "rewardbench", "judgebench", "codeprefbench")
_KEYS = {
    "codejudge": {"response_a", "response_b"},
    "rewardbench": {"chosen", "rejected"},
    "judgebench": {"response_A", "response_B"},
    "codeprefbench": {"choices", "gt_choice"},
}
_GROUNDING = ("tests", "entry_point", "reference", "criterion", "language")


@dataclass
class Pair:
    id: str
    instruction: str
    a: str
    b: str
    label: str
    subset: str = ""
    extra: dict[str, Any] | None = None  # grounding fields passed to the judge

    def judge_row(self, swapped: bool = False) -> dict[str, Any]:
        """A ``codejudge judge`` row for this pair, in the given or the swapped order."""
        a, b = (self.b, self.a) if swapped else (self.a, self.b)
        label = {"A": "B", "B": "A"}.get(self.label, self.label) if swapped else self.label
        row = {
            "id": f"{self.id}#{'ba' if swapped else 'ab'}",
            "instruction": self.instruction,
            "response_a": a,
            "response_b": b,
            "label": label,
            "subset": self.subset,
        }
        row.update({k: v for k, v in (self.extra or {}).items() if v is not None})
        return row


def detect_format(obj: dict[str, Any]) -> str:
    for name, keys in _KEYS.items():
        if keys <= obj.keys():
            return name
    raise InputError(
        f"cannot tell the pair format from keys {sorted(obj)}",
        fix=f"pass --format one of {', '.join(FORMATS)}",
    )


def _req(obj: dict[str, Any], key: str, where: dict[str, Any]) -> Any:
    if key not in obj:
        raise InputError("missing", field=key, **where)
    return obj[key]


def pair_from_dict(obj: dict[str, Any], fmt: str, where: dict[str, Any]) -> Pair:
    extra = {k: obj.get(k) for k in _GROUNDING}
    pid = str(obj.get("id", obj.get("pair_id", where.get("line"))))
    subset = str(obj.get("subset") or obj.get("source") or "")
    if fmt == "codejudge":
        label = _req(obj, "label", where)
        if label not in ("A", "B", "tie"):
            raise InputError(f"expected 'A', 'B' or 'tie', got {label!r}", field="label", **where)
        return Pair(
            pid,
            _req(obj, "instruction", where),
            _req(obj, "response_a", where),
            _req(obj, "response_b", where),
            label,
            subset,
            extra,
        )
    if fmt == "rewardbench":
        return Pair(
            pid,
            _req(obj, "prompt", where),
            _req(obj, "chosen", where),
            _req(obj, "rejected", where),
            "A",
            subset,
            extra,
        )
    if fmt == "judgebench":
        raw = str(_req(obj, "label", where)).replace(" ", "")
        label = {"A>B": "A", "B>A": "B", "A=B": "tie", "A>>B": "A", "B>>A": "B"}.get(raw)
        if label is None:
            raise InputError(f"expected 'A>B', 'B>A' or 'A=B', got {raw!r}", field="label", **where)
        return Pair(
            pid,
            _req(obj, "question", where),
            _req(obj, "response_A", where),
            _req(obj, "response_B", where),
            label,
            subset,
            extra,
        )
    if fmt == "codeprefbench":
        choices = _req(obj, "choices", where)
        if not isinstance(choices, list) or len(choices) != 2:
            raise InputError("expected a list of exactly 2 responses", field="choices", **where)
        gt = _req(obj, "gt_choice", where)
        label = {0: "A", 1: "B", "0": "A", "1": "B", "A": "A", "B": "B"}.get(gt)
        if label is None:
            raise InputError(f"expected 0, 1, 'A' or 'B', got {gt!r}", field="gt_choice", **where)
        subset = subset or str(obj.get("criteria") or obj.get("criterion") or "")
        return Pair(
            pid, _req(obj, "instruction", where), str(choices[0]), str(choices[1]), label, subset, extra
        )
    raise UnknownNameError("pair format", fmt, FORMATS)


def read_pairs(path: str | Path, fmt: str = "auto") -> list[Pair]:
    """Pairs from a JSONL file (or a JSON list); the format is detected from the first row."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    stripped = text.lstrip()
    if stripped.startswith("["):
        items = [(i + 1, o) for i, o in enumerate(json.loads(stripped))]
    else:
        items = list(iter_lines(text.splitlines(), path))
    pairs, seen = [], set()
    for n, obj in items:
        where: dict[str, Any] = {"path": path, "line": n}
        if not isinstance(obj, dict):
            raise InputError("expected a JSON object", **where)
        try:
            use = fmt if fmt != "auto" else detect_format(obj)
        except InputError as exc:
            raise InputError(str(exc), fix=exc.fix, **where) from None
        p = pair_from_dict(obj, use, where)
        if p.id in seen:
            p.id = f"{p.id}@{n}"  # public files repeat ids across subsets; keep each row
        seen.add(p.id)
        pairs.append(p)
    return pairs
