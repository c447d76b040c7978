"""Tests mined from an instruction: the examples a problem statement already shows.

Patterns, each a small function over the statement's lines:

- doctest: ``>>> f(x)`` (``...`` continuations) then the result line(s);
- assert: ``assert f(x) == y``, MBPP-style, also ``set(f(x)) == {...}``,
  ``assert not f(x)``, ``math.isclose(f(x), y)``, ``abs(f(x) - y) < tol``;
- call forms: ``f(x) == y``, ``f(x) -> y``, ``f(x) => y``, ``f(x) ==> y``, ``f(x) ➞ y``,
  ``f(x) = y``, ``f(x) returns y``, ``f(x) should return y``;
- example blocks (LeetCode / LiveCodeBench / HumanEval prose): ``Input: nums = [1,2], k = 3``
  then ``Output: 3``; ``For lst = [1,2,3] the output should be 14``;
- stdin/stdout samples (Codeforces / AtCoder / LiveCodeBench): ``Input`` / ``Sample Input 1``
  headings followed by raw lines, then ``Output`` / ``Sample Output 1``.

Values are parsed with ``ast.literal_eval`` only. What cannot be parsed is
reported in ``Mined.skipped`` (with its line), never raised.

>>> m = mine(">>> add(1, 2)\\n3\\nassert add(0, 0) == 0")
>>> [(e.call, e.args, e.expected, e.pattern) for e in m.examples]
[('add', [1, 2], 3, 'doctest'), ('add', [0, 0], 0, 'assert')]
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from codejudge.ground.values import call_parts, closing, leading_literal, literal
from codejudge.sandbox.asserts import abs_difference_bound

NO_VALUE = object()  # an example whose expected output is unknown (e.g. an unparseable result)


@dataclass
class Example:
    """One example of the statement, before it is bound to a response's entry point."""

    pattern: str  # doctest | assert | call | example_block | stdio
    line: int  # 1-based line of the statement where it starts
    text: str  # the statement's words, for the verdict
    call: str | None = None  # function name the example calls (None: unnamed inputs)
    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    expected: Any = NO_VALUE
    view: tuple[Any, ...] = ()  # wrappers applied to the output first (see values.apply_view)
    atol: float = 0.0
    stdin: str | None = None  # stdio samples
    stdout: str | None = None
    raw_input: str | None = None  # "Input: 5" read as program input when the response is a program

    @property
    def is_stdio(self) -> bool:
        return self.stdin is not None


@dataclass
class Mined:
    examples: list[Example] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "line 7: cannot parse the result 'foo'"
    names: list[str] = field(default_factory=list)  # function names the statement declares (signatures)


# ----------------------------------------------------------------- doctest
_PROMPT = re.compile(r"^\s*>>>\s?(.*)$")
_CONT = re.compile(r"^\s*\.\.\.\s?(.*)$")


def _doctests(lines: list[str], out: Mined, used: set[int]) -> None:
    env: dict[str, Any] = {}  # ">>> x = [1, 2]" then ">>> f(x)"
    i = 0
    while i < len(lines):
        m = _PROMPT.match(lines[i])
        if not m:
            i += 1
            continue
        start, src = i, [m.group(1)]
        i += 1
        while i < len(lines) and (c := _CONT.match(lines[i])):
            src.append(c.group(1))
            i += 1
        result = []
        j = i
        while (
            j < len(lines)
            and lines[j].strip()
            and not _PROMPT.match(lines[j])
            and lines[j].strip() not in ('"""', "'''")
        ):
            result.append(lines[j].strip())
            j += 1
        taken = _one_doctest("\n".join(src), "\n".join(result), start + 1, env, out)
        i += taken  # prose (or an assert) right after the result line is left to the other patterns
        used.update(range(start, i))


