"""The review: analyze the files a change touched, keep findings on changed lines.

Reads top to bottom: which lines changed (``diff``), the new text of each
changed Python file, the static rules on it (``codejudge.analyze``), then only
findings that overlap an added or changed line survive. Severity overrides
from the config apply before the fail level is checked.

>>> result = review(Path("."), ReviewConfig(), base="origin/main")   # doctest: +SKIP
>>> exit_code(result.findings, "warning")                            # doctest: +SKIP
1
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from codejudge.errors import InputError
from codejudge.review import diff
from codejudge.review.config import LEVELS, ReviewConfig
from codejudge.types import Finding, Severity

PYTHON_SUFFIXES = (".py", ".pyi")


@dataclass
class ReviewResult:
    """Findings on changed lines, plus what they were computed from (for rendering)."""

    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # path -> new text of every reviewed file
    changes: diff.Changes = field(default_factory=dict)  # path -> changed line numbers
    total_findings: int = 0  # before the diff filter, for the summary


def on_changed_line(finding: Finding, lines: set[int]) -> bool:
    """True when the finding's line range overlaps a changed line."""
    loc = finding.location
    if loc is None:
        return False
    end = loc.end_line if loc.end_line and loc.end_line >= loc.line else loc.line
    # A long finding (a whole function) counts when any of its lines changed.
    return any(n in lines for n in range(loc.line, end + 1))


def apply_severity(findings: list[Finding], overrides: dict[str, Severity]) -> list[Finding]:
    """Return findings with configured severities (longest matching code prefix wins)."""
    if not overrides:
        return findings
    out = []
    for f in findings:
        match = max((c for c in overrides if f.code.startswith(c)), key=len, default=None)
        out.append(dataclasses.replace(f, severity=overrides[match]) if match else f)
    return out


def exit_code(findings: list[Finding], fail_level: str) -> int:
    """1 when any finding is at least ``fail_level`` severe, else 0."""
    if fail_level == "never":
        return 0
    threshold = LEVELS.index(fail_level)
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    return int(any(rank.get(f.severity, rank["warning"]) >= threshold for f in findings))


def analyze_file(source: str, path: str, config: ReviewConfig) -> list[Finding]:
    """Static findings for one file (the analyzer's contract 2)."""
    from codejudge.analyze import analyze_source  # the review layer sits above analyze

    return analyze_source(source, path=path, select=config.select, ignore=config.ignore or None)


def review(
    root: Path,
    config: ReviewConfig,
    base: str | None = None,
    head: str | None = None,
    files: list[str] | None = None,
) -> ReviewResult:
    """Review the change in the git repository at ``root``.

    ``files`` (paths relative to ``root`` or absolute) limits the review, e.g. to
    what pre-commit passes. Outside a git repository every line of ``files`` counts
    as changed.
    """
    top = diff.repo_root(root)
    in_git = top is not None
    rel_files = [_relative(f, root, top or root) for f in files] if files else None
    if top is None:
        if not rel_files:
            raise InputError(
                "not a git repository and no --files given",
                path=root,
                fix="run inside a git repository or pass --files",
            )
        changes = {}
        for f in rel_files:
            changes[f] = set(range(1, _read(root, f).count("\n") + 2))
        top = root
    else:
        changes = diff.changed_lines(top, base, head, rel_files)
    result = ReviewResult(changes=changes)
    for path, lines in sorted(changes.items()):
        if not path.endswith(PYTHON_SUFFIXES) or not lines:
            continue
        source = diff.read_source(top, path, base, head) if in_git else _read(top, path)
        findings = apply_severity(analyze_file(source, path, config), config.severity)
        result.total_findings += len(findings)
        result.sources[path] = source
        result.findings.extend(f for f in findings if on_changed_line(f, lines))
    result.findings.sort(
        key=lambda f: (
            (f.location.path, f.location.line, f.location.column, f.code)
            if f.location
            else ("", 0, 0, f.code)
        )
    )
    return result


def _relative(path: str, root: Path, top: Path) -> str:
    """``path`` (absolute, or relative to ``root``) relative to the repository top."""
    try:
        return (Path(root) / path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError as exc:
        raise InputError("file is outside the repository", path=path, fix=f"pass files under {top}") from exc


def _read(root: Path, path: str) -> str:
    try:
        return (Path(root) / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path=path) from exc
