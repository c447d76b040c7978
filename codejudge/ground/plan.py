"""How to call a response: its entry point and I/O style, inferred from the code and the statement.

Three styles:

- ``function``: a top-level ``def f(...)`` called with positional arguments;
- ``method``: LeetCode's ``class Solution: def twoSum(self, ...)``, called as
  ``Solution().twoSum(...)`` through a small wrapper appended to the code;
- ``stdio``: a program that reads standard input and prints its answer.

The statement's names come first (the function its examples call, the
signature it declares); the response's own definitions only fill the gaps, so
a response cannot pick which examples apply to it by naming things.

>>> p = plan_for("def add(a, b):\\n    return a + b\\n", ["add"], [])
>>> p.style, p.entry, p.params
('function', 'add', ['a', 'b'])
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field
from typing import Any

from codejudge.ground.nodes import PRELUDE, uses_nodes, wrapper

WRAPPER = "_cj_entry"  # appended to method-style responses; the job calls this


@dataclass
class Plan:
    """How to run one response. ``style`` None means it cannot be run (``why`` says why)."""

    style: str | None
    entry: str | None = None  # the function (or method) name in the response
    params: list[str] = field(default_factory=list)  # positional parameter names, self excluded
    annotations: list[str | None] = field(default_factory=list)
    returns: str | None = None
    why: str = ""
    cls: str | None = None  # class holding the method (method style)
    language: str = "python"  # other languages run as program jobs (``codejudge.ground.programs``)
    typed: Any = None  # their ``codejudge.ground.typed.TypedSig``: how to write each argument

    @property
    def runnable(self) -> bool:
        return self.style is not None

    @property
    def nodes(self) -> bool:
        """Python answers taking or returning LeetCode's ``ListNode``/``TreeNode`` (``ground/nodes.py``)."""
        return (
            self.language == "python"
            and self.style in ("function", "method")
            and uses_nodes(self.annotations, self.returns)
        )

    def source(self, code: str) -> str:
        """The code the sandbox runs: method style gets a module-level wrapper, design style
        (``codejudge.ground.design``) a driver building the object and calling each operation, and
        an answer over linked lists or trees one that converts them from and to lists."""
        if self.nodes and self.entry:
            call = f"{self.cls}().{self.entry}" if self.style == "method" else self.entry
            return PRELUDE + "\n\n" + code + wrapper(WRAPPER, call, self.annotations, self.returns)
        if self.style == "method" and self.cls and self.entry and self.language == "python":
            return code + f"\n\ndef {WRAPPER}(*args):\n    return {self.cls}().{self.entry}(*args)\n"
        if self.style == "design" and self.cls and self.language == "python":
            return code + (
                f"\n\ndef {WRAPPER}(operations, arguments):\n"
                f"    obj = {self.cls}(*arguments[0])\n"
                "    out = [None]\n"
                "    for op, args in zip(operations[1:], arguments[1:]):\n"
                "        out.append(getattr(obj, op)(*args))\n"
                "    return out\n"
            )
        return code

    @property
    def job_entry(self) -> str | None:
        return WRAPPER if self.style in ("method", "design") or self.nodes else self.entry


