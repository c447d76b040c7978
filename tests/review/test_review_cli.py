"""``codejudge review`` in-process: diff filter, formats, exit codes, config, PR mode."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from codejudge.cli import main
from codejudge.review.github import SUMMARY_MARKER

from .conftest import Repo

BAD = "def last(items):\n    return items[len(items)]\n"
SCHEMA = Path(__file__).parent / "resources" / "sarif-schema-2.1.0.json"


def _history(repo: Repo) -> str:
    """legacy.py has an old finding (line 2); the change adds a new one (line 6) to it."""
    repo.write("legacy.py", BAD)
    base = repo.commit("base")
    repo.write("legacy.py", BAD + "\n\ndef first(items):\n    return items[len(items)]\n")
    return base


def test_only_changed_lines_are_reported(repo: Repo, in_dir, capsys) -> None:
    base = _history(repo)
    in_dir(repo.path)
    assert main(["review", "--base", base, "--output-format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    findings = found["findings"] if isinstance(found, dict) else found
    assert [(f["location"]["path"], f["location"]["line"], f["code"]) for f in findings] == [
        ("legacy.py", 6, "CJ702")
    ]
    out = repo.path.parent / "report.sarif"
    assert main(["review", "--base", base, "--output-format", "sarif", "--output", str(out)]) == 1
    assert capsys.readouterr().out == ""  # the report went to the file
    assert len(json.loads(out.read_text())["runs"][0]["results"]) == 1
    # Nothing staged yet: the pre-commit view of the same repo is clean.
    assert main(["review"]) == 0
    repo.git("add", "legacy.py")
    assert main(["review", "--files", "legacy.py"]) == 1
    assert "legacy.py:6:" in capsys.readouterr().out


def test_fail_level_and_severity_from_pyproject(repo: Repo, in_dir) -> None:
    base = _history(repo)
    in_dir(repo.path)
    assert main(["review", "--base", base, "--fail-level", "error"]) == 0  # findings are warnings by default
    repo.write(
        "pyproject.toml", '[tool.codejudge]\nfail_level = "error"\n[tool.codejudge.severity]\nCJ7 = "error"\n'
    )
    assert main(["review", "--base", base]) == 1
    assert main(["review", "--base", base, "--fail-level", "never"]) == 0
    assert main(["review", "--base", base, "--ignore", "CJ702"]) == 0


def test_usage_and_config_errors_exit_2(repo: Repo, in_dir, capsys) -> None:
    _history(repo)
    in_dir(repo.path)
    assert main(["review", "--head", "HEAD"]) == 2
    assert main(["review", "--output-format", "xml"]) == 2
    repo.write("pyproject.toml", '[tool.codejudge]\nfail_level = "loud"\n')
    assert main(["review", "--base", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml" in err and "'fail_level'" in err and "note, warning, error, never" in err


NON_ASCII = 'def pick(items):\n    label = "😀é—ß"; return items[len(items)], label  # 你好\n'


def test_sarif_is_schema_valid_and_columns_follow_each_format(repo: Repo, in_dir, capsys) -> None:
    repo.write("ünï/mod.py", NON_ASCII)
    repo.git("add", "-A")  # first commit of the repository: every staged line is new
    in_dir(repo.path)
    line = NON_ASCII.splitlines()[1]
    only = ["--select", "CJ702"]

    assert main(["review", "--output-format", "json", *only]) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    col, end = finding["location"]["column"], finding["location"]["end_column"]  # 1-based code points
    assert line[col - 1 : end - 1] == "items[len(items)]", (col, end)

    def utf16(c: int) -> int:
        return len(line[: c - 1].encode("utf-16-le")) // 2 + 1

    def utf8(c: int) -> int:
        return len(line[: c - 1].encode("utf-8")) + 1

    assert utf16(col) == col + 1 and utf8(col) > utf16(col)  # 😀 is a surrogate pair; é, —, ß are multi-byte

    assert main(["review", "--output-format", "sarif", *only]) == 1
    sarif = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text())).validate(sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    loc = run["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] in ("ünï/mod.py", "%C3%BCn%C3%AF/mod.py")
    assert loc["region"] == {"startLine": 2, "startColumn": utf16(col), "endLine": 2, "endColumn": utf16(end)}

    assert main(["review", "--output-format", "rdjsonl", *only]) == 1
    rd = json.loads(capsys.readouterr().out.splitlines()[0])
    assert rd["location"]["path"] == "ünï/mod.py"
    assert rd["location"]["range"] == {
        "start": {"line": 2, "column": utf8(col)},  # reviewdog: UTF-8 bytes
        "end": {"line": 2, "column": utf8(end)},
    }

    assert main(["review", "--output-format", "github", *only]) == 1
    gh = capsys.readouterr().out
    assert f"file=ünï/mod.py,line=2,col={col}," in gh and f"endColumn={end}" in gh  # characters

    assert main(["review", *only]) == 1
    assert capsys.readouterr().out.startswith(f"ünï/mod.py:2:{col}: CJ702 ")


def _pr_env(
    monkeypatch,
    tmp_path: Path,
    gh,
    base: str,
    head: str,
    number: int = 42,
    fork: bool = False,
    token: str | None = None,
) -> Path:
    event = tmp_path / "event.json"
    head_repo = "someone/proj" if fork else "octo/proj"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": number,
                    "base": {"sha": base, "repo": {"full_name": "octo/proj"}},
                    "head": {"sha": head, "repo": {"full_name": head_repo}},
                }
            }
        )
    )
    summary = tmp_path / "step-summary.md"
    for key, value in {
        "GITHUB_REPOSITORY": "octo/proj",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_TOKEN": token or gh.token,
        "GITHUB_API_URL": gh.url,
        "GITHUB_STEP_SUMMARY": str(summary),
    }.items():
        monkeypatch.setenv(key, value)
    return summary


def test_github_pull_request_mode(repo: Repo, in_dir, monkeypatch, fake_github, tmp_path) -> None:
    base = _history(repo)
    head = repo.commit("change")
    fake_github.set_pull(42, repo.path, base, head)
    _pr_env(monkeypatch, tmp_path, fake_github, base, head)
    in_dir(repo.path)
    assert main(["review", "--github", "--upload-sarif", "--output-format", "github"]) == 1
    assert main(["review", "--github"]) == 1  # a second run edits the summary comment
    reqs = [(r["method"], r["path"].split("?")[0]) for r in fake_github.requests]
    assert reqs.count(("POST", "/repos/octo/proj/pulls/42/reviews")) == 2
    assert reqs.count(("POST", "/repos/octo/proj/issues/42/comments")) == 1
    assert reqs.count(("PATCH", "/repos/octo/proj/issues/comments/1001")) == 1
    assert reqs.count(("POST", "/repos/octo/proj/code-scanning/sarifs")) == 1
    review = fake_github.reviews[42][0]
    body = next(r["body"] for r in fake_github.requests if r["path"].endswith("/reviews"))
    assert body["commit_id"] == head and body["event"] == "COMMENT"
    assert [(c["path"], c["line"], c["side"]) for c in review["comments"]] == [("legacy.py", 6, "RIGHT")]
    assert "CJ702" in review["comments"][0]["body"]
    (summary,) = fake_github.issue_comments[42]
    assert (
        "1 finding(s) on changed lines" in summary["body"]
        and "1 finding(s) on unchanged lines" in summary["body"]
    )


BRANCHES = "".join(f"        {v} = {i}\n" for i, v in enumerate("abcde"))
IDENTICAL = (
    "def pick(x):\n    if x > 0:\n" + BRANCHES + "        return a + b + c + d + e\n"
    "    else:\n" + BRANCHES + "        return a + b + c + d + e\n"
)


def test_a_finding_that_starts_outside_the_diff_is_anchored_on_its_last_changed_line(
    repo: Repo, in_dir, monkeypatch, fake_github, tmp_path
) -> None:
    # Base: the else branch differs in its last assignment; the change makes both branches identical,
    # and the finding spans the whole if statement, from line 2 (far outside the diff) to the end.
    text = IDENTICAL.splitlines()
    changed_line = len(text) - 1  # 1-based number of the else branch's `e = 4`
    repo.write("m.py", "\n".join(text[: changed_line - 1] + ["        e = 5"] + text[changed_line:]) + "\n")
    base = repo.commit("base")
    repo.write("m.py", IDENTICAL)
    head = repo.commit("make the branches identical")
    fake_github.set_pull(9, repo.path, base, head)
    assert 2 not in fake_github.diffs[9]["m.py"] and changed_line in fake_github.diffs[9]["m.py"]
    _pr_env(monkeypatch, tmp_path, fake_github, base, head, number=9)
    in_dir(repo.path)
    assert main(["review", "--github", "--select", "CJ102"]) == 1
    (review,) = fake_github.reviews[9]  # GitHub accepted the review (a comment on line 2 gets 422)
    assert [(c["path"], c["line"]) for c in review["comments"]] == [("m.py", changed_line)]
    assert "(finding at `m.py:2-" in review["comments"][0]["body"]


def test_review_settings_in_the_pull_request_head_change_nothing(
    repo: Repo, in_dir, monkeypatch, fake_github, tmp_path
) -> None:
    """A PR that sets fail_level = "never", ignores the rule and names its own judge endpoint."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[dict] = []

    class Judge(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            seen.append({"auth": self.headers.get("Authorization"), "path": self.path})
            self.send_response(500)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Judge)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        repo.write("pyproject.toml", '[project]\nname = "p"\n')
        base = _history(repo)
        repo.write(
            "pyproject.toml",
            '[project]\nname = "p"\n\n[tool.codejudge]\nfail_level = "never"\n'
            'ignore = ["CJ7"]\ntest_command = ["-p", "evil"]\n'
            f'judge_endpoint = "http://127.0.0.1:{server.server_address[1]}/v1"\n',
        )
        head = repo.commit("change, and quietly relax the review")
        fake_github.set_pull(42, repo.path, base, head)
        _pr_env(monkeypatch, tmp_path, fake_github, base, head)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
        in_dir(repo.path)
        assert main(["review", "--github", "--tests", "--output-format", "github"]) == 1  # still fails
        review = fake_github.reviews[42][0]
        assert [c["line"] for c in review["comments"]] == [6]  # CJ702 still reported
        # The base commit's settings apply, and flags (the action inputs) still override them.
        repo.git("checkout", "-q", base)
        repo.write("pyproject.toml", '[project]\nname = "p"\n\n[tool.codejudge]\nfail_level = "error"\n')
        owner = repo.commit("owner relaxes the level")
        repo.git("checkout", "-q", head)
        _pr_env(monkeypatch, tmp_path, fake_github, owner, head)
        assert main(["review", "--github"]) == 0
        assert main(["review", "--github", "--fail-level", "warning"]) == 1
    finally:
        server.shutdown()
        server.server_close()
    assert seen == []  # the PR-named endpoint never heard from us, with or without a key


