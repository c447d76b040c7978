"""Render findings as text, json, sarif, rdjsonl or github annotations.

``Finding.location`` columns are 1-based Unicode code points; each format gets
the unit it specifies: SARIF 2.1.0 counts UTF-16 code units (its default
``columnKind``), reviewdog's rdjson counts UTF-8 bytes, text and GitHub
annotations show code points (what editors show). End columns are exclusive.

>>> from codejudge.types import Finding, Location
>>> f = Finding("CJ702", "index_off", "out of range", Location("a.py", 2, 12, 2, 21))
>>> print(render([f], "text", {}))
a.py:2:12: CJ702 out of range
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from codejudge.errors import UnknownNameError
from codejudge.types import Finding

FORMATS = ("text", "json", "sarif", "rdjsonl", "github")
TOOL_URI = "https://github.com/codejudge/codejudge"
_LEVELS = {"error": "error", "warning": "warning", "note": "note"}


def render(findings: list[Finding], fmt: str, sources: dict[str, str]) -> str:
    """Render ``findings``; ``sources`` maps path -> text (for column units and fingerprints)."""
    if fmt not in _RENDERERS:
        raise UnknownNameError("output format", fmt, FORMATS)
    return _RENDERERS[fmt](findings, sources)


def _line_text(sources: dict[str, str], path: str, line: int) -> str:
    lines = sources.get(path, "").splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _units(text: str, column: int, unit: str) -> int:
    """Convert a 1-based code-point column on ``text`` into 1-based ``unit`` columns."""
    prefix = text[: column - 1]
    if prefix.isascii():
        return column
    if unit == "utf16":
        return len(prefix.encode("utf-16-le")) // 2 + 1
    return len(prefix.encode("utf-8")) + 1


def _text(findings: list[Finding], sources: dict[str, str]) -> str:
    out = []
    for f in findings:
        loc = f.location
        where = f"{loc.path}:{loc.line}:{loc.column}: " if loc else ""
        out.append(f"{where}{f.code} {f.message}")
    return "\n".join(out)


def _json(findings: list[Finding], sources: dict[str, str]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False)


def _rdjsonl(findings: list[Finding], sources: dict[str, str]) -> str:
    lines = []
    for f in findings:
        d: dict = {
            "message": f.message,
            "severity": {"error": "ERROR", "note": "INFO"}.get(f.severity, "WARNING"),
            "source": {"name": "codejudge", "url": TOOL_URI},
            "code": {"value": f.code},
        }
        if f.location:
            loc = f.location
            start_text = _line_text(sources, loc.path, loc.line)
            rng: dict = {"start": {"line": loc.line, "column": _units(start_text, loc.column, "utf8")}}
            if loc.end_line:
                end_text = _line_text(sources, loc.path, loc.end_line)
                rng["end"] = {"line": loc.end_line, "column": _units(end_text, loc.end_column or 1, "utf8")}
            d["location"] = {"path": loc.path, "range": rng}
        lines.append(json.dumps(d, ensure_ascii=False))
    return "\n".join(lines)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(findings: list[Finding], sources: dict[str, str]) -> str:
    out = []
    for f in findings:
        level = {"error": "error", "note": "notice"}.get(f.severity, "warning")
        props = []
        if f.location:
            loc = f.location
            props += [f"file={_escape_prop(loc.path)}", f"line={loc.line}", f"col={loc.column}"]
            if loc.end_line:
                props.append(f"endLine={loc.end_line}")
                if loc.end_column and loc.end_line == loc.line:
                    props.append(f"endColumn={loc.end_column}")
        props.append(f"title={_escape_prop(f.code)}")
        out.append(f"::{level} {','.join(props)}::{_escape_data(f'{f.code} {f.message}')}")
    return "\n".join(out)


def _sarif(findings: list[Finding], sources: dict[str, str]) -> str:
    from codejudge.analyze.rules import RULES
    from codejudge.analyze.taxonomy import mistake_codes

    codes = mistake_codes()
    used = sorted({f.code for f in findings})
    index = {c: i for i, c in enumerate(used)}
    rules = []
    for code in used:
        entry = codes.get(code, {"name": code.lower(), "summary": code, "category": ""})
        rule = RULES.get(code)
        full = rule.doc.split("What it does:")[-1].split("Why is this bad?")[0] if rule else entry["summary"]
        rules.append(
            {
                "id": code,
                "name": entry["name"],
                "shortDescription": {"text": entry["summary"]},
                "fullDescription": {"text": " ".join(full.split())},
                "help": {"text": rule.doc if rule else entry["summary"]},
                "defaultConfiguration": {"level": "error" if code == "CJ001" else "warning"},
                "properties": {"tags": [entry.get("category", ""), entry.get("kind", "")]},
            }
        )
    results = []
    for f in findings:
        r: dict = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message},
        }
        if f.location:
            loc = f.location
            start_text = _line_text(sources, loc.path, loc.line)
            region = {"startLine": loc.line, "startColumn": _units(start_text, loc.column, "utf16")}
            if loc.end_line:
                end_text = _line_text(sources, loc.path, loc.end_line)
                region["endLine"] = loc.end_line
                region["endColumn"] = _units(end_text, loc.end_column or 1, "utf16")
            r["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": loc.path.replace("\\", "/")},
                        "region": region,
                    }
                }
            ]
            # Stable across line shifts: the code plus the flagged line's text.
            digest = hashlib.sha256(f"{f.code}\0{start_text.strip()}".encode()).hexdigest()[:32]
            r["partialFingerprints"] = {"primaryLocationLineHash": digest}
        r["properties"] = {
            "source": f.source,
            "confidence": f.confidence,
            **({"evidence": f.evidence} if f.evidence else {}),
        }
        results.append(r)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "codejudge", "informationUri": TOOL_URI, "rules": rules}},
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


_RENDERERS: dict[str, Callable[[list[Finding], dict[str, str]], str]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "rdjsonl": _rdjsonl,
    "github": _github,
}
