from __future__ import annotations

import base64
import gzip
import json

import pytest

from codejudge.review.github import (
    SUMMARY_MARKER,
    GitHubClient,
    GitHubError,
    anchor_line,
    review_comments,
    summary_body,
)
from codejudge.types import Finding, Location


def _client(gh, sleeps: list[float], token: str = "test-token") -> GitHubClient:
    return GitHubClient(token, "octo/proj", api_url=gh.url, sleep=sleeps.append, backoff_s=0.5)


def test_review_summary_and_sarif_requests(fake_github) -> None:
    sleeps: list[float] = []
    gh = fake_github
    gh.diffs[7] = {"a.py": {2, 3, 4}}
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
        ("GET", "/user"),  # who are we? An installation token may not say: GitHub Actions' bot
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
    assert gh.issue_comments[7][0]["user"]["login"] == "github-actions[bot]"
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


def test_summary_is_found_by_marker_and_our_own_login(fake_github) -> None:
    gh = fake_github
    quoted = gh.add_comment(5, "I saw this in another repo:\n" + SUMMARY_MARKER + "\nlooks odd", "mallory")
    human_bot = gh.add_comment(5, SUMMARY_MARKER + "\nfrom some other bot", "other-app[bot]", kind="Bot")
    c = _client(gh, [])
    c.upsert_summary(5, SUMMARY_MARKER + "\nfirst")
    c.upsert_summary(5, SUMMARY_MARKER + "\nsecond")
    bodies = {item["user"]["login"]: item["body"] for item in gh.issue_comments[5]}
    assert bodies == {
        "mallory": quoted["body"],
        "other-app[bot]": human_bot["body"],
        "github-actions[bot]": SUMMARY_MARKER + "\nsecond",
    }
    assert not any("edited_by" in item for item in (quoted, human_bot))
    # A personal token says who it is on /user; the summary then belongs to that login.
    gh.add_token("pat", "octo-reviewer", kind="User")
    mine = GitHubClient("pat", "octo/proj", api_url=gh.url, sleep=lambda s: None)
    assert mine.login() == "octo-reviewer"
    mine.upsert_summary(5, SUMMARY_MARKER + "\nby pat")
    assert [i["user"]["login"] for i in gh.issue_comments[5]].count("octo-reviewer") == 1


def test_fake_server_refuses_a_review_with_one_comment_off_the_diff(fake_github) -> None:
    gh = fake_github
    gh.diffs[3] = {"a.py": {10, 11}}
    c = _client(gh, [])
    comments = [
        {"path": "a.py", "line": 10, "side": "RIGHT", "body": "ok"},
        {"path": "a.py", "line": 2, "side": "RIGHT", "body": "off the diff"},
    ]
    with pytest.raises(GitHubError, match="HTTP 422.*part of the diff"):
        c.create_review(3, "s", "b", comments)
    assert gh.reviews == {}  # nothing posted at all
    c.create_review(3, "s", "b", comments[:1])
    assert len(gh.reviews[3]) == 1


def test_read_only_tokens_get_403_on_writes(fake_github) -> None:
    gh = fake_github
    gh.add_token("fork-token", "github-actions[bot]", write=False)
    c = GitHubClient("fork-token", "octo/proj", api_url=gh.url, sleep=lambda s: None)
    with pytest.raises(GitHubError) as err:
        c.create_review(1, "s", "b", [])
    assert err.value.status == 403 and err.value.read_only
    assert c.request("GET", "/repos/octo/proj/issues/1/comments") == []


def _finding(line: int, end: int | None = None) -> Finding:
    return Finding(
        "CJ102",
        "conditional_error",
        "identical branches",
        Location(path="m.py", line=line, column=5, end_line=end, end_column=1),
    )


def test_comments_sit_on_changed_lines_or_go_to_the_summary() -> None:
    changed = {"m.py": {9, 13}}
    spanning = _finding(2, 14)  # starts on an unchanged line, ends after the last changed one
    outside = _finding(20, 22)  # no changed line in its range
    single = _finding(9)
    assert anchor_line(spanning, changed["m.py"]) == 13 and anchor_line(outside, changed["m.py"]) is None
    comments, rest = review_comments([spanning, outside, single], changed, limit=50)
    assert [(c["path"], c["line"]) for c in comments] == [("m.py", 13), ("m.py", 9)]
    assert "(finding at `m.py:2-14`)" in comments[0]["body"] and "finding at" not in comments[1]["body"]
    assert rest == [outside]
    body = summary_body([spanning, outside, single], 3, "f" * 40, rest)
    assert "1 finding(s) not shown as review comments" in body and "`m.py:20-22` **CJ102**" in body
    comments, rest = review_comments([spanning, single], changed, limit=1)
    assert len(comments) == 1 and rest == [single]  # past max_comments: summary, not dropped