def test_judge_endpoint_named_by_the_owner_is_used_in_pull_request_mode(
    repo: Repo, in_dir, monkeypatch, fake_github, tmp_path
) -> None:
    from codejudge.cli import review as review_cli

    repo.write(
        "pyproject.toml",
        '[project]\nname = "p"\n\n[tool.codejudge]\n'
        'judge_endpoint = "http://judge.internal:8000/v1"\nfail_level = "error"\n',
    )
    base = _history(repo)
    head = repo.commit("change")
    repo.write(
        "pyproject.toml",
        '[project]\nname = "p"\n\n[tool.codejudge]\njudge_endpoint = "http://attacker.example:8000/v1"\n',
    )
    head = repo.commit("retarget the judge")
    _pr_env(monkeypatch, tmp_path, fake_github, base, head)
    in_dir(repo.path)
    import argparse

    parser = argparse.ArgumentParser()
    review_cli.add_arguments(parser)
    cfg = review_cli._config(parser.parse_args(["--github"]), trusted_rev=base)
    assert cfg.judge_endpoint == "http://judge.internal:8000/v1" and cfg.fail_level == "error"
    cfg = review_cli._config(
        parser.parse_args(["--github", "--judge-endpoint", "http://127.0.0.1:9/v1"]), trusted_rev=base
    )
    assert cfg.judge_endpoint == "http://127.0.0.1:9/v1"  # an action input wins over the base file


