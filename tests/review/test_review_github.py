from __future__ import annotations

import base64
import gzip
import json

import pytest

from codejudge.review.github import SUMMARY_MARKER, GitHubClient, GitHubError, summary_body


def _client(gh, sleeps: list[float], token: str = "test-token") -> GitHubClient:
    return GitHubClient(token, "octo/proj", api_url=gh.url, sleep=sleeps.append, backoff_s=0.5)


def test_review_summary_and_sarif_requests(fake_github) -> None:
    sleeps: list[float] = []
    gh = fake_github
    c = _client(gh, sleeps)
    c.create_review(7, "abc123", "body", [{"path": "a.py", "line": 3, "side": "RIGHT", "body": "x"}])
    c.upsert_summary(7, SUMMARY_MARKER + "\nfirst")
    c.upsert_summary(7, SUMMARY_MARKER + "\nsecond")  # edits, does not duplicate
    c.upload_sarif('{"version": "2.1.0", "runs": []}', "abc123", "refs/pull/7/head")
    reqs = gh.requests
    assert all(
        r["auth"] == "Bearer test-token" and r["accept"] == "application/vnd.github+json" for r in reqs
    )
    assert [(r["method"], r["path"].split("?")[0]) for r in reqs] == [
        ("POST", "/repos/octo/proj/pulls/7/reviews"),
        ("GET", "/repos/octo/proj/issues/7/comments"),
        ("POST", "/repos/octo/proj/issues/7/comments"),
        ("GET", "/repos/octo/proj/issues/7/comments"),
        ("PATCH", "/repos/octo/proj/issues/comments/1001"),
        ("POST", "/repos/octo/proj/code-scanning/sarifs"),
    ]
    assert reqs[0]["body"] == {
        "commit_id": "abc123",
        "body": "body",
        "event": "COMMENT",
        "comments": [{"path": "a.py", "line": 3, "side": "RIGHT", "body": "x"}],
    }
    assert [c["body"] for c in gh.issue_comments[7]] == [SUMMARY_MARKER + "\nsecond"]
    upload = reqs[-1]["body"]
    assert upload["commit_sha"] == "abc123" and upload["ref"] == "refs/pull/7/head"
    assert json.loads(gzip.decompress(base64.b64decode(upload["sarif"]))) == {"version": "2.1.0", "runs": []}
    assert sleeps == []


def test_retries_5xx_and_secondary_rate_limit_with_backoff(fake_github) -> None:
    sleeps: list[float] = []
    gh = fake_github
    gh.fail_next = [
        (502, {}, "bad gateway"),
        (403, {"Retry-After": "3"}, "secondary rate limit"),
        (429, {}, "You have exceeded a secondary rate limit"),
    ]
    _client(gh, sleeps).create_review(1, "s", "b", [])
    assert len(gh.requests) == 4
    assert sleeps == [0.5, 3.0, 60.0]  # backoff, Retry-After, GitHub's advice of a minute


def test_final_errors_are_not_retried(fake_github) -> None:
    sleeps: list[float] = []
    gh = fake_github
    with pytest.raises(GitHubError, match="HTTP 401"):
        _client(gh, sleeps, token="wrong").create_review(1, "s", "b", [])
    gh.fail_next = [(422, {}, "line must be part of the diff")]
    with pytest.raises(GitHubError, match="HTTP 422.*part of the diff"):
        _client(gh, sleeps).create_review(1, "s", "b", [])
    gh.fail_next = [(503, {}, "down")] * 5
    with pytest.raises(GitHubError, match="HTTP 503"):
        _client(gh, sleeps).create_review(1, "s", "b", [])
    assert sleeps == [0.5, 1.0, 2.0, 4.0]


def test_summary_body_counts_and_marker() -> None:
    assert summary_body([], 3, "0123456789abcdef").startswith(SUMMARY_MARKER)
    assert "3 finding(s) on unchanged lines" in summary_body([], 3, "0" * 40)
