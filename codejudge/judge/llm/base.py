"""The seam every LLM backend implements, below the backends and the registry that builds them.

>>> class Echo:
...     name = "echo"
...     def generate(self, messages_list):
...         return [m[-1]["content"] for m in messages_list]
>>> isinstance(Echo(), LLM)
True
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

Messages = list[dict[str, str]]


@runtime_checkable
class LLM(Protocol):
    """A chat model. ``name`` identifies it in cache keys and reports."""

    name: str

    def generate(self, messages_list: list[Messages]) -> list[str]:
        """One completion per conversation, in order. Raises LLMError when it cannot."""
        ...
