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
import sys
from pathlib import Path

from codejudge.review import config as review_config

FORMATS = ("text", "json", "sarif", "rdjsonl", "github")


def _codes(text: str) -> set[str]:
    return {c.strip() for c in text.split(",") if c.strip()}


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
    parser.add_argument("--select", type=_codes, help="comma-separated rule codes or prefixes to run")
    parser.add_argument("--ignore", type=_codes, help="comma-separated rule codes or prefixes to skip")
    parser.add_argument(
        "--fail-level",
        choices=(*review_config.LEVELS, "never"),
        help="exit 1 when a finding is at least this severe (default: warning)",
    )
    parser.add_argument(
        "--tests",
        action="store_true",
        help="also run the tests affected by the change, with pytest in the sandbox",
    )
    parser.add_argument("--sandbox", help="sandbox backend for --tests (default: bwrap)")
    parser.add_argument(
        "--judge-endpoint", help="with --tests: also ask an OpenAI-compatible judge at this URL"
    )
    parser.add_argument("--judge-model", help="model name to send to --judge-endpoint")
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
    for key in ("select", "ignore", "fail_level", "sandbox", "judge_endpoint", "judge_model"):
        value = getattr(args, key)
        if value is not None:
            setattr(cfg, key, value)
    return cfg


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
