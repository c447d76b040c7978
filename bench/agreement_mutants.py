"""Samples the developers did not pick: real LLM solutions, mutated in the ways programs
written for a prompt go wrong around the function itself (imports, top-level code, stdin,
exits, recursion), for bench/agreement.py to evaluate with codejudge and evalplus 0.3.1.

Each mutation is a small rewrite of one solution's text; it is applied to every solution it
fits (a solution without an import has no "drop_import" mutant). Deterministic: the same
files give the same mutants.

    >>> [k for k, _ in mutants("import math\\ndef f(x):\\n    return math.sqrt(x)\\n", "f", [4], "")][:3]
    ['drop_import', 'top_print', 'stray_input']
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

KINDS = (
    "drop_import",
    "top_print",
    "stray_input",
    "input_eof_guarded",
    "module_asserts",
    "main_block",
    "exit_end",
    "exit_in_function",
    "recursion_wrapper",
    "recursion_memo",
)


def _lines(code: str) -> list[str]:
    return code.splitlines(keepends=True)


def drop_import(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """The first top-level import statement removed."""
    node = next(
        (
            n
            for n in tree.body
            if isinstance(n, (ast.Import, ast.ImportFrom))
            and not (isinstance(n, ast.ImportFrom) and n.module == "__future__")
        ),
        None,
    )
    if node is None:
        return None
    lines = _lines(code)
    return "".join(lines[: node.lineno - 1] + lines[node.end_lineno :])


def top_print(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """A top-level print of the function's answer on the first base input (output is swallowed)."""
    return f"{code.rstrip()}\n\nprint({entry}(*{args!r}))\n"


def stray_input(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """A top-level read from stdin, left over from a script: there is no input."""
    return f"{code.rstrip()}\n\nline = input()\n"


def input_eof_guarded(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """A top-level read from stdin that expects EOF when there is no input (as `python
    solution.py < /dev/null` gives)."""
    return f"{code.rstrip()}\n\ntry:\n    line = input()\nexcept EOFError:\n    line = ''\n"


def module_asserts(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """The dataset's own example asserts at module level (MBPP's `assertion`, HumanEval's
    original `check`), as models often append them."""
    return f"{code.rstrip()}\n\n{asserts.strip()}\n" if asserts.strip() else None


def main_block(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """An `if __name__ == "__main__":` demo that reads stdin and exits: never run on import."""
    return (
        f'{code.rstrip()}\n\n\nif __name__ == "__main__":\n    print({entry}(*{args!r}))\n'
        f"    line = input()\n    exit(1)\n"
    )


def exit_end(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """`exit()` at the end of the module."""
    return f"{code.rstrip()}\n\nexit()\n"


def exit_in_function(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """`exit(0)` as the entry point's first statement."""
    fn = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == entry), None)
    if fn is None:
        return None
    first = fn.body[0]
    lines = _lines(code)
    line = lines[first.lineno - 1]
    indent = line[: len(line) - len(line.lstrip())]
    if first.col_offset != len(indent):  # `def f(x): return x` on one line
        return None
    return "".join(lines[: first.lineno - 1] + [f"{indent}exit(0)\n"] + lines[first.lineno - 1 :])


def recursion_wrapper(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """Every call descends 500 Python frames before reaching the original function."""
    return (
        f"{code.rstrip()}\n\n\n_original = {entry}\n\n\ndef _descend(depth, args):\n"
        f"    return _original(*args) if depth == 0 else _descend(depth - 1, args)\n\n\n"
        f"def {entry}(*args):\n    return _descend(500, args)\n"
    )


def recursion_memo(code: str, tree: ast.Module, entry: str, args: list, asserts: str) -> str | None:
    """A memoized recursion 5,000 deep at import, under a raised recursion limit (a DP table
    filled top-down, as models write them)."""
    return (
        f"import sys\nfrom functools import lru_cache\n\nsys.setrecursionlimit(100000)\n\n\n"
        f"@lru_cache(maxsize=None)\ndef _table(n):\n    return 0 if n == 0 else 1 + _table(n - 1)\n\n\n"
        f"_table(5000)\n\n{code}"
    )


MUTATIONS: dict[str, Callable[..., str | None]] = {name: globals()[name] for name in KINDS}


def mutants(code: str, entry: str, args: list, asserts: str) -> Iterator[tuple[str, str]]:
    """(kind, mutated code) for every mutation that fits ``code``; none for unparsable code."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return
    for kind, mutate in MUTATIONS.items():
        out = mutate(code, tree, entry, args, asserts)
        if out is not None and out != code:
            yield kind, out
