"""Mistake tags for code: static rules on tree-sitter trees, dynamic tags from tests.

>>> [f.code for f in analyze_source("def f(x):\\n    return x[len(x)]\\n")]
['CJ702']
>>> analyze_source("def f(:\\n")[0].category
'syntax'
"""

from __future__ import annotations

import functools

from codejudge.analyze import suppression
from codejudge.analyze.parser import Context, first_syntax_error, parse
from codejudge.analyze.rules import RULES, Rule
from codejudge.types import Finding, Location

SYNTAX_CODE = "CJ001"


def _active(language: str, select: set[str] | None, ignore: set[str] | None) -> list[Rule]:
    return _active_cached(language, frozenset(select or ()), frozenset(ignore or ()))


@functools.lru_cache(maxsize=64)
def _active_cached(language: str, select: frozenset[str], ignore: frozenset[str]) -> list[Rule]:
    def chosen(code: str) -> bool:
        # Prefix selection like ruff: "CJ7" selects every index-off rule.
        if select and not any(code.startswith(s.upper()) for s in select):
            return False
        return not (ignore and any(code.startswith(s.upper()) for s in ignore))

    return [r for r in RULES.values() if language in r.languages and chosen(r.code)]


def analyze_source(
    source: str,
    path: str = "<string>",
    language: str = "python",
    select: set[str] | None = None,
    ignore: set[str] | None = None,
) -> list[Finding]:
    """Run the static rules on one file; findings sorted by position.

    A file that does not parse gives a single CJ001 finding (category "syntax").
    """
    source = source.removeprefix("\ufeff")  # a UTF-8 BOM is not code (and not a column)
    ctx = parse(source, path, language)
    bad = first_syntax_error(ctx)
    syntax: Finding | None = None
    if bad is not None:
        what = (
            "Python 2 statement"
            if bad.type in ("print_statement", "exec_statement")
            else (f"missing {bad.type}" if bad.is_missing else "invalid syntax")
        )
        syntax = Finding(SYNTAX_CODE, "syntax", f"Syntax error: {what}", ctx.location(bad), severity="error")
    elif language == "python":
        syntax = _cpython_syntax_error(source, path)
    if syntax is not None:
        return suppression.apply([syntax], _noqa(ctx)) if _keep_syntax(select, ignore) else []
    findings: list[Finding] = []
    for rule in _active(language, select, ignore):
        for node_type in rule.node_types:
            for node in ctx.nodes.get(node_type, ()):
                for flagged, message in rule.check(node, ctx):
                    findings.append(
                        Finding(
                            rule.code,
                            rule.category,
                            message,
                            ctx.location(flagged),
                            confidence=rule.confidence,
                        )
                    )
    findings = suppression.apply(findings, _noqa(ctx))
    findings.sort(
        key=lambda f: (f.location.line, f.location.column, f.code) if f.location else (0, 0, f.code)
    )
    return findings


def _cpython_syntax_error(source: str, path: str) -> Finding | None:
    """tree-sitter is error-tolerant about indentation; CPython's parser has the last word."""
    try:
        compile(source, path, "exec", flags=_AST_ONLY, dont_inherit=True)
    except SyntaxError as exc:
        line = exc.lineno or 1
        return Finding(
            SYNTAX_CODE,
            "syntax",
            f"Syntax error: {exc.msg}",
            Location(path, line, max(1, exc.offset or 1)),
            severity="error",
        )
    except ValueError as exc:  # e.g. null bytes in the source
        return Finding(SYNTAX_CODE, "syntax", f"Syntax error: {exc}", Location(path, 1, 1), severity="error")
    return None


_AST_ONLY = 0x400  # ast.PyCF_ONLY_AST: parse without generating bytecode


def _keep_syntax(select: set[str] | None, ignore: set[str] | None) -> bool:
    if select and not any(SYNTAX_CODE.startswith(s.upper()) for s in select):
        return False
    return not (ignore and any(SYNTAX_CODE.startswith(s.upper()) for s in ignore))


def _noqa(ctx: Context) -> dict[int, set[str] | None]:
    comments = ctx.nodes.get("comment", ())
    if not comments:
        return {}
    lines = [""] * (ctx.tree.root_node.end_point[0] + 1)
    for c in comments:
        lines[c.start_point[0]] = ctx.text(c)
    return suppression.suppressions(lines)


__all__ = ["RULES", "SYNTAX_CODE", "analyze_source"]
