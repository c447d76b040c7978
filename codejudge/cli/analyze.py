"""``codejudge analyze PATHS...``: tag mistakes in files, linter-style.

Exit codes: 0 no findings, 1 findings, 2 usage error (missing path, bad code).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codejudge.analyze import SYNTAX_CODE, analyze_source
from codejudge.analyze.output import FORMATS, render
from codejudge.analyze.parser import SUFFIXES
from codejudge.analyze.taxonomy import mistake_codes
from codejudge.errors import InputError, UnknownNameError
from codejudge.jsonl import iter_jsonl
from codejudge.types import ExecResult, Finding


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (walked for *.py)")
    parser.add_argument("--output-format", choices=FORMATS, default="text", help="how to print findings")
    parser.add_argument(
        "--select", default="", help="comma-separated codes or prefixes to run (e.g. CJ7,CJ101)"
    )
    parser.add_argument("--ignore", default="", help="comma-separated codes or prefixes to skip")
    parser.add_argument(
        "--dynamic-from",
        metavar="RESULTS.jsonl",
        default=None,
        help="ExecResult records (one JSON per line) whose job_id is the analyzed file's path; "
        "adds dynamic tags from their test evidence",
    )
    parser.add_argument(
        "--reference",
        metavar="FILE",
        default=None,
        help="a correct solution: adds tags from the few places where each file differs from it",
    )
    parser.add_argument(
        "--entry-point",
        default=None,
        help="with --reference: the function to compare (default: the whole file)",
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="C",
        help="only tags whose category reaches this combined confidence (0-1; default %(default)s: "
        "all; the judge, evaluation and review use 0.5)",
    )
    parser.add_argument("--output", default=None, help="write to this file instead of stdout")


def _codes(spec: str) -> set[str] | None:
    codes = {c.strip().upper() for c in spec.split(",") if c.strip()}
    if not codes:
        return None
    known = mistake_codes()
    for c in codes:
        if not any(k.startswith(c) for k in known):
            raise UnknownNameError("rule code", c, known)
    return codes


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*.py") if f.is_file())
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such file or directory", path=p, fix="pass existing files or directories")
    return out


def _dynamic(path: str) -> dict[str, ExecResult]:
    results: dict[str, ExecResult] = {}
    for i, row in iter_jsonl(path, fix="write one ExecResult.to_dict() JSON object per line"):
        try:
            r = ExecResult.from_dict(row)
        except (ValueError, TypeError, KeyError) as exc:
            raise InputError(
                f"not an ExecResult record: {exc}",
                path=path,
                line=i,
                fix="write one ExecResult.to_dict() JSON object per line",
            ) from exc
        results[r.job_id] = r
    return results


def _reference(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the reference: {exc}", path=path, fix="pass a UTF-8 Python file"
        ) from exc


def _selected(f: Finding, select: set[str] | None, ignore: set[str] | None) -> bool:
    return (not select or any(f.code.startswith(s) for s in select)) and not (
        ignore and any(f.code.startswith(s) for s in ignore)
    )


def run(args: argparse.Namespace) -> int:
    select, ignore = _codes(args.select), _codes(args.ignore)
    if not 0.0 <= args.min_confidence <= 1.0:
        raise InputError(
            f"--min-confidence must be between 0 and 1, got {args.min_confidence}",
            field="min-confidence",
            fix="pass e.g. --min-confidence 0.5",
        )
    dynamic = _dynamic(args.dynamic_from) if args.dynamic_from else {}
    reference = _reference(args.reference)
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    for f in _files(args.paths):
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read: {exc}", path=f, fix="pass UTF-8 text files") from exc
        path = str(f)
        sources[path] = text
        language = SUFFIXES.get(f.suffix, "python")
        mine = analyze_source(text, path=path, language=language, select=select, ignore=ignore)
        if path in dynamic:
            from codejudge.analyze.dynamic import tag_failures

            for d in tag_failures(text, dynamic[path]):
                if d.location is not None:
                    d.location.path = path
                if _selected(d, select, ignore):
                    mine.append(d)
        if reference is not None and language == "python":
            from codejudge.analyze.refdiff import reference_findings

            mine += [
                d
                for d in reference_findings(text, reference, args.entry_point, path=path)
                if _selected(d, select, ignore)
            ]
        if args.min_confidence > 0:
            from codejudge.analyze.combine import confident

            mine = confident(mine, args.min_confidence)  # per file: tags combine within one solution
        findings += mine
    rendered = render(findings, args.output_format, sources)
    if args.output:
        Path(args.output).write_text(rendered + "\n", encoding="utf-8")
    elif rendered:
        sys.stdout.write(rendered + "\n")
    if args.output_format == "text" and findings and sys.stderr.isatty():
        n_syntax = sum(f.code == SYNTAX_CODE for f in findings)
        print(f"Found {len(findings)} finding(s) ({n_syntax} syntax error(s)).", file=sys.stderr)
    return 1 if findings else 0
