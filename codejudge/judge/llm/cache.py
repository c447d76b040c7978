"""A disk cache of judgments keyed by (model, messages, params).

Re-running a judgment (after a crash, or with another metric) must not pay for
the model again. One small JSON file per key, written atomically, so a crash
mid-write never leaves a corrupt entry and parallel writers do not clash.

>>> import tempfile
>>> cache = JudgmentCache(tempfile.mkdtemp())
>>> k = cache.key("m", [{"role": "user", "content": "hi"}], {"max_tokens": 8})
>>> cache.get(k) is None
True
>>> cache.put(k, "hello"); cache.get(k)
'hello'
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from codejudge.judge.llm.base import LLM, Messages


class JudgmentCache:
    """Completion texts stored under ``root/ab/abcdef....json``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(model: str, messages: Messages, params: dict[str, Any]) -> str:
        blob = json.dumps({"model": model, "messages": messages, "params": params}, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        try:
            return json.loads(self._path(key).read_text("utf-8"))["text"]
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            return None

    def put(self, key: str, text: str) -> None:
        path = self._path(key)
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"text": text}, fh)
        os.replace(tmp, path)


class CachedLLM:
    """Wraps an LLM: cached conversations are answered from disk, the rest in one batch.

    ``hits`` and ``misses`` count lookups so callers (and tests) can see what was computed.
    """

    def __init__(self, llm: LLM, cache: JudgmentCache) -> None:
        self.llm, self.cache = llm, cache
        self.name = llm.name
        self.hits = 0
        self.misses = 0

    def params(self) -> dict[str, Any]:
        return dict(getattr(self.llm, "params", dict)())

    def generate(self, messages_list: list[Messages]) -> list[str]:
        params = self.params()
        keys = [self.cache.key(self.name, m, params) for m in messages_list]
        out: list[str | None] = [self.cache.get(k) for k in keys]
        todo = [i for i, text in enumerate(out) if text is None]
        self.hits += len(keys) - len(todo)
        self.misses += len(todo)
        if todo:
            fresh = self.llm.generate([messages_list[i] for i in todo])
            for i, text in zip(todo, fresh):
                self.cache.put(keys[i], text)
                out[i] = text
        return [t or "" for t in out]
