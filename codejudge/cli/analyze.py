"""``codejudge analyze PATHS...``: tag mistakes in files, linter-style.

Exit codes: 0 no findings, 1 findings, 2 usage error (missing path, bad code).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from codejudge.analyze import SYNTAX_CODE, analyze_source
from codejudge.analyze.output import FORMATS, render
from codejudge.analyze.parser import SUFFIXES
from codejudge.analyze.taxonomy import mistake_codes
from codejudge.errors import InputError, UnknownNameError
from codejudge.types import ExecResult, Finding


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (walked for *.py)")
    parser.add_argument("--output-format", choices=FORMATS, default="text", help="how to print findings")
    parser.add_argument("--select", default="", help="comma-separated codes or prefixes to run (e.g. CJ7,CJ101)")
    parser.add_argument("--ignore", default="", help="comma-separated codes or prefixes to skip")
    parser.add_argument("--dynamic-from", metavar="RESULTS.jsonl", default=None,
                        help="ExecResult records (one JSON per line) whose job_id is the analyzed file's path; "
                             "adds dynamic tags from their test evidence")
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
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = ExecResult.from_dict(json.loads(line))
            except (ValueError, TypeError, KeyError) as exc:
                raise InputError(f"not an ExecResult record: {exc}", path=path, line=i,
                                 fix="write one ExecResult.to_dict() JSON object per line") from exc
            results[r.job_id] = r
    return results


def run(args: argparse.Namespace) -> int:
    select, ignore = _codes(args.select), _codes(args.ignore)
    dynamic = _dynamic(args.dynamic_from) if args.dynamic_from else {}
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
        findings += analyze_source(text, path=path, language=language, select=select, ignore=ignore)
        if path in dynamic:
            from codejudge.analyze.dynamic import tag_failures

            for d in tag_failures(text, dynamic[path]):
                if d.location is not None:
                    d.location.path = path
                if (not select or any(d.code.startswith(s) for s in select)) and not (
                        ignore and any(d.code.startswith(s) for s in ignore)):
                    findings.append(d)
    rendered = render(findings, args.output_format, sources)
    if args.output:
        Path(args.output).write_text(rendered + "\n", encoding="utf-8")
    elif rendered:
        sys.stdout.write(rendered + "\n")
    if args.output_format == "text" and findings and sys.stderr.isatty():
        n_syntax = sum(f.code == SYNTAX_CODE for f in findings)
        print(f"Found {len(findings)} finding(s) ({n_syntax} syntax error(s)).", file=sys.stderr)
    return 1 if findings else 0