def test_fork_pull_requests_degrade_to_annotations_and_the_job_summary(
    repo: Repo, in_dir, monkeypatch, fake_github, tmp_path, capsys
) -> None:
    base = _history(repo)
    head = repo.commit("change from a fork")
    fake_github.set_pull(42, repo.path, base, head)
    fake_github.add_token("fork-token", "github-actions[bot]", write=False)
    summary = _pr_env(monkeypatch, tmp_path, fake_github, base, head, fork=True, token="fork-token")
    in_dir(repo.path)
    assert (
        main(["review", "--github", "--output-format", "github", "--upload-sarif"]) == 1
    )  # findings: 1, never 3
    out = capsys.readouterr().out
    assert "::warning file=legacy.py,line=6," in out and "CJ702" in out
    assert (
        "1 finding(s) on changed lines" in summary.read_text() and SUMMARY_MARKER not in summary.read_text()
    )
    assert not any(r["method"] != "GET" for r in fake_github.requests)  # no write was even tried
    # Not announced as a fork but the token is read-only all the same: the 403 degrades the same way.
    summary.unlink()
    _pr_env(monkeypatch, tmp_path, fake_github, base, head, fork=False, token="fork-token")
    assert main(["review", "--github", "--output-format", "json"]) == 1
    out = capsys.readouterr().out
    assert "::warning file=legacy.py,line=6," in out  # annotations even when another format was asked for
    assert summary.is_file() and fake_github.reviews == {}
    # A clean change from a fork exits 0.
    _pr_env(monkeypatch, tmp_path, fake_github, head, head, fork=True, token="fork-token")
    assert main(["review", "--github"]) == 0


def test_outside_git_every_line_of_the_given_files_counts(tmp_path: Path, in_dir, capsys) -> None:
    (tmp_path / "x.py").write_text(BAD)
    in_dir(tmp_path)
    assert main(["review", "--files", "x.py"]) == 1
    assert capsys.readouterr().out.startswith("x.py:2:12: CJ702 ")
    assert main(["review"]) == 2  # nothing to review: a usage error, not a silent pass
