"""Pull request mode: review comments, one summary comment, optional SARIF upload.

The GitHub REST API is the only remote part of ``codejudge review``. Requests
use the token from ``GITHUB_TOKEN`` and the base URL from ``GITHUB_API_URL``
(GitHub Enterprise sets it; default https://api.github.com). Server errors
(5xx) and rate limits (403/429 with ``Retry-After`` or an exhausted quota) are
retried with exponential backoff.

GitHub's rules this module keeps:

- a review comment must sit on a line of the pull request's diff, or GitHub
  refuses the *whole* review (HTTP 422): every comment is anchored to a changed
  line (a finding spanning several lines to its last changed line), and a
  finding without one goes to the summary instead;
- the summary comment is ours only when it carries the marker *and* was written
  by the bot's own login, so a marker pasted by someone else is never edited;
- a pull request from a fork gets a read-only token (writes answer 403): the
  review then degrades to annotations and the job summary, and the exit code
  still follows the findings.

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


DEFAULT_BOT_LOGIN = "github-actions[bot]"  # who GitHub Actions' GITHUB_TOKEN writes as


class GitHubError(CodejudgeError):
    """The GitHub API refused a request (after retries)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status

    @property
    def read_only(self) -> bool:
        """A write refused because the token may not write (fork pull requests get such tokens)."""
        return self.status == 403 and "not accessible by integration" in str(self).lower()


@dataclass
class PullRequestEvent:
    """The parts of a ``pull_request`` event that the review needs."""

    repository: str  # "owner/repo"
    number: int
    base_sha: str
    head_sha: str
    fork: bool = False  # head branch lives in another repository: the token is read-only

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
            head_repo = (pr["head"].get("repo") or {}).get("full_name")  # None: the fork was deleted
            base_repo = (pr["base"].get("repo") or {}).get("full_name") or env["GITHUB_REPOSITORY"]
            return cls(
                env["GITHUB_REPOSITORY"],
                int(pr["number"]),
                pr["base"]["sha"],
                pr["head"]["sha"],
                fork=head_repo != base_repo,
            )
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
        bot_login: str | None = None,
    ) -> None:
        self.token, self.repository = token, repository
        self.api_url = (api_url or DEFAULT_API).rstrip("/")
        self.retries, self.backoff_s, self.sleep, self.timeout_s = retries, backoff_s, sleep, timeout_s
        self._login: str | None = bot_login

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
                    raise GitHubError(
                        f"GitHub API {method} {path}: HTTP {exc.code}: {text[:500]}", exc.code
                    ) from exc
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

    def login(self) -> str:
        """The login this token writes as: ``GET /user``, or GitHub Actions' bot for an app token."""
        if self._login is None:
            try:
                self._login = str(self.request("GET", "/user")["login"])
            except GitHubError as exc:
                if exc.status not in (403, 404):  # installation tokens may not read /user
                    raise
                self._login = DEFAULT_BOT_LOGIN
        return self._login

    def upsert_summary(self, number: int, body: str) -> Any:
        """Edit our earlier summary comment (marker *and* our login) or post a new one."""
        me, page = self.login(), 1
        while True:
            items = self.request(
                "GET", f"/repos/{self.repository}/issues/{number}/comments?per_page=100&page={page}"
            )
            for item in items or []:
                author = (item.get("user") or {}).get("login")
                if SUMMARY_MARKER in (item.get("body") or "") and author == me:
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


def _where(f: Finding) -> str:
    loc = f.location
    if loc is None:
        return "(no location)"
    end = loc.end_line if loc.end_line and loc.end_line > loc.line else None
    return f"{loc.path}:{loc.line}" + (f"-{end}" if end else "")


def anchor_line(finding: Finding, changed: set[int]) -> int | None:
    """The line a comment on ``finding`` goes on: its last changed line, or None when it has none.

    GitHub accepts comments only on lines of the diff; for a finding that spans
    several lines (a whole function) and starts outside the change, its start
    line would make GitHub refuse the whole review.
    """
    loc = finding.location
    if loc is None:
        return None
    end = loc.end_line if loc.end_line and loc.end_line >= loc.line else loc.line
    inside = [n for n in changed if loc.line <= n <= end]
    return max(inside) if inside else None


