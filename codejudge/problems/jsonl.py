"""Reading dataset files: gzip or plain JSONL, hashes, and row checks that name
the file, line and field of anything malformed.

>>> rows = list(iter_rows(b'{"a": 1}\\n\\n{"a": 2}\\n', "x.jsonl"))   # (line, row)
>>> [n for n, _ in rows]
[1, 3]
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codejudge.errors import InputError
from codejudge.jsonl import iter_lines


@dataclass(frozen=True)
class FileDigest:
    """What identifies a dataset file: sha256 of the bytes on disk and md5 of the
    decompressed JSONL (the hash evalplus records in ``eval_results.json``)."""

    sha256: str
    md5: str
    gzipped: bool


def read_file(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror}",
            path=path,
            fix="check the path (datasets are read from local files only)",
        ) from exc


def decompress(data: bytes, path: str | Path) -> bytes:
    """The JSONL bytes of ``data`` (gunzipped when it starts with the gzip magic)."""
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError) as exc:
        raise InputError(
            f"not a valid gzip file ({exc})", path=path, fix="re-download the release file"
        ) from exc


def digest(data: bytes, text: bytes) -> FileDigest:
    return FileDigest(
        hashlib.sha256(data).hexdigest(), hashlib.md5(text).hexdigest(), data[:2] == b"\x1f\x8b"
    )


def iter_rows(text: bytes, path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, row)`` for every non-blank line; each row must be a JSON object."""
    yield from iter_lines(text.split(b"\n"), path, fix="each line must be one JSON object")


def field(
    row: dict[str, Any],
    name: str,
    types: type | tuple[type, ...],
    path: str | Path,
    line: int,
    default: Any = ...,
    fix: str | None = None,
) -> Any:
    """``row[name]`` checked against ``types``; a missing or mistyped field is an InputError."""
    if name not in row:
        if default is not ...:
            return default
        raise InputError("missing", path=path, line=line, field=name, fix=fix)
    value = row[name]
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _as_tuple(types)):
        want = " or ".join(t.__name__ for t in _as_tuple(types))
        raise InputError(
            f"expected {want}, got {type(value).__name__}: {str(value)[:80]!r}",
            path=path,
            line=line,
            field=name,
            fix=fix,
        )
    return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)
