"""JSON Lines in and out: one reader with clear errors, one resumable result log.

Every input file (problems, samples, pairs, jobs, training rows) is read by
``iter_jsonl``: each bad line raises an ``InputError`` naming the file, the line,
the field and the fix (or, with ``skip_bad``, is logged and counted). Every
long run writes its results through a ``ResultLog``: one record per line,
flushed as it is written, and ``done()`` returns the keys already there.

One policy for a crash (the same for every log): a record is complete when its
line ends with a newline. Bytes after the last newline are a torn write and
are cut off by ``done()``, so that record is redone. A complete line that is
not a JSON object is corruption, not a crash: it is reported, never skipped
silently.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
>>> log = ResultLog(path, key="id")
>>> log.append({"id": "a", "ok": True})
>>> _ = path.open("a").write('{"id": "b", "o')          # a crash mid-record
>>> sorted(ResultLog(path, key="id").done())
['a']
>>> path.read_text()
'{"id": "a", "ok": true}\\n'
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from codejudge.errors import InputError

log = logging.getLogger(__name__)

# A field check: (field name, expected Python type(s) or None for "any value", readable name).
FieldSpec = Mapping[str, "type | tuple[type, ...] | None"]

_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "an object",
}


def _describe(expected: type | tuple[type, ...]) -> str:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)


def check_row(
    row: Any, path: str | Path, line: int, required: Iterable[str] | FieldSpec = (), fix: str | None = None
) -> dict[str, Any]:
    """``row`` as a dict with the required fields present (and of the right type when a mapping
    of field -> type is given); otherwise an InputError naming file, line and field."""
    if not isinstance(row, dict):
        raise InputError(
            f"expected a JSON object, got {type(row).__name__}",
            path=path,
            line=line,
            fix=fix or "one JSON object per line",
        )
    names = list(required)
    for name in names:
        if name not in row:
            raise InputError(
                "missing required field",
                path=path,
                line=line,
                field=name,
                fix=fix or f"every row needs: {', '.join(names)}",
            )
        expected = required[name] if isinstance(required, Mapping) else None
        # bool is an int subclass: a count of true is not a count
        if expected is not None and (
            not isinstance(row[name], expected)
            or (isinstance(row[name], bool) and bool not in _as_tuple(expected))
        ):
            got = "null" if row[name] is None else type(row[name]).__name__
            raise InputError(
                f"expected {_describe(expected)}, got {got}", path=path, line=line, field=name, fix=fix
            )
    return row


def _as_tuple(expected: type | tuple[type, ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


def iter_lines(
    lines: Iterable[str | bytes],
    path: str | Path,
    required: Iterable[str] | FieldSpec = (),
    skip_bad: bool = False,
    bad: list[str] | None = None,
    fix: str | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, row)`` for each non-blank line of already-read text (see ``iter_jsonl``)."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            try:
                value = json.loads(line)
            except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
                msg = getattr(exc, "msg", str(exc))
                raise InputError(
                    f"not valid JSON ({msg})",
                    path=path,
                    line=lineno,
                    fix=fix or "write one JSON object per line",
                ) from None
            row = check_row(value, path, lineno, required, fix)
        except InputError as err:
            if not skip_bad:
                raise
            log.warning("skipping bad row: %s", err)
            if bad is not None:
                bad.append(str(err))
            continue
        yield lineno, row


def iter_jsonl(
    path: str | Path,
    required: Iterable[str] | FieldSpec = (),
    skip_bad: bool = False,
    bad: list[str] | None = None,
    fix: str | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, row)`` for every row of ``path``.

    ``required`` names fields every row must have, or maps them to the type they
    must have. A bad line raises InputError (file, line, field, fix); with
    ``skip_bad`` it is logged, appended to ``bad`` and skipped.
    """
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path, fix="check the path") from exc
    with fh:
        yield from iter_lines(fh, path, required, skip_bad, bad, fix)


def read_jsonl(
    path: str | Path,
    required: Iterable[str] | FieldSpec = (),
    skip_bad: bool = False,
    bad: list[str] | None = None,
    fix: str | None = None,
) -> list[dict[str, Any]]:
    """All rows of ``path`` (see ``iter_jsonl``)."""
    return [row for _, row in iter_jsonl(path, required, skip_bad, bad, fix)]


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write ``rows`` to a new file (replacing it), one object per line; return how many.

    The file appears whole or not at all (written beside it, then renamed): a reader in
    another process never sees half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(dumps(row) + "\n")
            n += 1
    os.replace(tmp, path)
    return n


def dumps(record: Any) -> str:
    """One record as one line, non-ASCII kept as is."""
    return json.dumps(record, ensure_ascii=False)


class ResultLog:
    """An append-only JSONL log of results that a crashed run resumes from.

    ``key`` names the field (or is a function of the record) that identifies a
    record; ``done()`` returns the keys already written, after cutting off a
    torn last line. ``append`` writes one line and flushes it; ``fsync=True``
    also forces it to disk (for logs that must survive a power cut, not just a
    crash). Safe to call from several threads.
    """

    def __init__(
        self, path: str | Path, key: str | Callable[[dict[str, Any]], Any] = "id", fsync: bool = False
    ) -> None:
        self.path = Path(path)
        self._key = key if callable(key) else (lambda rec, k=key: rec.get(k))
        self._fsync = fsync
        self._fh: IO[str] | None = None
        self._lock = threading.Lock()

    def records(self) -> list[dict[str, Any]]:
        """Every complete record, in order (a torn tail is cut off first)."""
        if not self.path.is_file():
            return []
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # the process died mid-line: drop the fragment, redo that record
            log.info("%s: cutting a torn last line (%d bytes) left by a crash", self.path, len(data) - end)
            with self.path.open("r+b") as fh:
                fh.truncate(end)
        return [
            row
            for _, row in iter_lines(
                data[:end].split(b"\n"), self.path, fix="the result log is corrupt: delete it to start over"
            )
        ]

    def done(self) -> set[Any]:
        """Keys of the records already written (see ``records``)."""
        return {self._key(rec) for rec in self.records()}

    def append(self, record: dict[str, Any]) -> None:
        line = dumps(record) + "\n"
        with self._lock:
            if self._fh is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = self.path.open("a", encoding="utf-8")
            self._fh.write(line)
            self._fh.flush()
            if self._fsync:
                os.fsync(self._fh.fileno())

    def close(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None

    def __enter__(self) -> ResultLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
