"""Every taxonomy code has a rule and an annotated fixture; every rule is in the taxonomy.

Fixtures are semgrep-style: ``# cj: CODE`` above a line that must be flagged,
``# ok: CODE`` above a line that must not be. The findings of the rule on its
fixture must be exactly the ``cj`` lines.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from tree_sitter import Node

from codejudge.analyze import analyze_source
from codejudge.analyze.parser import Context
from codejudge.analyze.rules import RULES, get_rule
from codejudge.analyze.taxonomy import load, mistake_codes
from codejudge.errors import UnknownNameError

FIXTURES = Path(__file__).parent / "fixtures"
_ANNOT = re.compile(r"(?:#|//)\s*(cj|ok):\s*([A-Z0-9, ]+)$")
_SUFFIX = {"python": ".py", "javascript": ".js"}


def _taxonomy_rules() -> dict[str, dict]:
    return {c: e for c, e in mistake_codes().items() if e["kind"] == "rule"}


def _annotations(text: str) -> dict[str, dict[str, set[int]]]:
    """code -> {"cj": lines, "ok": lines}; an annotation names the next non-comment line."""
    lines = text.splitlines()
    out: dict[str, dict[str, set[int]]] = {}
    for i, line in enumerate(lines):
        m = _ANNOT.search(line.strip())
        if not m:
            continue
        target = next(j for j in range(i + 1, len(lines)) if not lines[j].strip().startswith(("#", "//")))
        for code in filter(None, (c.strip() for c in m.group(2).split(","))):
            out.setdefault(code, {"cj": set(), "ok": set()})[m.group(1)].add(target + 1)
    return out


ALL_CODES = sorted(set(_taxonomy_rules()) | set(RULES))


@pytest.mark.parametrize("code", ALL_CODES)
def test_rule_taxonomy_fixture(code: str) -> None:
    entry = _taxonomy_rules().get(code)
    assert entry is not None, f"{code} has a rule module but no entry in taxonomies/mistakes.yaml"
    assert code in RULES, f"{code} is in taxonomies/mistakes.yaml but has no rule module"
    rule = RULES[code]
    assert (rule.name, rule.category) == (entry["name"], entry["category"])
    for section in ("What it does:", "Why is this bad?", "Example:", "Use instead:"):
        assert section in rule.doc, f"{code} doc lacks '{section}'"
    language = rule.languages[0]
    fixture = FIXTURES / f"{code}{_SUFFIX[language]}"
    assert fixture.exists(), f"missing fixture {fixture}"
    text = fixture.read_text()
    ann = _annotations(text).get(code)
    assert ann and ann["cj"] and ann["ok"], f"{fixture} needs both '# cj: {code}' and '# ok: {code}' cases"
    found = analyze_source(text, path=str(fixture), language=language, select={code})
    assert all(f.code == code and f.category == rule.category for f in found)
    lines = sorted(f.location.line for f in found)
    assert lines == sorted(ann["cj"]), f"{code}: flagged lines {lines}, expected {sorted(ann['cj'])}"
    assert not ann["ok"] & set(lines)


def test_fixtures_have_rules() -> None:
    stray = {p.stem for p in FIXTURES.glob("CJ*.*")} - set(RULES)
    assert not stray, f"fixtures without a rule: {stray}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_check_is_typed(code: str) -> None:
    """Every rule has one typed seam: ``check(node: Node, ctx: Context) -> Iterator[tuple[Node, str]]``
    (mypy then checks the body against tree-sitter's types)."""
    rule = RULES[code]
    hints = typing.get_type_hints(rule.check)
    assert list(inspect.signature(rule.check).parameters) == ["node", "ctx"], rule.module
    assert hints["node"] is Node and hints["ctx"] is Context, rule.module
    assert hints["return"] == Iterator[tuple[Node, str]], rule.module


def test_taxonomies_load_and_counts() -> None:
    assert len(load("mistakes")["categories"]) == 7
    assert len(load("reasons")["reasons"]) == 6
    prefs = load("preferences")["preferences"]
    assert [p["id"] for p in prefs] == [
        "instruction-following",
        "code-explanation",
        "code-complexity-and-efficiency",
        "code-readability",
        "coding-style",
    ]
    assert all(sorted(p["rubric"]) == ["1", "2", "3", "4", "5"] for p in prefs)


def test_syntax_error_is_cj001() -> None:
    (f,) = analyze_source("def f(x):\n    return x +\n", path="a.py")
    assert (f.code, f.category, f.location.path, f.location.line) == ("CJ001", "syntax", "a.py", 2)
    (g,) = analyze_source('print "hi"\n')
    assert g.code == "CJ001" and "Python 2" in g.message


def test_noqa_suppression_and_select() -> None:
    src = "def f(xs):\n    return xs[len(xs)]  # noqa: CJ702\n\ndef g(xs):\n    return xs[len(xs)]  # noqa\n"
    assert analyze_source(src) == []
    src2 = "def f(xs):\n    return xs[len(xs)]  # noqa: CJ101\n"
    assert [f.code for f in analyze_source(src2)] == ["CJ702"]
    assert analyze_source(src2, ignore={"CJ7"}) == []
    assert analyze_source(src2, select={"CJ1"}) == []


def test_columns_are_code_points() -> None:
    (f,) = analyze_source("def f(xs):\n    s = 'é'; return xs[len(xs)]\n", select={"CJ702"})
    assert f.location.column == 21  # 'é' is 2 bytes in UTF-8 but one code point


def test_get_rule_unknown_suggests() -> None:
    assert get_rule("index-at-len").code == "CJ702"
    with pytest.raises(UnknownNameError, match="Did you mean"):
        get_rule("CJ7O2")


def test_javascript_syntax_and_unknown_language() -> None:
    (f,) = analyze_source("function f( { return 1; }", path="a.js", language="javascript")
    assert f.code == "CJ001" and f.location.path == "a.js"
    with pytest.raises(UnknownNameError, match="javascript"):
        analyze_source("x = 1", language="rust")
