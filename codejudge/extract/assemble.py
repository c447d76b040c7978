"""Fit an extracted solution to a test program: one helper for every execution path.

HumanEvalPack-style tests are programs (a C++/Java ``main``, a Go ``TestX``, a
Rust ``#[cfg(test)]`` module) appended to the candidate. Chat answers bring their
own ``main`` (``redefinition of 'main'``), lack the includes/imports the dataset's
declaration had, wrap Java methods in the wrong class, or repeat a Rust ``use``
the header already has (``E0252``). ``assemble_program`` fixes exactly those and
says what it did.

>>> a = assemble_program("bool f(vector<int> v){ return v.empty(); }\\nint main(){ return 0; }\\n", "cpp",
...                      "int main(){ return f({}) ? 0 : 1; }\\n", header="#include<vector>\\nusing namespace std;\\n")
>>> print(a.program)
#include<vector>
using namespace std;
bool f(vector<int> v){ return v.empty(); }
<BLANKLINE>
int main(){ return f({}) ? 0 : 1; }
<BLANKLINE>
>>> a.stripped
['main() (the test harness has its own)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from codejudge.extract import fixups, syntax
from codejudge.languages import canonical_language

_MAIN = {
    "cpp": r"\bint\s+main\s*\(",
    "java": r"\bstatic\s+void\s+main\s*\(",
    "go": r"\bfunc\s+main\s*\(",
    "rust": r"\bfn\s+main\s*\(",
}
# Top-level node types that import something, per language (what a header contributes).
_IMPORT_NODES = {
    "cpp": {"preproc_include", "using_declaration", "alias_declaration"},
    "java": {"import_declaration"},
    "go": {"import_declaration"},
    "rust": {"use_declaration", "extern_crate_declaration"},
    "python": {"import_statement", "import_from_statement", "future_import_statement"},
    "js": {"import_statement"},
}


@dataclass
class Assembly:
    """``program``: header + solution + test program in one file. ``solution``: the first two only."""

    program: str
    solution: str
    stripped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def header_imports(header: str, language: str) -> str:
    """The include/import/use lines of a dataset declaration (its dangling signature is left out).

    >>> header_imports("#include<stdio.h>\\nusing namespace std;\\nbool f(int x){\\n", "cpp")
    '#include<stdio.h>\\nusing namespace std;\\n'
    """
    lang = canonical_language(language)
    if not header.strip():
        return ""
    root = syntax.parse(header, lang).root_node
    lines = []
    for node in root.named_children:
        if node.type in _IMPORT_NODES.get(lang, set()):
            lines.append(syntax.text(node).rstrip())
        elif node.type == "ERROR":  # the signature without a body confuses the parser: look inside
            lines += [
                syntax.text(c).rstrip() for c in node.named_children if c.type in _IMPORT_NODES.get(lang, ())
            ]
    return "".join(ln + "\n" for ln in lines)


def assemble_program(
    code: str,
    language: str,
    test_program: str = "",
    header: str = "",
    *,
    entry_point: str | None = None,
    add_imports: bool = True,
    java_class: str = "Solution",
) -> Assembly:
    """``code`` made to fit ``test_program`` (see module doc).

    ``header``: the dataset's declaration or import lines (HumanEvalPack
    ``declaration``; Go: its ``import`` field); only its import lines are used.
    The answer's ``main`` is removed when the test program has one. ``add_imports``
    adds the standard includes/imports the code needs that neither it nor the
    header has. Java: the entry point ends up in ``class <java_class>``.
    """
    lang = canonical_language(language)
    stripped: list[str] = []
    added: list[str] = []
    if lang in _MAIN and re.search(_MAIN[lang], test_program):
        code, stripped = fixups.strip_main(code, lang, entry_point)
    head = header_imports(header, lang)
    if lang == "java":
        code, notes = _java(code, entry_point, java_class)
        added += notes
    if lang == "rust":
        code, notes = _rust_hidden_structs(code)
        added += notes
    if lang == "rust" and head:
        code, dropped = _drop_rust_duplicates(code, head)
        stripped += dropped
    if lang == "go":
        solution, notes = _go(code, head)
        added += notes
    else:
        solution = head + code
        if add_imports:
            solution, more = fixups.add_imports(solution, lang, context=test_program)
            added += more
    program = solution.rstrip("\n") + "\n\n" + test_program if test_program else solution
    return Assembly(program, solution, stripped, added)


def _java(code: str, entry_point: str | None, java_class: str) -> tuple[str, list[str]]:
    notes = []
    code, n = re.subn(r"^\s*package\s+[\w.]+\s*;[ \t]*\n", "", code, flags=re.M)
    if n:
        notes.append("removed the package declaration (the harness uses the default package)")
    code, more = fixups.java_solution_class(code, entry_point, java_class)
    return code, notes + more


def _use_names(text: str) -> set[str]:
    """Leaf names a Rust ``use`` brings in scope (``std::{cmp::max, collections::HashMap}`` -> max, HashMap)."""
    names = set()
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        body = re.sub(r"\s+as\s+(\w+)", r" \1", m.group(1))
        for leaf in re.findall(r"(\w+)\s*(?=[,}]|$)", body.strip()):
            names.add(leaf)
    return names - {"self", "std", "crate", "super"}


def _rust_hidden_structs(code: str) -> tuple[str, list[str]]:
    """``struct Solution;`` for an ``impl Solution { ... }`` that no type in the code declares:
    LeetCode's Rust template declares it out of sight. Inherent impls of a capitalised name only,
    and never a name a ``use`` brings in (``struct`` would clash with it)."""
    declared = set(re.findall(r"\b(?:struct|enum|union|type|trait)\s+([A-Za-z_]\w*)", code)) | _use_names(
        code
    )
    missing = [
        n for n in dict.fromkeys(re.findall(r"^\s*impl\s+([A-Z]\w*)\s*\{", code, re.M)) if n not in declared
    ]
    if not missing:
        return code, []
    return "".join(f"struct {n};\n" for n in missing) + "\n" + code, [
        f"struct {n}; (declared out of sight by LeetCode)" for n in missing
    ]


def _drop_rust_duplicates(code: str, head: str) -> tuple[str, list[str]]:
    """Drop the answer's ``use`` lines whose names the header already imports (E0252 otherwise)."""
    have = _use_names(head)
    dropped = []

    def repl(m: re.Match[str]) -> str:
        names = _use_names(m.group(0))
        if names and names <= have:
            dropped.append(f"{m.group(0).strip()} (the header imports it)")
            return ""
        return m.group(0)

    code = re.sub(r"^[ \t]*use\s+[^;]+;[ \t]*\n?", repl, code, flags=re.M)
    return code, dropped


def _go(code: str, head: str) -> tuple[str, list[str]]:
    """``package main``, one import block (the answer's, the header's and those the code needs, all used)."""
    notes = []
    body = re.sub(r"^\s*package\s+\w+[^\n]*\n", "", code, count=1, flags=re.M)
    paths = fixups.go_imports(body) + fixups.go_imports(head)
    body = re.sub(
        r"^[ \t]*import\s*(\([^)]*\)|\"[^\"\n]*\"|\w+\s+\"[^\"\n]*\")[ \t]*\n?", "", body, flags=re.M
    )
    needed = fixups.go_packages_used(body)
    keep = sorted(
        {p for p in paths if p in needed or re.search(rf"\b{re.escape(p.rsplit('/', 1)[-1])}\.", body)}
        | set(needed)
    )
    missing = sorted(set(needed) - set(paths))
    notes += [f'import "{p}"' for p in missing]
    unused = sorted(set(paths) - set(keep))
    notes += [f'dropped unused import "{p}"' for p in unused]
    imports = ("import (\n" + "".join(f'    "{p}"\n' for p in keep) + ")\n\n") if keep else ""
    return "package main\n\n" + imports + body.strip("\n") + "\n", notes
