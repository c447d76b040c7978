"""Output formats: text, json, sarif (schema-valid), rdjsonl (UTF-8 byte columns), github."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.analyze import analyze_source
from codejudge.analyze.output import FORMATS, render
from codejudge.errors import UnknownNameError

# 'é' is 1 code point, 2 UTF-8 bytes, 1 UTF-16 unit; '𐐀' is 1 code point, 4 bytes, 2 UTF-16 units.
SRC = "def f(xs):\n    s = '𐐀é'; return xs[len(xs)]\n"
SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "review" / "resources" / "sarif-schema-2.1.0.json"


@pytest.fixture()
def findings():
    return analyze_source(SRC, path="pkg/a.py", select={"CJ702"})


def test_text(findings) -> None:
    assert render(findings, "text", {"pkg/a.py": SRC}) == (
        "pkg/a.py:2:22: CJ702 `xs[len(xs)]` is one past the last element and always raises IndexError"
    )


def test_json_roundtrip(findings) -> None:
    data = json.loads(render(findings, "json", {}))
    assert data[0]["code"] == "CJ702" and data[0]["location"]["column"] == 22


def test_rdjsonl_columns_are_utf8_bytes(findings) -> None:
    (line,) = render(findings, "rdjsonl", {"pkg/a.py": SRC}).splitlines()
    d = json.loads(line)
    prefix = "    s = '𐐀é'; return "
    assert d["location"]["range"]["start"] == {"line": 2, "column": len(prefix.encode()) + 1}
    assert d["location"]["range"]["end"]["column"] == len((prefix + "xs[len(xs)]").encode()) + 1
    assert d["code"]["value"] == "CJ702" and d["severity"] == "WARNING"


def test_sarif_utf16_columns_and_schema(findings) -> None:
    doc = json.loads(render(findings, "sarif", {"pkg/a.py": SRC}))
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run["columnKind"] == "utf16CodeUnits"
    rule = run["tool"]["driver"]["rules"][0]
    assert rule["id"] == "CJ702" and rule["name"] == "index-at-len" and rule["defaultConfiguration"]["level"]
    res = run["results"][0]
    assert res["ruleId"] == "CJ702" and res["ruleIndex"] == 0 and res["partialFingerprints"]
    region = res["locations"][0]["physicalLocation"]["region"]
    prefix = "    s = '𐐀é'; return "
    assert region["startColumn"] == len(prefix.encode("utf-16-le")) // 2 + 1 == 23
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/a.py"
    if SARIF_SCHEMA.exists():
        import jsonschema

        jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text()))


def test_github_escapes() -> None:
    from codejudge.types import Finding, Location

    f = Finding("CJ702", "index_off", "50% off\nnext", Location("dir,x/a:b.py", 3, 4, 3, 9))
    out = render([f], "github", {})
    assert (
        out
        == "::warning file=dir%2Cx/a%3Ab.py,line=3,col=4,endLine=3,endColumn=9,title=CJ702::CJ702 50%25 off%0Anext"
    )


def test_every_format_renders_empty_and_unknown_fails() -> None:
    for fmt in FORMATS:
        assert isinstance(render([], fmt, {}), str)
    with pytest.raises(UnknownNameError, match="sarif"):
        render([], "sarf", {})
