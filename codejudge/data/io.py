"""File digests for the data card (JSONL reading and writing live in ``codejudge.jsonl``).

>>> sha256_file(__file__) == sha256_file(__file__)
True
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()