def _one_doctest(src: str, result: str, line: int, env: dict[str, Any], out: Mined) -> int:
    """Record one doctest; returns how many result lines it used."""
    taken = len(result.split("\n")) if result else 0
    text = f">>> {src}" + (f"\n{result}" if result else "")
    try:
        tree = ast.parse(src.strip())
    except SyntaxError:
        out.skipped.append(f"line {line}: doctest source does not parse: {src.strip()[:60]!r}")
        return taken
    if len(tree.body) != 1:
        return taken
    stmt = tree.body[0]
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        ok, value = _literal_node(stmt.value, env)
        if ok:
            env[stmt.targets[0].id] = value
        return taken
    if isinstance(stmt, (ast.Import, ast.ImportFrom)) or not isinstance(stmt, ast.Expr):
        return taken
    node = _substitute(stmt.value, env)
    expected: Any = NO_VALUE
    if result:
        lines = result.split("\n")
        ok = False
        for cut in range(len(lines), 0, -1):  # prose right after the result line ("Note: ...")
            ok, expected = literal("\n".join(lines[:cut]))
            if ok:
                taken = cut
                break
        if not ok:
            out.skipped.append(f"line {line}: cannot parse the doctest result {result[:60]!r}")
            return taken
    if isinstance(node, ast.Compare) and (expected is True or not result):  # ">>> f(x) == y" [/ "True"]
        ex = _compare(node, line, text, "doctest")
        if ex is not None:
            out.examples.append(ex)
        return taken
    ex = _called(node, line, text, "doctest", expected)
    if ex is None:
        if isinstance(stmt.value, ast.Call):
            out.skipped.append(f"line {line}: doctest arguments are not literals: {src.strip()[:60]!r}")
        return taken
    if result == "" and ex.expected is NO_VALUE:
        ex.expected = None  # a doctest with no output line expects None
    out.examples.append(ex)
    return taken


def _literal_node(node: ast.expr, env: dict[str, Any]) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(_substitute(node, env))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def _substitute(node: ast.expr, env: dict[str, Any]) -> ast.expr:
    """Replace names bound earlier in the doctest by their literal values."""
    if not env:
        return node

    class Sub(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.AST:  # noqa: N802 - ast API
            if n.id in env:
                try:
                    return ast.parse(repr(env[n.id]), mode="eval").body
                except SyntaxError:
                    return n
            return n

    return Sub().visit(node)  # type: ignore[no-any-return]


# ---------------------------------------------------------- asserts / compare
def _unwrap(node: ast.expr) -> tuple[ast.expr, tuple[Any, ...]]:
    """``set(sorted(f(x)))`` -> (the call f(x), ("set", "sorted")); ``round(f(x), 2)`` too."""
    view: list[Any] = []
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args and not node.keywords:
        name = node.func.id
        if (
            name == "round"
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Constant)
            and type(node.args[1].value) is int
        ):
            view.append(("round", node.args[1].value))
        elif (
            name
            in ("set", "frozenset", "sorted", "list", "tuple", "bool", "abs", "len", "str", "int", "float")
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Call)
        ):
            view.append(name)
        else:
            break
        node = node.args[0]
    return node, tuple(view)


_VALUE_CALLS: dict[str, Any] = {
    "set": set,
    "frozenset": frozenset,
    "sorted": sorted,
    "list": list,
    "tuple": tuple,
}


def _value(node: ast.expr) -> tuple[bool, Any]:
    """A literal, or ``set((4, 5))``-style builtins of a literal (computed here, on plain data)."""
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _VALUE_CALLS
        and len(node.args) <= 1
        and not node.keywords
    ):
        if not node.args:
            return True, _VALUE_CALLS[node.func.id]()
        ok, inner = _value(node.args[0])
        if ok:
            try:
                return True, _VALUE_CALLS[node.func.id](inner)
            except TypeError:
                return False, None
    return False, None


