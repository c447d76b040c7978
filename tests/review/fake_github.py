"""A local stand-in for the GitHub REST API (stdlib http.server on 127.0.0.1, random port).

It records every request and answers like GitHub for the few endpoints the
review uses. ``fail_next`` queues error answers (status, headers) to exercise
retries. Requests without the expected bearer token are refused with 401.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeGitHub:
    def __init__(self, token: str = "test-token") -> None:
        self.token = token
        self.requests: list[dict[str, Any]] = []
        self.issue_comments: dict[int, list[dict[str, Any]]] = {}
        self.fail_next: list[tuple[int, dict[str, str], str]] = []
        self._next_id = 1000
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _answer(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                owner.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "body": body,
                        "auth": self.headers.get("Authorization"),
                        "accept": self.headers.get("Accept"),
                    }
                )
                if self.headers.get("Authorization") != f"Bearer {owner.token}":
                    return self._answer(401, {"message": "Bad credentials"})
                if owner.fail_next:
                    status, headers, message = owner.fail_next.pop(0)
                    return self._answer(status, {"message": message}, headers)
                self._answer(*owner.route(self.command, self.path, body))

            do_GET = do_POST = do_PATCH = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def route(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        parts = path.split("?")[0].strip("/").split("/")
        # /repos/{o}/{r}/pulls/{n}/reviews
        if method == "POST" and parts[3:4] == ["pulls"] and parts[5:] == ["reviews"]:
            return 200, {"id": 1, "state": "COMMENTED"}
        if parts[3:4] == ["issues"] and parts[5:] == ["comments"]:
            n = int(parts[4])
            if method == "GET":
                return 200, self.issue_comments.get(n, [])
            self._next_id += 1
            item = {"id": self._next_id, "body": body["body"]}
            self.issue_comments.setdefault(n, []).append(item)
            return 201, item
        if method == "PATCH" and parts[3:5] == ["issues", "comments"]:
            for items in self.issue_comments.values():
                for item in items:
                    if item["id"] == int(parts[5]):
                        item["body"] = body["body"]
                        return 200, item
            return 404, {"message": "Not Found"}
        if method == "POST" and parts[3:] == ["code-scanning", "sarifs"]:
            return 202, {"id": "sarif-1", "url": "x"}
        return 404, {"message": "Not Found"}

    def __enter__(self) -> FakeGitHub:  # noqa: PYI034
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
