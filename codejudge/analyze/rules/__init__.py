"""The rule registry: one module per rule under ``rules/<category>/<rule>.py``.

A rule module defines ``CODE``, ``NAME``, ``NODE_TYPES`` (the tree-sitter node
types it inspects), optionally ``LANGUAGES`` (default: python only), and
``check(node: Node, ctx: Context)`` yielding ``(node_to_flag, message)`` (``Node`` is
tree-sitter's; ``Context`` the parsed file, ``codejudge.analyze.parser``). Its module docstring
is its documentation (What it does / Why is this bad? / Example / Use instead),
printed by ``codejudge rule CODE``. The category is the package the module
sits in. Codes are never reused; see ``taxonomies/mistakes.yaml``.

>>> RULES["CJ702"].name
'index-at-len'
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from codejudge.analyze.parser import Context
from codejudge.errors import UnknownNameError


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    node_types: tuple[str, ...]
    languages: tuple[str, ...]
    check: Callable[[Node, Context], Iterable[tuple[Node, str]]]
    doc: str
    module: str
    confidence: float = 0.85  # how often a finding of this rule names the right category (docs/analyzer.md)


def _discover() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    here = Path(__file__).parent
    for cat in sorted(p for p in here.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        for info in pkgutil.iter_modules([str(cat)]):
            if info.name.startswith("_"):
                continue
            mod = importlib.import_module(f"{__name__}.{cat.name}.{info.name}")
            rule = Rule(
                code=mod.CODE,
                name=mod.NAME,
                category=cat.name,
                node_types=tuple(mod.NODE_TYPES),
                languages=tuple(getattr(mod, "LANGUAGES", ("python",))),
                check=mod.check,
                doc=(mod.__doc__ or "").strip(),
                module=mod.__name__,
                confidence=float(getattr(mod, "CONFIDENCE", 0.85)),
            )
            if rule.code in rules:  # a programming error in the package itself
                raise RuntimeError(
                    f"rule code {rule.code} defined twice: {rules[rule.code].module}, {mod.__name__}"
                )
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _discover()


def get_rule(code_or_name: str) -> Rule:
    """Look a rule up by code (``CJ702``) or name (``index-at-len``)."""
    key = code_or_name.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    for rule in RULES.values():
        if rule.name == key:
            return rule
    raise UnknownNameError("rule", key, [*RULES, *(r.name for r in RULES.values())])