def _called(
    node: ast.expr,
    line: int,
    text: str,
    pattern: str,
    expected: Any,
    view: tuple[Any, ...] = (),
    atol: float = 0.0,
) -> Example | None:
    inner, wrap = _unwrap(node)
    parts = call_parts(inner)
    if parts is None:
        return None
    name, args, kwargs = parts
    return Example(pattern, line, text, name, args, kwargs, expected, wrap + view, atol)


def _compare(test: ast.expr, line: int, text: str, pattern: str) -> Example | None:
    """An assert-like expression -> Example, or None when it is not one we can check outside."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _called(test.operand, line, text, pattern, False, ("bool",))
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr == "isclose"
        and len(test.args) == 2
    ):
        ok, expected = _value(test.args[1])
        kw = {k.arg: _value(k.value) for k in test.keywords}
        if ok and type(expected) in (int, float) and all(v[0] for v in kw.values()):
            rel = float(kw.get("rel_tol", (True, 1e-9))[1])
            atol = max(float(kw.get("abs_tol", (True, 0.0))[1]), rel * abs(expected)) or 1e-12
            return _called(test.args[0], line, text, pattern, expected, atol=atol)
        return None
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, (ast.Eq, ast.Is)):
            for call, other in ((left, right), (right, left)):
                ok, expected = _value(other)
                if ok:
                    ex = _called(call, line, text, pattern, expected)
                    if ex is not None:
                        return ex
        bound = abs_difference_bound(op, left, right)
        if bound is not None:
            ok_e, expected = _value(bound[1])
            ok_t, tol = _value(bound[2])
            if ok_e and ok_t and type(tol) in (int, float) and tol > 0:
                return _called(bound[0], line, text, pattern, expected, atol=float(tol))
        return None
    return _called(test, line, text, pattern, True, ("bool",))


_ASSERT = re.compile(r"^\s*assert[\s(]")


def _asserts(lines: list[str], out: Mined, used: set[int]) -> None:
    i = 0
    while i < len(lines):
        if i in used or not _ASSERT.match(lines[i]):
            i += 1
            continue
        src, j, tree = lines[i].strip(), i + 1, None
        while True:  # an assert may span lines (long literals)
            try:
                tree = ast.parse(src)
                break
            except SyntaxError:
                if j >= len(lines) or j - i > 30:
                    break
                src += "\n" + lines[j].strip()
                j += 1
        if tree is None or not tree.body or not isinstance(tree.body[0], ast.Assert):
            i += 1  # "assert f(x) => y" is no Python: the call forms below may still read it
            continue
        used.update(range(i, j))
        if True:
            ex = _compare(tree.body[0].test, i + 1, src, "assert")
            if ex is None:
                out.skipped.append(
                    f"line {i + 1}: assert is not a checkable call with literal values: {src[:60]!r}"
                )
            else:
                out.examples.append(ex)
        i = j


# ---------------------------------------------------------------- call forms
_CALL_START = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*\(")
_SEPARATOR = re.compile(
    r"\s*(?:#\s*)?(==>|=>|==|-->|->|➞|→|⟹|=(?!=)|\bshould\s+return\b|\bshould\s+be\b|\bwill\s+return\b|\breturns\b|"
    r"\breturn\b|\bgives\b|\boutputs\b|\bevaluates\s+to\b)\s*",
    re.IGNORECASE,
)
_KEYWORDS = {
    "if",
    "while",
    "for",
    "return",
    "print",
    "def",
    "elif",
    "and",
    "or",
    "not",
    "assert",
    "lambda",
    "range",
    "len",
    "max",
    "min",
    "sum",
    "sorted",
    "int",
    "str",
    "float",
    "list",
    "set",
    "dict",
    "tuple",
    "abs",
    "round",
    "isinstance",
    "type",
    "map",
    "filter",
    "zip",
    "enumerate",
    "any",
    "all",
    "input",
    "open",
}


def _call_forms(lines: list[str], out: Mined, used: set[int]) -> None:
    resume: dict[int, int] = {}  # line -> column after an example that ended on it (the next may follow)
    for i, line in enumerate(lines):
        if i in used or line.lstrip().startswith(("def ", "class ", "#", "import ", "from ")):
            continue
        after = resume.get(i, 0)
        for m in _CALL_START.finditer(line, after):
            name = m.group(1)
            if name in _KEYWORDS or m.start() < after:
                continue
            # join following lines when the call or its value spans lines
            text = "\n".join(lines[i : i + 12])
            end = closing(text, m.end() - 1)
            if end < 0:
                continue
            sep = _SEPARATOR.match(text, end)
            call_end = end
            if not sep and text.startswith(")", end):
                # "search([4, 1, 2])) == 2": one stray closing parenthesis before the result (a typo
                # the statement's reader reads past)
                sep = _SEPARATOR.match(text, end + 1)
            if not sep:
                continue
            try:
                node = ast.parse(text[m.start() : call_end], mode="eval").body
            except SyntaxError:
                continue
            parts = call_parts(node)
            if parts is None:
                continue  # a definition such as fib(n) = fib(n-1) + fib(n-2), not an example
            rest = text[sep.end() :]
            ok, value, length = leading_literal(rest.split("\n\n")[0])
            # only the rest of the value's own line: a "* f(y) => z" bullet below is no operator
            if ok and re.match(r"[ \t]*[-+*/%=<>]", rest[len(rest[:length].rstrip()) :]):
                # "f(9) -> 19 - 5 - 6 = 8": a derivation whose result ends the line
                tail = rest.split("\n")[0].rsplit("=", 1)
                ok, value, length = leading_literal(tail[1]) if len(tail) == 2 else (False, None, 0)
                if not ok or tail[1][length:].strip(" ."):
                    continue
                length = len(rest.split("\n")[0])
            if not ok:
                out.skipped.append(f"line {i + 1}: cannot parse the result of {text[m.start() : end][:50]!r}")
                continue
            snippet = text[m.start() : sep.end() + length].strip()
            out.examples.append(Example("call", i + 1, snippet, parts[0], parts[1], parts[2], value))
            last = i + snippet.count("\n")
            end = m.start() + len(snippet)
            if last > i:  # "f(1) should\n return 2 and f(3) should return 4.": the end line may hold another
                used.update(range(i, last))
                resume[last] = end - (text.rfind("\n", 0, end) + 1)
                break  # the rest of this line belongs to the example; its end line is read on
            # "f(1) returns 2 and f(5) returns -1.": read on after this example's value on the line
            used.add(i)
            after = end


# ----------------------------------------------------------- example blocks
_INPUT_HEAD = re.compile(
    r"^\s*(?:[-*>]\s*)?\**\s*(?:example\s*\d*\s*[:.]?\s*)?(?:sample\s+)?input(?:\s*\d+)?\s*\**\s*[:：]?\s*\**\s*(.*)$",
    re.IGNORECASE,
)
_OUTPUT_HEAD = re.compile(
    r"^\s*(?:[-*>]\s*)?\**\s*(?:sample\s+)?output(?:\s*\d+)?\s*\**\s*[:：]?\s*\**\s*(.*)$", re.IGNORECASE
)
_STOP = re.compile(
    r"^\s*\**\s*(explanation|example|constraints?|note|input|output|sample|follow[- ]up)\b", re.IGNORECASE
)
_ASSIGN = re.compile(r"\s*([A-Za-z_]\w*)\s*=(?!=)\s*")
_ASSIGN_OR_COLON = re.compile(r"\s*([A-Za-z_]\w*)\s*(?:=(?!=)|:)\s*")  # "grid : [[0, 1]]" in Input blocks
_FOR_FORM = re.compile(r"\b(?:for|if|when|given)\s+(?=[A-Za-z_]\w*\s*=(?!=))", re.IGNORECASE)
_RESULT = re.compile(
    r"(?:output|result|answer|return value)\s+(?:should\s+be|will\s+be|is)\s*[:=]?|"
    r"should\s+return|\breturns?\b\s*=?|=>|->|➞",
    re.IGNORECASE,
)


def assignments(text: str, colon: bool = False) -> tuple[dict[str, Any], int]:
    """``a = 1, b = "x"`` -> ({"a": 1, "b": "x"}, characters consumed); stops at the first non-literal."""
    values: dict[str, Any] = {}
    pos = 0
    pattern = _ASSIGN_OR_COLON if colon else _ASSIGN
    while True:
        m = pattern.match(text, pos)
        if not m:
            break
        ok, value, length = leading_literal(text[m.end() :])
        if not ok:
            break
        values[m.group(1)] = value
        pos = m.end() + length
        sep = re.match(r"\s*(,|and\b|;)?\s*", text[pos:])
        pos += sep.end() if sep else 0
    return values, pos


def _block_text(lines: list[str], start: int, first: str) -> tuple[str, int]:
    """The text of an Input/Output block: its first line's rest plus following lines until a stop."""
    parts = [first] if first.strip() else []
    j = start + 1
    while j < len(lines) and not _STOP.match(lines[j]):
        if not lines[j].strip() and parts and not lines[j - 1].strip().startswith("```"):
            # a blank line ends a block, unless the block is fenced
            if (
                not any(p.strip().startswith("```") for p in parts)
                or sum(p.strip().startswith("```") for p in parts) % 2 == 0
            ):
                break
        if lines[j].strip() or parts:
            parts.append(lines[j])
        j += 1
    text = "\n".join(p for p in parts if not p.strip().startswith("```"))
    return text.strip("\n"), j