@dataclass
class _Defs:
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)
    methods: dict[str, tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = field(default_factory=dict)
    called: set[str] = field(default_factory=set)  # names called inside other functions
    reads_stdin: bool = False
    top_level_calls: set[str] = field(default_factory=set)


def _defs(tree: ast.Module) -> _Defs:
    d = _Defs()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            d.functions[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith(
                    "_"
                ):
                    d.methods.setdefault(item.name, (node.name, item))
    for sub in ast.walk(tree):
        if isinstance(sub, ast.Call):
            f = sub.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in ("input", "readline", "readlines") or (
                isinstance(f, ast.Attribute)
                and isinstance(f.value, ast.Attribute)
                and f.value.attr == "stdin"
            ):
                d.reads_stdin = True
            if (
                isinstance(f, ast.Name)
                and name == "open"
                and sub.args
                and isinstance(sub.args[0], ast.Constant)
                and sub.args[0].value == 0
            ):
                d.reads_stdin = True
        if isinstance(sub, ast.Attribute) and sub.attr == "stdin":
            d.reads_stdin = True
    for fn in d.functions.values():  # used by another function (called, or passed as in map(f, xs))
        for ref in ast.walk(fn):
            if isinstance(ref, ast.Name) and isinstance(ref.ctx, ast.Load) and ref.id != fn.name:
                d.called.add(ref.id)
    for stmt in tree.body:  # code run at import: `main()`, `if __name__ == "__main__": main()`
        if isinstance(
            stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
        ):
            continue
        for call in ast.walk(stmt):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
                d.top_level_calls.add(call.func.id)
    return d


def _signature(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, method: bool
) -> tuple[list[str], list[str | None], str | None]:
    args = [*fn.args.posonlyargs, *fn.args.args]
    if method and args and args[0].arg in ("self", "cls"):
        args = args[1:]
    ann = [ast.unparse(a.annotation) if a.annotation is not None else None for a in args]
    ret = ast.unparse(fn.returns) if fn.returns is not None else None
    return [a.arg for a in args], ann, ret


def _function(fn: ast.FunctionDef | ast.AsyncFunctionDef, why: str) -> Plan:
    params, ann, ret = _signature(fn, method=False)
    return Plan("function", fn.name, params, ann, ret, why)


def _method(cls: str, fn: ast.FunctionDef | ast.AsyncFunctionDef, why: str) -> Plan:
    params, ann, ret = _signature(fn, method=True)
    return Plan("method", fn.name, params, ann, ret, why, cls=cls)


def plan_for(code: str, wanted: list[str], kwarg_names: list[str], stdio_examples: bool = False) -> Plan:
    """The plan for ``code`` given the names the statement calls or declares (``wanted``, best first)
    and the argument names its examples use (``kwarg_names``)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return Plan(None, why=f"the code does not parse ({type(exc).__name__})")
    d = _defs(tree)
    for name in wanted:
        if name in d.functions:
            return _function(d.functions[name], f"defines {name}(), which the statement names")
        if name in d.methods:
            cls, fn = d.methods[name]
            return _method(cls, fn, f"defines {cls}.{name}(), which the statement names")
    public = [f for n, f in d.functions.items() if not n.startswith("_") and n not in ("main",)]
    # A program: reads stdin, and either the statement shows stdin samples, or it has no function
    # to call, or its own top-level code runs one (`main()`, `if __name__ == "__main__": solve()`).
    if d.reads_stdin and (stdio_examples or not public or d.top_level_calls & set(d.functions)):
        return Plan("stdio", why="reads standard input")
    if kwarg_names:  # LeetCode-style "nums = [..], k = 3": the function taking those names
        for fn in public:
            if set(kwarg_names) <= set(_signature(fn, False)[0]):
                return _function(fn, f"{fn.name}() takes the example's arguments {', '.join(kwarg_names)}")
        for name, (cls, fn) in d.methods.items():
            if set(kwarg_names) <= set(_signature(fn, True)[0]):
                return _method(cls, fn, f"{cls}.{name}() takes the example's arguments")
    roots = [f for f in public if f.name not in d.called]
    if len(roots) == 1:
        return _function(roots[0], f"{roots[0].name}() is its only top-level function not used by another")
    solution_methods = [(c, f) for c, f in d.methods.values() if c == "Solution"]
    if len(solution_methods) == 1 or (not public and len(d.methods) == 1):
        cls, fn = (solution_methods or list(d.methods.values()))[0]
        return _method(cls, fn, f"{cls}.{fn.name}() is its only public method")
    if len(public) == 1:
        return _function(public[0], f"{public[0].name}() is its only public function")
    if d.reads_stdin:
        return Plan("stdio", why="reads standard input")
    names = ", ".join(sorted(d.functions)) or "none"
    return Plan(
        None,
        why=f"no entry point found (statement names: {', '.join(wanted) or 'none'}; "
        f"functions defined: {names})",
    )


def is_builtin(name: str) -> bool:
    return hasattr(builtins, name)


@dataclass
class Signature:
    """A function signature the instruction itself writes (``def f(x: int) -> str:``)."""

    name: str
    params: list[str]
    annotations: list[str | None]
    returns: str | None


_DEF = re.compile(r"\bdef\s+([A-Za-z_]\w*)\s*\(")
_BACKTICK = re.compile(r"`([A-Za-z_]\w*\s*\([^`]*\)(?:\s*->\s*[^`]+)?)`")


def instruction_functions(text: str) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """Top-level functions of the instruction's Python code (its fenced blocks, else the whole text)."""
    blocks = re.findall(r"```(?:python|py)?[ \t]*\n(.*?)```", text, re.DOTALL) or [text]
    out: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for block in blocks:
        try:
            tree = ast.parse(block)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        out.update({n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))})
    return out


def is_stub(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A body of only a docstring, ``pass`` or ``...``: the function the instruction asks to write."""
    return all(
        isinstance(s, ast.Pass)
        or (
            isinstance(s, ast.Expr)
            and isinstance(s.value, ast.Constant)
            and (isinstance(s.value.value, str) or s.value.value is Ellipsis)
        )
        for s in fn.body
    )


def instruction_signature(text: str) -> Signature | None:
    """The first parseable Python signature in the instruction, or None. When the instruction's code
    defines some functions in full and leaves one a stub (``encode`` given, ``decode`` to write), the
    stub's signature: the complete ones are context, not the entry point."""
    fns = instruction_functions(text)
    stubs = [f for f in fns.values() if is_stub(f)]
    if len(stubs) == 1 and len(fns) > 1:
        params, ann, ret = _signature(stubs[0], method=True)
        return Signature(stubs[0].name, params, ann, ret)
    candidates: list[str] = []
    for m in _DEF.finditer(text):
        end = _header_end(text, m.end() - 1)
        if end > 0:
            candidates.append(text[m.start() : end] + " pass")
    candidates += [f"def {m.group(1).strip()}: pass" for m in _BACKTICK.finditer(text)]
    for cand in candidates:
        try:
            fn = ast.parse(cand.strip()).body[0]
        except (SyntaxError, IndexError, ValueError, RecursionError):
            continue
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params, ann, ret = _signature(fn, method=True)
            return Signature(fn.name, params, ann, ret)
    return None


def _header_end(text: str, open_paren: int) -> int:
    """Index just past the ``:`` ending a ``def`` header whose ``(`` is at ``open_paren``."""
    depth = 0
    for i in range(open_paren, min(len(text), open_paren + 2000)):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == ":" and depth == 0:
            return i + 1
        elif c == "\n" and depth == 0 and text[open_paren:i].count(")") and "->" not in text[open_paren:i]:
            return -1
    return -1
