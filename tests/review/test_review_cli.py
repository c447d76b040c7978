"""``codejudge review`` in-process: diff filter, formats, exit codes, config, PR mode."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from codejudge.cli import main

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


def test_github_pull_request_mode(repo: Repo, in_dir, monkeypatch, fake_github, tmp_path) -> None:
    base = _history(repo)
    head = repo.commit("change")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps({"pull_request": {"number": 42, "base": {"sha": base}, "head": {"sha": head}}})
    )
    for key, value in {
        "GITHUB_REPOSITORY": "octo/proj",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_TOKEN": fake_github.token,
        "GITHUB_API_URL": fake_github.url,
    }.items():
        monkeypatch.setenv(key, value)
    in_dir(repo.path)
    assert main(["review", "--github", "--upload-sarif", "--output-format", "github"]) == 1
    assert main(["review", "--github"]) == 1  # a second run edits the summary comment
    reqs = [(r["method"], r["path"].split("?")[0]) for r in fake_github.requests]
    assert reqs.count(("POST", "/repos/octo/proj/pulls/42/reviews")) == 2
    assert reqs.count(("POST", "/repos/octo/proj/issues/42/comments")) == 1
    assert reqs.count(("PATCH", "/repos/octo/proj/issues/comments/1001")) == 1
    assert reqs.count(("POST", "/repos/octo/proj/code-scanning/sarifs")) == 1
    review = next(r["body"] for r in fake_github.requests if r["path"].endswith("/reviews"))
    assert review["commit_id"] == head and review["event"] == "COMMENT"
    assert [(c["path"], c["line"], c["side"]) for c in review["comments"]] == [("legacy.py", 6, "RIGHT")]
    assert "CJ702" in review["comments"][0]["body"]
    (summary,) = fake_github.issue_comments[42]
    assert (
        "1 finding(s) on changed lines" in summary["body"]
        and "1 finding(s) on unchanged lines" in summary["body"]
    )


def test_outside_git_every_line_of_the_given_files_counts(tmp_path: Path, in_dir, capsys) -> None:
    (tmp_path / "x.py").write_text(BAD)
    in_dir(tmp_path)
    assert main(["review", "--files", "x.py"]) == 1
    assert capsys.readouterr().out.startswith("x.py:2:12: CJ702 ")
    assert main(["review"]) == 2  # nothing to review: a usage error, not a silent pass