# Codeforces' "Input" / "Output" sections describe the format ("The first line contains n
# (1 <= n <= 100)"): prose and bounds, not a sample to run.
_FORMAT_PROSE = re.compile(
    r"^\s*(?:the\s+(?:first|only|next|second|single)\s+line|the\s+input|each\s+test|first\s+line|"
    r"you\s+are\s+given)\b|\w\s*(?:<=|≤|\\le)\s*\w",
    re.IGNORECASE,
)


def _blocks(lines: list[str], out: Mined, used: set[int]) -> None:
    i = 0
    while i < len(lines):
        m = _INPUT_HEAD.match(lines[i]) if i not in used else None
        if not m or re.match(r"^\s*input\s+format", lines[i], re.IGNORECASE):
            i += 1
            continue
        in_text, j = _block_text(lines, i, m.group(1))
        k = j
        while k < len(lines) and not lines[k].strip():
            k += 1
        o = _OUTPUT_HEAD.match(lines[k]) if k < len(lines) else None
        if not o or not in_text.strip() or _FORMAT_PROSE.search(in_text):
            i += 1
            continue
        out_text, end = _block_text(lines, k, o.group(1))
        used.update(range(i, end))
        _one_block(in_text, out_text, i + 1, same_line=bool(m.group(1).strip()), out=out)
        i = end


