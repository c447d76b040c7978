"""LLM backends for the judge: one small seam, ``generate(messages_list) -> list[str]``.

Backends are named by a spec string, as on the command line::

    none                         no LLM (grounded evidence only)
    transformers:PATH            a local causal LM loaded from PATH
    openai:URL                   any OpenAI-compatible chat/completions server

>>> get_llm("none") is None
True
>>> get_llm("openai:http://127.0.0.1:8000/v1", model="judge").url
'http://127.0.0.1:8000/v1/chat/completions'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codejudge.errors import ConfigError, UnknownNameError
from codejudge.judge.llm.base import LLM, Messages

KINDS = ("none", "transformers", "openai")


def get_llm(
    spec: str, model: str | None = None, cache_dir: str | Path | None = None, **options: Any
) -> LLM | None:
    """Build the backend named by ``spec``; wrap it in a disk cache when ``cache_dir`` is given."""
    kind, _, target = spec.partition(":")
    if kind not in KINDS:
        raise UnknownNameError("LLM backend", kind, KINDS)
    if kind == "none":
        return None
    if not target:
        raise ConfigError(f"--llm {spec!r} needs a target: use {kind}:PATH_OR_URL")
    llm: LLM
    if kind == "transformers":
        from codejudge.judge.llm.hf import TransformersLLM

        llm = TransformersLLM(target, name=model, **options)
    else:
        from codejudge.judge.llm.openai import OpenAILLM

        llm = OpenAILLM(target, model=model or "default", **options)
    if cache_dir is not None:
        from codejudge.judge.llm.cache import CachedLLM, JudgmentCache

        llm = CachedLLM(llm, JudgmentCache(cache_dir))
    return llm


__all__ = ["LLM", "Messages", "get_llm"]
