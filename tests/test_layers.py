"""The import graph of ``codejudge/`` keeps the layers of ARCHITECTURE.md, and has no loops.

Every import counts, the ones inside functions too (a function-level import is how a loop
or an upward import hides): each module is parsed with ``ast``, never imported. Layers,
lowest first; a module may import its own package's modules and anything in a lower layer:

    base       errors, types, values (the wire format), resources, languages, jsonl,
               extract, testing (tiny models for tests and CPU runs), the package itself
    sandbox    executors, runner, comparator
    problems   loaders; they build sandbox Jobs from test programs, so they sit above it
    analyze    tree-sitter rules, dynamic tags, mutations, repair
    ground     tests derived without given tests
    judge      grounded judge and LLM backends
    evaluate | data | review    users of the judge (side by side: none imports another)
    train      SFT/DPO on data, held-out judge metrics from evaluate
    cli        the only place that knows every layer (then ``python -m codejudge``)

The programs that run inside the sandbox (shipped as files, never imported by codejudge)
may import only the standard library and each other, as siblings at /cj.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from codejudge.resources import package_root

PACKAGE = package_root()

BASE = ("errors", "types", "values", "resources", "languages", "jsonl", "extract", "testing")
LAYERS: dict[str, int] = {
    **{name: 0 for name in BASE},
    "sandbox": 1,
    "problems": 2,
    "analyze": 3,
    "ground": 4,
    "judge": 5,
    "evaluate": 6,
    "data": 6,
    "review": 6,
    "train": 7,
    "cli": 8,
    "__main__": 9,
}

# (importer, imported) -> why this edge may go against the layers. Keep this short.
EXCEPTIONS: dict[tuple[str, str], str] = {}

# Programs that run inside the sandbox: file -> the sibling modules it may import there.
SANDBOX_PROGRAMS: dict[str, set[str]] = {
    "sandbox/runner.py": {"values"},
    "values.py": set(),
    "sandbox/polyrun.py": {"toolchains"},
    "sandbox/toolchains.py": set(),
    "sandbox/agent.py": set(),
    "judge/cost_harness.py": set(),
    "evaluate/normalizer.py": set(),
    "review/pytest_driver.py": {"pytest"},  # the copy of pytest it unpacks from its stdin
    "analyze/repair/dispatcher.py": set(),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("codejudge", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The codejudge module an imported name lives in (the longest known prefix)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str) -> Iterator[tuple[str, int]]:
    """(codejudge module imported, line) for every import statement in ``module``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            # `from pkg import mod` imports the submodule; `from mod import name` the module
            names = [f"{source}.{a.name}" if f"{source}.{a.name}" in MODULES else source for a in node.names]
        for name in names:
            owner = _owner(name) if name.split(".")[0] == "codejudge" else None
            if owner and owner != module:
                yield owner, node.lineno


GRAPH: dict[str, set[str]] = {m: {target for target, _ in imports(m)} for m in MODULES}


def layer_of(module: str) -> tuple[str, int]:
    """(component, rank): ``codejudge.judge.llm.hf`` -> ("judge", 5); the package itself is base."""
    parts = module.split(".")
    component = parts[1] if len(parts) > 1 else "errors"
    if component not in LAYERS:
        raise AssertionError(
            f"{module}: no layer for '{component}'; add it to LAYERS in tests/test_layers.py "
            "(and to ../shared/ARCHITECTURE.md's picture)"
        )
    return component, LAYERS[component]


def test_every_import_goes_down_the_layers() -> None:
    wrong = []
    for module in sorted(MODULES):
        component, rank = layer_of(module)
        for target, line in imports(module):
            other, other_rank = layer_of(target)
            same = other == component or (rank == other_rank == 0)
            if (same or other_rank < rank) or (module, target) in EXCEPTIONS:
                continue
            wrong.append(
                f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {module} ({component}) imports "
                f"{target} ({other}), which is not below it"
            )
    assert not wrong, "imports against the layers (move the shared piece down):\n" + "\n".join(wrong)


def test_the_exceptions_are_still_needed() -> None:
    stale = [edge for edge in EXCEPTIONS if edge[1] not in GRAPH.get(edge[0], set())]
    assert not stale, f"exceptions with no import behind them any more: {stale}"


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(GRAPH):
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(GRAPH[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_loops() -> None:
    assert not _cycles(), "import loops (break them by moving the shared piece into a module below both)"


def test_the_loop_finder_finds_loops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GRAPH, "codejudge.errors", GRAPH["codejudge.errors"] | {"codejudge.cli"})
    assert any({"codejudge.errors", "codejudge.cli"} <= set(c) for c in _cycles())


def test_only_the_cli_imports_the_cli() -> None:
    users = sorted(
        m
        for m, targets in GRAPH.items()
        if any(layer_of(t)[0] == "cli" for t in targets) and layer_of(m)[0] not in ("cli", "__main__")
    )
    assert not users, f"modules outside the CLI that import it: {users}"


def test_function_level_imports_are_seen() -> None:
    # hooks.run_affected_tests imports the sandbox inside the function
    assert "codejudge.sandbox" in GRAPH["codejudge.review.hooks"]


@pytest.mark.parametrize("program", sorted(SANDBOX_PROGRAMS))
def test_sandbox_programs_import_only_the_standard_library(program: str) -> None:
    path = PACKAGE / program
    allowed = sys.stdlib_module_names | SANDBOX_PROGRAMS[program]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{program}: relative import (it runs as a lone file in the sandbox)"
            found.add((node.module or "").split(".")[0])
    assert found - {"__future__"} <= allowed, f"{program} imports {sorted(found - allowed - {'__future__'})}"
