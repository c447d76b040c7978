"""A local stand-in for the GitHub REST API (stdlib http.server on 127.0.0.1, random port).

It records every request and answers like GitHub for the few endpoints the
review uses, and it enforces the GitHub rules the review has tripped over:

- review comments must sit on a line of the pull request's diff (the new side:
  added or context lines of ``git diff base...head``, computed here from the
  test's repository); one comment elsewhere and the *whole* review is refused
  with 422, nothing is posted;
- every comment has an author, the login of the token that wrote it; an
  installation token (what GitHub Actions hands out) may not read ``/user``;
- a read-only token (a pull request from a fork) gets 403 "Resource not
  accessible by integration" on every write.

``fail_next`` queues error answers (status, headers) to exercise retries.
Requests without a known bearer token are refused with 401.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

READ_ONLY = "Resource not accessible by integration"


@dataclass
class Token:
    login: str
    kind: str = "Bot"  # "Bot": an installation token (GITHUB_TOKEN); "User": a personal token
    write: bool = True


def diff_lines(repo: Path, base: str, head: str) -> dict[str, set[int]]:
    """New-side lines GitHub shows in a pull request's diff (added and context lines), per path."""
    text = subprocess.run(
        ["git", "diff", "--no-color", "-M", f"{base}...{head}"],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    out: dict[str, set[int]] = {}
    path, line = None, 0
    for raw in text.splitlines():
        if raw.startswith("+++ "):
            path = None if raw[4:] == "/dev/null" else raw[6:]
            continue
        hunk = re.match(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@", raw)
        if hunk:
            line = int(hunk.group(1))
            continue
        if path is None or raw.startswith(("---", "diff ", "index ", "\\")):
            continue
        if raw.startswith(("+", " ")):
            out.setdefault(path, set()).add(line)
            line += 1
    return out


class FakeGitHub:
    def __init__(self, token: str = "test-token") -> None:
        self.token = token
        self.tokens: dict[str, Token] = {token: Token("github-actions[bot]")}
        self.requests: list[dict[str, Any]] = []
        self.issue_comments: dict[int, list[dict[str, Any]]] = {}
        self.reviews: dict[int, list[dict[str, Any]]] = {}
        self.diffs: dict[int, dict[str, set[int]]] = {}  # pull number -> path -> commentable lines
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
                auth = self.headers.get("Authorization") or ""
                owner.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "body": body,
                        "auth": auth,
                        "accept": self.headers.get("Accept"),
                    }
                )
                token = owner.tokens.get(auth.removeprefix("Bearer "))
                if not auth.startswith("Bearer ") or token is None:
                    return self._answer(401, {"message": "Bad credentials"})
                if owner.fail_next:
                    status, headers, message = owner.fail_next.pop(0)
                    return self._answer(status, {"message": message}, headers)
                if self.command != "GET" and not token.write:
                    return self._answer(403, {"message": READ_ONLY})
                self._answer(*owner.route(self.command, self.path, body, token))

            do_GET = do_POST = do_PATCH = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- test setup ------------------------------------------------------------
    def add_token(self, token: str, login: str, kind: str = "Bot", write: bool = True) -> None:
        self.tokens[token] = Token(login, kind, write)

    def set_pull(self, number: int, repo: Path, base: str, head: str) -> None:
        """Let pull request ``number`` show the diff ``base...head`` of ``repo``."""
        self.diffs[number] = diff_lines(repo, base, head)

    def add_comment(self, number: int, body: str, login: str, kind: str = "User") -> dict[str, Any]:
        """An issue comment somebody else wrote (e.g. a contributor quoting our marker)."""
        self._next_id += 1
        item = {"id": self._next_id, "body": body, "user": {"login": login, "type": kind}}
        self.issue_comments.setdefault(number, []).append(item)
        return item

    # -- the API ---------------------------------------------------------------
    def route(self, method: str, path: str, body: Any, token: Token) -> tuple[int, Any]:
        parts = path.split("?")[0].strip("/").split("/")
        if method == "GET" and parts == ["user"]:
            if token.kind == "Bot":  # installation tokens cannot read /user
                return 403, {"message": READ_ONLY}
            return 200, {"login": token.login, "type": token.kind}
        # /repos/{o}/{r}/pulls/{n}/reviews
        if method == "POST" and parts[3:4] == ["pulls"] and parts[5:] == ["reviews"]:
            return self._review(int(parts[4]), body, token)
        if parts[3:4] == ["issues"] and parts[5:] == ["comments"]:
            n = int(parts[4])
            if method == "GET":
                return 200, self.issue_comments.get(n, [])
            return 201, self.add_comment(n, body["body"], token.login, token.kind)
        if method == "PATCH" and parts[3:5] == ["issues", "comments"]:
            for items in self.issue_comments.values():
                for item in items:
                    if item["id"] == int(parts[5]):
                        item["body"] = body["body"]
                        item["edited_by"] = token.login
                        return 200, item
            return 404, {"message": "Not Found"}
        if method == "POST" and parts[3:] == ["code-scanning", "sarifs"]:
            return 202, {"id": "sarif-1", "url": "x"}
        return 404, {"message": "Not Found"}

    def _review(self, number: int, body: dict[str, Any], token: Token) -> tuple[int, Any]:
        diff = self.diffs.get(number)
        for c in body.get("comments") or []:
            if diff is None:
                return 422, {"message": "Unprocessable Entity", "errors": ["no diff for this pull request"]}
            lines = {c["line"]} | ({c["start_line"]} if "start_line" in c else set())
            if c.get("side", "RIGHT") != "RIGHT" or not lines <= diff.get(c["path"], set()):
                # GitHub refuses the whole review; nothing of it is posted.
                return 422, {
                    "message": "Unprocessable Entity",
                    "errors": ["Pull request review thread line must be part of the diff"],
                }
        review = {
            "id": len(self.reviews.get(number, [])) + 1,
            "state": "COMMENTED",
            "body": body.get("body"),
            "comments": body.get("comments") or [],
            "user": {"login": token.login},
        }
        self.reviews.setdefault(number, []).append(review)
        return 200, review

    def __enter__(self) -> FakeGitHub:  # noqa: PYI034
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
