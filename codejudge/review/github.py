"""Pull request mode: review comments, one summary comment, optional SARIF upload.

The GitHub REST API is the only remote part of ``codejudge review``. Requests
use the token from ``GITHUB_TOKEN`` and the base URL from ``GITHUB_API_URL``
(GitHub Enterprise sets it; default https://api.github.com). Server errors
(5xx) and rate limits (403/429 with ``Retry-After`` or an exhausted quota) are
retried with exponential backoff.

>>> client = GitHubClient("ghp_x", "owner/repo", api_url="http://127.0.0.1:8080")   # doctest: +SKIP
>>> client.upsert_summary(7, "<!-- codejudge-summary -->\\nNo findings")             # doctest: +SKIP
"""

from __future__ import annotations

import base64
import gzip
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codejudge.errors import CodejudgeError, ConfigError
from codejudge.review.config import ReviewConfig
from codejudge.types import Finding

log = logging.getLogger(__name__)

SUMMARY_MARKER = "<!-- codejudge-summary -->"  # hidden in rendered markdown; finds our own comment
DEFAULT_API = "https://api.github.com"
RETRY_STATUS = {500, 502, 503, 504}


class GitHubError(CodejudgeError):
    """The GitHub API refused a request (after retries)."""


@dataclass
class PullRequestEvent:
    """The parts of a ``pull_request`` event that the review needs."""

    repository: str  # "owner/repo"
    number: int
    base_sha: str
    head_sha: str

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> PullRequestEvent:
        """Read GITHUB_REPOSITORY and the event JSON at GITHUB_EVENT_PATH."""
        for key in ("GITHUB_REPOSITORY", "GITHUB_EVENT_PATH", "GITHUB_TOKEN"):
            if not env.get(key):
                raise ConfigError(
                    f"--github needs the environment variable {key} (set by GitHub Actions; "
                    "pass GITHUB_TOKEN with `env: GITHUB_TOKEN: ${{ github.token }}`)"
                )
        path = env["GITHUB_EVENT_PATH"]
        try:
            event = json.loads(Path(path).read_text(encoding="utf-8"))
            pr = event["pull_request"]
            return cls(env["GITHUB_REPOSITORY"], int(pr["number"]), pr["base"]["sha"], pr["head"]["sha"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}: not a pull_request event ({exc!r}); run on: pull_request") from exc


class GitHubClient:
    """A small REST client: JSON in, JSON out, retries with backoff."""

    def __init__(
        self,
        token: str,
        repository: str,
        api_url: str | None = None,
        retries: int = 4,
        backoff_s: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        timeout_s: float = 30.0,
    ) -> None:
        self.token, self.repository = token, repository
        self.api_url = (api_url or DEFAULT_API).rstrip("/")
        self.retries, self.backoff_s, self.sleep, self.timeout_s = retries, backoff_s, sleep, timeout_s

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """Send one request; return the decoded JSON (None for an empty body)."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(
                self.api_url + path,
                data=data,
                method=method,
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Accept": "application/vnd.github+json",
                    "X-GitHub-Api-Version": "2022-11-28",
                    "Content-Type": "application/json",
                    "User-Agent": "codejudge-review",
                },
            )
            try:
                with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:
                    raw = resp.read()
                    return json.loads(raw) if raw else None
            except urllib.error.HTTPError as exc:
                text = exc.read().decode("utf-8", "replace")
                wait = self._retry_after(exc.code, exc.headers, text, attempt)
                if wait is None or attempt == self.retries:
                    raise GitHubError(f"GitHub API {method} {path}: HTTP {exc.code}: {text[:500]}") from exc
                log.warning("GitHub API %s %s: HTTP %s, retrying in %.1fs", method, path, exc.code, wait)
                self.sleep(wait)
            except urllib.error.URLError as exc:
                if attempt == self.retries:
                    raise GitHubError(f"GitHub API {method} {path}: {exc.reason}") from exc
                self.sleep(self.backoff_s * 2**attempt)
        raise AssertionError("unreachable")

    def _retry_after(self, status: int, headers: Any, text: str, attempt: int) -> float | None:
        """Seconds to wait before retrying, or None when the error is final."""
        backoff = self.backoff_s * 2**attempt
        if status in RETRY_STATUS:
            return backoff
        if status in (403, 429):
            if headers.get("Retry-After"):  # secondary rate limit: the server says how long
                return max(float(headers["Retry-After"]), backoff)
            if headers.get("X-RateLimit-Remaining") == "0" and headers.get("X-RateLimit-Reset"):
                return min(max(float(headers["X-RateLimit-Reset"]) - time.time(), backoff), 300.0)
            if "secondary rate limit" in text.lower():
                return max(60.0, backoff)
        return None

    # -- endpoints ---------------------------------------------------------
    def create_review(self, number: int, commit_id: str, body: str, comments: list[dict[str, Any]]) -> Any:
        return self.request(
            "POST",
            f"/repos/{self.repository}/pulls/{number}/reviews",
            {"commit_id": commit_id, "body": body, "event": "COMMENT", "comments": comments},
        )

    def upsert_summary(self, number: int, body: str) -> Any:
        """Edit our earlier summary comment (found by its marker) or post a new one."""
        page = 1
        while True:
            items = self.request(
                "GET", f"/repos/{self.repository}/issues/{number}/comments?per_page=100&page={page}"
            )
            for item in items or []:
                if SUMMARY_MARKER in (item.get("body") or ""):
                    return self.request(
                        "PATCH", f"/repos/{self.repository}/issues/comments/{item['id']}", {"body": body}
                    )
            if not items or len(items) < 100:
                break
            page += 1
        return self.request("POST", f"/repos/{self.repository}/issues/{number}/comments", {"body": body})

    def upload_sarif(self, sarif: str, commit_sha: str, ref: str) -> Any:
        payload = base64.b64encode(gzip.compress(sarif.encode("utf-8"))).decode("ascii")
        return self.request(
            "POST",
            f"/repos/{self.repository}/code-scanning/sarifs",
            {"commit_sha": commit_sha, "ref": ref, "sarif": payload, "tool_name": "codejudge"},
        )


def comment_body(finding: Finding) -> str:
    return f"**{finding.code}** ({finding.category}, {finding.severity}): {finding.message}"


def review_comments(findings: list[Finding], limit: int) -> list[dict[str, Any]]:
    """One comment per finding on the new side of the diff (``side: RIGHT``)."""
    out = []
    for f in findings:
        if f.location is None:
            continue
        out.append(
            {"path": f.location.path, "line": f.location.line, "side": "RIGHT", "body": comment_body(f)}
        )
    return out[:limit]


def summary_body(findings: list[Finding], total: int, head_sha: str) -> str:
    """The summary comment: counts by code, and the marker that lets us update it later."""
    lines = [SUMMARY_MARKER, f"### codejudge review of `{head_sha[:12]}`", ""]
    if not findings:
        lines.append("No findings on changed lines.")
    else:
        counts: dict[str, int] = {}
        for f in findings:
            counts[f"{f.code} ({f.category})"] = counts.get(f"{f.code} ({f.category})", 0) + 1
        lines += [f"{len(findings)} finding(s) on changed lines:", "", "| rule | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(counts.items())]
    if total > len(findings):
        lines += [
            "",
            f"{total - len(findings)} finding(s) on unchanged lines of touched files were not reported.",
        ]
    return "\n".join(lines) + "\n"


def publish(
    event: PullRequestEvent,
    result: Any,
    config: ReviewConfig,
    env: Mapping[str, str],
    sarif: str | None = None,
) -> None:
    """Post the review comments, update the summary, and upload SARIF when given."""
    client = GitHubClient(env["GITHUB_TOKEN"], event.repository, env.get("GITHUB_API_URL"))
    comments = review_comments(result.findings, config.max_comments)
    if comments:
        shown = f" ({len(comments)} shown)" if len(comments) < len(result.findings) else ""
        client.create_review(
            event.number,
            event.head_sha,
            f"codejudge found {len(result.findings)} issue(s) on changed lines{shown}.",
            comments,
        )
    client.upsert_summary(event.number, summary_body(result.findings, result.total_findings, event.head_sha))
    if sarif is not None:
        client.upload_sarif(sarif, event.head_sha, f"refs/pull/{event.number}/head")