def _one_block(in_text: str, out_text: str, line: int, same_line: bool, out: Mined) -> None:
    text = f"Input: {in_text}\nOutput: {out_text}"
    kwargs, used = assignments(in_text.replace("\n", " "), colon=True)
    if kwargs and not in_text.replace("\n", " ")[used:].strip(" ,."):
        ok, value, _ = leading_literal(out_text)
        if not ok:
            out.skipped.append(f"line {line}: cannot parse the example output {out_text[:60]!r}")
            return
        out.examples.append(Example("example_block", line, text, None, [], kwargs, value))
        return
    stdout = out_text if out_text.endswith("\n") else out_text + "\n"
    ex = Example("stdio", line, text, stdin=in_text + "\n", stdout=stdout)
    if same_line and "\n" not in in_text:  # "Input: [1, 2, 3]" may be a function's one argument
        ok, value, length = leading_literal(in_text)
        ok_out, result, _ = leading_literal(out_text)
        if ok and ok_out and not in_text[length:].strip(" ,."):
            ex.args, ex.expected, ex.raw_input = [value], result, in_text
    out.examples.append(ex)


def _for_forms(lines: list[str], out: Mined, used: set[int]) -> None:
    """``For lst = [1,2,3] the output should be 14`` (HumanEval / Codewars prose)."""
    for i, line in enumerate(lines):
        if i in used:
            continue
        for m in _FOR_FORM.finditer(line):
            text = " ".join(s.strip() for s in lines[i : i + 4])
            start = text.find(line[m.end() :].strip()[:20])
            kwargs, n = assignments(text[start:])
            if not kwargs:
                continue
            tail = text[start + n :]
            r = _RESULT.search(tail)
            if not r or r.start() > 120:
                continue
            ok, value, length = leading_literal(tail[r.end() :])
            if not ok:
                out.skipped.append(f"line {i + 1}: cannot parse the result in {line.strip()[:60]!r}")
                continue
            snippet = (text[start : start + n] + tail[: r.end() + length]).strip()
            out.examples.append(Example("example_block", i + 1, snippet, None, [], kwargs, value))
            used.add(i)
            break