def review_comments(
    findings: list[Finding], changes: Mapping[str, set[int]], limit: int
) -> tuple[list[dict[str, Any]], list[Finding]]:
    """(one comment per finding on a changed line of the new side, findings left for the summary).

    A multi-line finding is anchored to its last changed line and names its
    whole range; findings without a changed line, and those past ``limit``, go
    to the summary.
    """
    comments: list[dict[str, Any]] = []
    rest: list[Finding] = []
    for f in findings:
        line = anchor_line(f, changes.get(f.location.path, set())) if f.location else None
        if line is None or len(comments) >= limit:
            rest.append(f)
            continue
        body = comment_body(f)
        if line != f.location.line or (f.location.end_line or f.location.line) != line:  # type: ignore[union-attr]
            body += f"\n\n(finding at `{_where(f)}`)"
        comments.append({"path": f.location.path, "line": line, "side": "RIGHT", "body": body})  # type: ignore[union-attr]
    return comments, rest


def summary_body(
    findings: list[Finding], total: int, head_sha: str, not_inline: list[Finding] | None = None
) -> str:
    """The summary comment (or job summary): counts by code, findings not shown inline, and our marker."""
    lines = [SUMMARY_MARKER, f"### codejudge review of `{head_sha[:12]}`", ""]
    if not findings:
        lines.append("No findings on changed lines.")
    else:
        counts: dict[str, int] = {}
        for f in findings:
            counts[f"{f.code} ({f.category})"] = counts.get(f"{f.code} ({f.category})", 0) + 1
        lines += [f"{len(findings)} finding(s) on changed lines:", "", "| rule | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(counts.items())]
    if not_inline:
        lines += ["", f"{len(not_inline)} finding(s) not shown as review comments:", ""]
        lines += [f"- `{_where(f)}` {comment_body(f)}" for f in not_inline[:100]]
        if len(not_inline) > 100:
            lines.append(f"- ... and {len(not_inline) - 100} more")
    if total > len(findings):
        lines += [
            "",
            f"{total - len(findings)} finding(s) on unchanged lines of touched files were not reported.",
        ]
    return "\n".join(lines) + "\n"


def write_job_summary(env: Mapping[str, str], body: str) -> bool:
    """Append ``body`` to the job summary (``GITHUB_STEP_SUMMARY``); False when there is none."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(body.replace(SUMMARY_MARKER + "\n", "") + "\n")
    return True


def publish(
    event: PullRequestEvent,
    result: Any,
    config: ReviewConfig,
    env: Mapping[str, str],
    sarif: str | None = None,
) -> str:
    """Post the review comments, update the summary, upload SARIF when given.

    Returns "posted", or "read-only" when the token may not write (a fork's pull
    request): then the summary goes to the job summary and nothing is posted.
    """
    comments, rest = review_comments(result.findings, result.changes, config.max_comments)
    body = summary_body(result.findings, result.total_findings, event.head_sha, rest)
    if event.fork:
        log.warning(
            "pull request from a fork: the token is read-only; findings go to annotations and the "
            "job summary instead of review comments"
        )
        write_job_summary(env, body)
        return "read-only"
    client = GitHubClient(
        env["GITHUB_TOKEN"],
        event.repository,
        env.get("GITHUB_API_URL"),
        bot_login=env.get("CODEJUDGE_BOT_LOGIN") or None,
    )
    try:
        if comments:
            shown = f" ({len(comments)} shown inline)" if len(comments) < len(result.findings) else ""
            client.create_review(
                event.number,
                event.head_sha,
                f"codejudge found {len(result.findings)} issue(s) on changed lines{shown}.",
                comments,
            )
        client.upsert_summary(event.number, body)
        if sarif is not None:
            client.upload_sarif(sarif, event.head_sha, f"refs/pull/{event.number}/head")
    except GitHubError as exc:
        if not exc.read_only:
            raise
        log.warning("the token may not write here (%s); findings go to annotations and the job summary", exc)
        write_job_summary(env, body)
        return "read-only"
    return "posted"
