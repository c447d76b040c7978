"""Dataset cards: what went in, how many rows came out, label balance, hashes.

``write_card`` writes ``card.json`` (machine-readable) and ``README.md``
(the same facts for people) next to the data files.

>>> card = write_card("out/", {"sft.jsonl": sft_rows}, sources=["humanevalplus"])   # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from codejudge import __version__
from codejudge.data.io import sha256_file


def _stats(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "rows": len(rows),
        "labels": dict(sorted(Counter(str(r.get("label")) for r in rows if "label" in r).items())),
        "difficulty": dict(sorted(Counter(str(r["difficulty"]) for r in rows if "difficulty" in r).items())),
        "sources": dict(sorted(Counter(str(r["source"]) for r in rows if "source" in r).items())),
    }


def write_card(
    out_dir: str | Path,
    files: dict[str, list[dict[str, Any]]],
    sources: list[str],
    how: str = "",
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Describe the already written ``files`` (name -> rows) of ``out_dir``."""
    out = Path(out_dir)
    card: dict[str, Any] = {
        "codejudge_version": __version__,
        "sources": sources,
        "how": how,
        "files": {name: {**_stats(rows), "sha256": sha256_file(out / name)} for name, rows in files.items()},
        **(extra or {}),
    }
    (out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    lines = ["# codejudge training data", "", how, "", "## Sources", ""]
    lines += [f"- {s}" for s in sources] + [
        "",
        "## Files",
        "",
        "| file | rows | labels | difficulty | sha256 |",
        "|---|---|---|---|---|",
    ]
    for name, info in card["files"].items():
        labels = ", ".join(f"{k}: {v}" for k, v in info["labels"].items()) or "-"
        diff = ", ".join(f"{k}: {v}" for k, v in info["difficulty"].items()) or "-"
        lines.append(f"| {name} | {info['rows']} | {labels} | {diff} | `{info['sha256']}` |")
    for key, value in (extra or {}).items():
        lines += ["", f"## {key}", "", "```", json.dumps(value, indent=2), "```"]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return card