def _assignment_returns(lines: list[str], out: Mined, used: set[int]) -> None:
    """``arr = [2, 1]`` ... (a few lines) ... ``return ["Two", "One"]`` (HumanEval prose examples)."""
    i = 0
    while i < len(lines):
        if i in used:
            i += 1
            continue
        kwargs, n = assignments(lines[i])
        if not kwargs or lines[i][n:].strip() or lines[i].lstrip().startswith(("def ", "assert")):
            i += 1
            continue
        for j in range(i + 1, min(i + 5, len(lines))):
            r = re.match(r"^\s*return\s*=?\s*(.+)$", lines[j])
            if r:
                ok, value, _ = leading_literal(r.group(1))
                if ok:
                    text = "\n".join(s.strip() for s in lines[i : j + 1])
                    out.examples.append(Example("example_block", i + 1, text, None, [], kwargs, value))
                    used.update(range(i, j + 1))
                    i = j
                break
            if _assignment_like(lines[j]):
                break
        i += 1


def _assignment_like(line: str) -> bool:
    kwargs, n = assignments(line)
    return bool(kwargs) and not line[n:].strip()


# --------------------------------------------------------------- signatures
_DECLARED = re.compile(
    r"(?:\bdef\s+([A-Za-z_]\w*)\s*\(|`(?:[\w<>\[\],\s*&:]*\s)?([A-Za-z_]\w*)\s*\([^`]*\)[^`]*`|"
    r"\bfunction\s+(?:named\s+|called\s+)?`?([A-Za-z_]\w*)`?)"
)


def declared_names(text: str) -> list[str]:
    """Function names the statement declares: ``def f(``, `` `f(x) -> int` ``, ``function named f``."""
    names: list[str] = []
    for m in _DECLARED.finditer(text):
        name = next(g for g in m.groups() if g)
        if name not in names and name not in _KEYWORDS:
            names.append(name)
    return names


PATTERNS = ("doctest", "assert", "call", "example_block", "stdio")


def mine(text: str, language: str = "python") -> Mined:
    """Every example the statement shows, in statement order; never raises on odd text.

    ``language``: the syntax the examples' values are written in (``codejudge.ground.literals``
    rewrites C++/Java/Go/Rust/JavaScript spellings as Python literals first)."""
    if language != "python":
        from codejudge.ground.literals import to_python

        text = to_python(text, language)
    out = Mined(names=declared_names(text))
    lines = text.splitlines()
    used: set[int] = set()
    for step in (_doctests, _asserts, _blocks, _for_forms, _assignment_returns, _call_forms):
        try:
            step(lines, out, used)
        except RecursionError:  # pathological nesting in a statement: skip that pattern
            out.skipped.append(f"{step.__name__.strip('_')}: statement too deeply nested to parse")
    out.examples.sort(key=lambda e: e.line)
    return out
