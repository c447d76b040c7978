"""Any OpenAI-compatible ``chat/completions`` server, over the standard library.

Retries with exponential backoff on 429, 5xx and connection errors (honouring
``Retry-After``); other HTTP errors fail at once. Requests run concurrently up
to ``concurrency``. After the last retry: LLMError naming the URL and cause.

>>> llm = OpenAILLM("http://127.0.0.1:8000", model="judge")   # nothing is sent yet
>>> llm.url
'http://127.0.0.1:8000/v1/chat/completions'
"""

from __future__ import annotations

import json
import os
import random
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from codejudge.errors import LLMError
from codejudge.judge.llm.base import Messages

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


def chat_url(base: str) -> str:
    """Accept a server root, a ``/v1`` base or the full endpoint."""
    base = base.rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    if base.endswith("/v1"):
        return base + "/chat/completions"
    return base + "/v1/chat/completions"


class OpenAILLM:
    """Client for ``POST {base}/v1/chat/completions``."""

    def __init__(
        self,
        base_url: str,
        model: str = "default",
        api_key: str | None = None,
        max_tokens: int = 512,
        temperature: float = 0.0,
        concurrency: int = 4,
        retries: int = 5,
        backoff_s: float = 0.5,
        timeout_s: float = 120.0,
    ) -> None:
        self.url = chat_url(base_url)
        self.model, self.name = model, model
        self.api_key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY")
        self.max_tokens, self.temperature = max_tokens, temperature
        self.concurrency, self.retries = max(1, concurrency), retries
        self.backoff_s, self.timeout_s = backoff_s, timeout_s
        self.requests_sent = 0  # attempts, including retries

    def params(self) -> dict[str, Any]:
        return {"max_tokens": self.max_tokens, "temperature": self.temperature}

    def generate(self, messages_list: list[Messages]) -> list[str]:
        if len(messages_list) <= 1 or self.concurrency == 1:
            return [self._complete(m) for m in messages_list]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(messages_list))) as pool:
            return list(pool.map(self._complete, messages_list))

    def _complete(self, messages: Messages) -> str:
        body = json.dumps({"model": self.model, "messages": messages, **self.params()}).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        last = "no attempt made"
        retry_after: float | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self._delay(attempt, retry_after))
            retry_after = None
            self.requests_sent += 1
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout_s) as resp:
                    payload = json.loads(resp.read().decode("utf-8"))
                return _content(payload, self.url)
            except urllib.error.HTTPError as exc:
                detail = exc.read()[:300].decode("utf-8", "replace")
                last = f"HTTP {exc.code}: {detail}"
                if exc.code not in RETRY_STATUS:
                    raise LLMError(f"{self.url} refused the request ({last})") from exc
                retry_after = _retry_after(exc.headers.get("Retry-After"))
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                last = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
            except json.JSONDecodeError as exc:
                raise LLMError(f"{self.url} answered with invalid JSON: {exc}") from exc
        raise LLMError(f"{self.url} failed after {self.retries + 1} attempts; last error: {last}")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, 60.0)
        # Exponential backoff with jitter so concurrent clients do not retry in lockstep.
        return self.backoff_s * (2 ** (attempt - 1)) * (0.5 + random.random() / 2)


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _content(payload: Any, url: str) -> str:
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"{url} answered without choices[0].message.content: {str(payload)[:200]}") from exc
    return content if isinstance(content, str) else ""
