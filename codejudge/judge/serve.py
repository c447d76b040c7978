"""Serve a local model as an OpenAI-compatible endpoint (stdlib ``ThreadingHTTPServer``).

Routes: ``GET /v1/models``, ``POST /v1/chat/completions`` (non-streaming;
``finish_reason`` is "length" when the answer was cut at ``max_tokens``, else
"stop"), ``GET /health``. Generation is serialized by the model's lock; the server's
threads only parse and answer HTTP.

>>> server = make_server(TransformersLLM("tiny"), port=0)    # doctest: +SKIP
>>> threading.Thread(target=server.serve_forever, daemon=True).start()   # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

log = logging.getLogger(__name__)


class ChatServer(ThreadingHTTPServer):
    """Holds the model; ``requests_served`` counts completions (tests and logs use it)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], llm: Any, model_name: str) -> None:
        super().__init__(address, _Handler)
        self.llm, self.model_name = llm, model_name
        self.requests_served = 0
        self._count_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}/v1"

    def complete(self, body: dict[str, Any]) -> dict[str, Any]:
        messages = body.get("messages")
        if not isinstance(messages, list) or not all(
            isinstance(m, dict) and isinstance(m.get("content"), str) and isinstance(m.get("role"), str)
            for m in messages
        ):
            raise ValueError("'messages' must be a list of {role, content} objects with string values")
        max_tokens = body.get("max_tokens") or body.get("max_completion_tokens")
        temperature = body.get("temperature")
        if hasattr(self.llm, "generate_with_reasons"):
            text, finish = self.llm.generate_with_reasons(
                [messages], max_new_tokens=max_tokens, temperature=temperature
            )[0]
        else:
            text, finish = (
                self.llm.generate([messages], max_new_tokens=max_tokens, temperature=temperature)[0],
                "stop",
            )
        with self._count_lock:
            self.requests_served += 1
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.model_name,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}
            ],
        }


class _Handler(BaseHTTPRequestHandler):
    server: ChatServer
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args: Any) -> None:  # route access logs to logging, not stderr
        log.debug("%s " + fmt, self.address_string(), *args)

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        self._send(status, {"error": {"message": message, "type": kind}})

    def do_GET(self) -> None:
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self._send(
                200,
                {
                    "object": "list",
                    "data": [
                        {
                            "id": self.server.model_name,
                            "object": "model",
                            "created": 0,
                            "owned_by": "codejudge",
                        }
                    ],
                },
            )
        elif self.path == "/health":
            self._send(200, {"status": "ok"})
        else:
            self._error(404, f"no route {self.path}")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._error(404, f"no route {self.path}")
            return
        try:
            body = json.loads(raw or b"null")
            if not isinstance(body, dict):
                raise ValueError("the request body must be a JSON object")  # noqa: TRY004 - answered as HTTP 400
            if body.get("stream"):
                raise ValueError("streaming is not supported; send stream=false")
            self._send(200, self.server.complete(body))
        except (json.JSONDecodeError, ValueError) as exc:
            self._error(400, str(exc))
        except Exception as exc:  # a model failure: answer 500 so clients retry, keep serving
            log.exception("generation failed")
            self._error(500, f"generation failed: {type(exc).__name__}: {exc}", "server_error")


def make_server(
    llm: Any, host: str = "127.0.0.1", port: int = 8000, model_name: str | None = None
) -> ChatServer:
    """Bind (``port=0`` picks a free port) without starting; call ``serve_forever``."""
    return ChatServer((host, port), llm, str(model_name or getattr(llm, "name", "model")))
