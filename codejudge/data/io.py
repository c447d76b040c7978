"""JSONL in and out for training data: strict by default, ``skip_bad`` on request.

A malformed row raises InputError naming the file and line; with
``skip_bad=True`` it is logged and counted instead, so a user can choose to
train on the rest.

>>> rows = read_jsonl("pairs.jsonl", required=("instruction",))   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from codejudge.errors import InputError

log = logging.getLogger(__name__)


def iter_jsonl(path: str | Path, required: Iterable[str] = (), skip_bad: bool = False,
               bad: list[str] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, row). Rows that are not JSON objects or lack ``required`` fields are bad.

    Bad rows raise InputError, or with ``skip_bad`` are appended to ``bad`` as
    "path:line: why" and skipped.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path=path, fix="check the path")
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise InputError(f"expected a JSON object, got {type(row).__name__}", path=path, line=lineno)
                for name in required:
                    if name not in row:
                        raise InputError("missing required field", path=path, line=lineno, field=name,
                                         fix=f"every row needs: {', '.join(required)}")
            except (json.JSONDecodeError, InputError) as exc:
                err = exc if isinstance(exc, InputError) else InputError(
                    f"not valid JSON ({exc.msg})", path=path, line=lineno, fix="one JSON object per line")
                if not skip_bad:
                    raise err from None
                log.warning("skipping bad row: %s", err)
                if bad is not None:
                    bad.append(str(err))
                continue
            yield lineno, row


def read_jsonl(path: str | Path, required: Iterable[str] = (), skip_bad: bool = False,
               bad: list[str] | None = None) -> list[dict[str, Any]]:
    """All good rows of ``path`` (see ``iter_jsonl``)."""
    return [row for _, row in iter_jsonl(path, required, skip_bad, bad)]


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows (one JSON object per line, flushed per row); return how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            n += 1
    return n


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()
