"""``codejudge review``: diff-aware findings for a commit, a push or a pull request.

Examples::

    codejudge review                                  # what is staged (pre-commit)
    codejudge review --files a.py b.py                # same, limited to these files
    codejudge review --base origin/main --output-format sarif --output out.sarif
    codejudge review --tests                          # also run affected tests in the sandbox
    codejudge review --github --upload-sarif          # in a pull_request workflow
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import cast

from codejudge.cli.flags import BACKEND, Flag, add_config_flags, update_from_args
from codejudge.review import config as review_config
from codejudge.types import Severity

FORMATS = ("text", "json", "sarif", "rdjsonl", "github")


def _codes(text: str) -> set[str]:
    return {c.strip() for c in text.split(",") if c.strip()}


def _severity(text: str) -> dict[str, Severity]:
    """``CJ701=error,CJ2=note`` -> {"CJ701": "error", "CJ2": "note"}."""
    out: dict[str, Severity] = {}
    for item in _codes(text):
        code, _, level = item.partition("=")
        if level not in review_config.LEVELS:
            raise argparse.ArgumentTypeError(
                f"{item!r}: expected CODE=LEVEL with LEVEL one of {', '.join(review_config.LEVELS)}"
            )
        out[code.strip()] = cast(Severity, level)  # checked against LEVELS above
    return out


REVIEW_FLAGS = {
    "select": Flag(parse=_codes, metavar="CODES", help="comma-separated rule codes or prefixes to run"),
    "ignore": Flag(parse=_codes, metavar="CODES", help="comma-separated rule codes or prefixes to skip"),
    "severity": Flag(
        parse=_severity,
        metavar="CODE=LEVEL,...",
        help=f"override rule severities ({'|'.join(review_config.LEVELS)})",
    ),
    "fail_level": Flag(help="exit 1 when a finding is at least this severe"),
    "test_command": Flag(
        parse=shlex.split,
        metavar="ARGS",
        help='with --tests: extra pytest arguments, as one string ("-x -q")',
    ),
    "test_timeout_s": Flag(metavar="SECONDS", help="with --tests: wall clock of the sandboxed pytest run"),
    "backend": Flag(choices=BACKEND.choices, deprecated=("--sandbox",), help="sandbox backend for --tests"),
    "judge_endpoint": Flag(help="with --tests: also ask an OpenAI-compatible judge at this URL"),
    "judge_model": Flag(help="model name to send to --judge-endpoint"),
    "judge_min_score": Flag(
        metavar="SCORE", help="with --tests: fail when the judge rates a file lower (1-5)"
    ),
    "max_comments": Flag(metavar="N", help="review comments per pull request review"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base",
        help="review changes since this revision (merge-base with head); "
        "default: the staged change, or pre-commit's push range",
    )
    parser.add_argument("--head", help="review this revision instead of the working tree (needs --base)")
    parser.add_argument(
        "--files", nargs="*", metavar="FILE", help="only these files (pre-commit passes them)"
    )
    parser.add_argument("--output-format", choices=FORMATS, default="text")
    parser.add_argument("--output", metavar="PATH", help="write the report here instead of stdout")
    parser.add_argument("--config", metavar="PYPROJECT", help="pyproject.toml to read [tool.codejudge] from")
    parser.add_argument(
        "--tests",
        action="store_true",
        help="also run the tests affected by the change, with pytest in the sandbox",
    )
    # Every [tool.codejudge] key is a flag too; a flag given wins over the file.
    add_config_flags(parser, review_config.ReviewConfig, REVIEW_FLAGS)
    parser.add_argument(
        "--github",
        action="store_true",
        help="pull request mode: read GITHUB_EVENT_PATH, post review comments and a summary comment",
    )
    parser.add_argument(
        "--upload-sarif", action="store_true", help="with --github: upload SARIF to code scanning"
    )


def _config(args: argparse.Namespace, trusted_rev: str | None = None) -> review_config.ReviewConfig:
    """The review settings: pyproject.toml (as of ``trusted_rev`` when given), then the flags.

    In pull request mode the checkout is the pull request's head, which its
    author controls; the settings that decide pass/fail and where secrets go
    must not come from there. They come from the base commit (the repository
    owner's) and from the flags (the workflow's, i.e. the action inputs).
    """
    if trusted_rev is None:
        cfg = review_config.load(args.config, start=Path.cwd())
    else:
        cfg = _config_at(trusted_rev, args.config)
    return update_from_args(cfg, args)


def _config_at(rev: str, path: str | None) -> review_config.ReviewConfig:
    """``[tool.codejudge]`` from the pyproject.toml that ``rev`` has at (or above) the current directory."""
    from codejudge.errors import ConfigError
    from codejudge.review import diff

    top = diff.repo_root(Path.cwd())
    if top is None:
        raise ConfigError("pull request mode needs a git checkout (actions/checkout with fetch-depth: 0)")
    here = Path.cwd().resolve()
    if path is not None:
        candidates = [(here / path).resolve()]
    else:
        candidates = [d / "pyproject.toml" for d in (here, *here.parents)]
    for candidate in candidates:
        try:
            rel = candidate.relative_to(top.resolve()).as_posix()
        except ValueError:
            continue
        try:
            text = diff.git(["show", f"{rev}:{rel}"], top)
        except ConfigError:
            continue  # not in the base commit (a pull request may add one: it does not count)
        return review_config.loads(text, f"{rel} (as of the base commit {rev[:12]})")
    return review_config.ReviewConfig()


def run(args: argparse.Namespace) -> int:
    from codejudge.analyze.output import render
    from codejudge.errors import ConfigError
    from codejudge.review import hooks
    from codejudge.review.run import exit_code, review

    if args.head and not args.base:
        raise ConfigError("--head needs --base (the revision the change starts from)")
    base, head = args.base, args.head
    event = None
    if args.github:
        from codejudge.review import github

        event = github.PullRequestEvent.from_env(os.environ)
        base, head = base or event.base_sha, head or event.head_sha
    elif base is None and os.environ.get("PRE_COMMIT_FROM_REF") and os.environ.get("PRE_COMMIT_TO_REF"):
        base, head = os.environ["PRE_COMMIT_FROM_REF"], os.environ["PRE_COMMIT_TO_REF"]  # pre-push stage
    if args.upload_sarif and not args.github:
        raise ConfigError("--upload-sarif needs --github (it uploads for the pull request's head commit)")
    cfg = _config(args, trusted_rev=event.base_sha if event is not None else None)

    result = review(Path.cwd(), cfg, base=base, head=head, files=args.files)
    report = render(result.findings, args.output_format, result.sources)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
    elif report:
        sys.stdout.write(report if report.endswith("\n") else report + "\n")
    code = exit_code(result.findings, cfg.fail_level)

    if args.tests:  # pre-push: the affected tests in the sandbox, then the judge if configured
        text, ok = hooks.check_change(Path.cwd(), result, cfg, base, head)
        print(text, file=sys.stderr)
        code = max(code, 0 if ok else 1)
    if event is not None:
        from codejudge.review import github

        sarif = render(result.findings, "sarif", result.sources) if args.upload_sarif else None
        if github.publish(event, result, cfg, os.environ, sarif=sarif) == "read-only" and (
            args.output_format != "github" or args.output
        ):
            # No review comments could be posted: make sure the findings still show as annotations.
            annotations = render(result.findings, "github", result.sources)
            if annotations:
                sys.stdout.write(annotations if annotations.endswith("\n") else annotations + "\n")
    return code
