"""Edits that make an extracted solution fit a test harness, each reported in words.

- ``strip_main``: remove the answer's own program (C++/Go/Rust ``main``, Java's
  ``static void main``, Python's ``if __name__ == "__main__":`` block) and top-level
  demo statements (``print(f(3))``, ``console.log(f(3))``, ``assert f(1) == 2``).
- ``add_imports``: add the standard includes/imports the code obviously needs
  (C++ ``#include <vector>`` and ``using namespace std;``, Python ``from typing
  import List``, Java ``import java.util.*;``, Go's ``package main`` and imports,
  Rust ``use std::collections::HashMap;``). Only names from a fixed table: never
  a guess.
- ``java_solution_class``: the method the harness calls lives in ``class Solution``
  (a bare method is wrapped; ``public class Main`` holding it is renamed).

>>> code, notes = strip_main("int f(){return 1;}\\nint main(){return f();}\\n", "cpp", "f")
>>> code, notes
('int f(){return 1;}\\n', ['main() (the test harness has its own)'])
"""

from __future__ import annotations

import re

from codejudge.extract import syntax

# --------------------------------------------------------------- strip main


def _delete(code: str, spans: list[tuple[int, int]]) -> str:
    data = code.encode("utf-8")
    for start, end in sorted(spans, reverse=True):
        # Take the whole line(s): leading indentation and the trailing newline.
        while start > 0 and data[start - 1 : start] in (b" ", b"\t"):
            start -= 1
        eol = data.find(b"\n", end)
        rest = data[end : eol if eol >= 0 else len(data)].strip()
        if not rest or rest.startswith((b"#", b"//")):  # a trailing comment goes with its statement
            end = eol + 1 if eol >= 0 else len(data)
        data = data[:start] + data[end:]
    return re.sub(r"\n{3,}", "\n\n", data.decode("utf-8", "replace")).strip("\n") + "\n"


def _is_main_guard(node: object) -> bool:
    if node.type != "if_statement":  # type: ignore[attr-defined]
        return False
    cond = syntax.text(node.child_by_field_name("condition"))  # type: ignore[attr-defined]
    return "__name__" in cond and "__main__" in cond


def _demo_statement(node: object, language: str, entry_point: str | None) -> bool:
    """A top-level statement that only exercises the code: prints, asserts on, or calls of the entry point.

    Setup calls (``sys.setrecursionlimit(10**6)``) stay: they do not mention the entry point.
    """
    t = node.type  # type: ignore[attr-defined]
    body = syntax.text(node)
    mentions = (
        bool(entry_point) and re.search(rf"(?<![\w.]){re.escape(entry_point or '')}\s*\(", body) is not None
    )
    inner = node.named_children[0] if node.named_children else None  # type: ignore[attr-defined]
    if language == "python":
        if t == "assert_statement":
            return mentions
        if t != "expression_statement" or inner is None or inner.type != "call":
            return False
        callee = syntax.text(inner.child_by_field_name("function"))
        return callee in ("print", "pprint", "main") or mentions
    if language == "js" and t == "expression_statement":
        if inner is None or inner.type != "call_expression":
            return False
        callee = syntax.text(inner.child_by_field_name("function"))
        return callee.startswith("console.") or callee == "main" or mentions
    return False


def strip_main(code: str, language: str, entry_point: str | None = None) -> tuple[str, list[str]]:
    """``code`` without its own entry program; the notes say what went.

    ``main`` itself is removed in every language; top-level demo statements in
    Python and JavaScript (their programs have no ``main``).
    """
    tree = syntax.parse(code, language)
    root = tree.root_node
    spans: list[tuple[int, int]] = []
    notes: list[str] = []
    for node in root.named_children:
        if language == "python" and _is_main_guard(node):
            spans.append((node.start_byte, node.end_byte))
            notes.append('if __name__ == "__main__": block')
        elif language in ("python", "js") and _demo_statement(node, language, entry_point):
            spans.append((node.start_byte, node.end_byte))
            notes.append(f"example usage: {syntax.text(node).splitlines()[0][:60]}")
    for d in syntax.definitions(root, language):
        if d.name != "main" or d.name == entry_point:
            continue
        if (
            language in ("cpp", "go", "rust")
            and d.depth == 0
            and d.kind in ("function_definition", "function_declaration", "function_item")
        ):
            spans.append((d.start, d.end))
            notes.append("main() (the test harness has its own)")
    kids = root.named_children
    for i, node in enumerate(kids):
        # The answer's own tests clash with the harness's (Rust `mod tests`, Go `TestX`): they go too.
        if (
            language == "rust"
            and node.type == "attribute_item"
            and "cfg(test)" in syntax.text(node)
            and i + 1 < len(kids)
            and kids[i + 1].type == "mod_item"
        ):
            spans.append((node.start_byte, kids[i + 1].end_byte))
            notes.append("the answer's own #[cfg(test)] module")
        if (
            language == "go"
            and node.type == "function_declaration"
            and re.match(r"(Test|Benchmark|Example)\w*$", syntax.text(node.child_by_field_name("name")))
        ):
            spans.append((node.start_byte, node.end_byte))
            notes.append(f"the answer's own test {syntax.text(node.child_by_field_name('name'))}()")
    if language == "java":
        spans_j, notes_j = _java_mains(root, entry_point)
        spans += spans_j
        notes += notes_j
    if not spans:
        return code, []
    out = _delete(code, spans)
    if language == "go":
        out, pruned = prune_go_imports(out)
        notes += [f"unused import {p} (was used only by main)" for p in pruned]
    return out, notes


def _java_mains(root: object, entry_point: str | None) -> tuple[list[tuple[int, int]], list[str]]:
    spans, notes = [], []
    for cls in root.named_children:  # type: ignore[attr-defined]
        if cls.type != "class_declaration":
            continue
        body = cls.child_by_field_name("body")
        members = (
            [m for m in body.named_children if m.type not in ("line_comment", "block_comment")]
            if body
            else []
        )
        mains = [
            m
            for m in members
            if m.type == "method_declaration"
            and syntax.text(m.child_by_field_name("name")) == "main"
            and "static" in syntax.text(m).split("(")[0]
        ]
        if not mains:
            continue
        name = syntax.text(cls.child_by_field_name("name"))
        if len(mains) == len(members) and not (
            entry_point and entry_point in syntax.text(cls).split("main")[0]
        ):
            spans.append((cls.start_byte, cls.end_byte))
            notes.append(f"class {name} (only a main method; the test harness has its own)")
        else:
            spans += [(m.start_byte, m.end_byte) for m in mains]
            notes.append(f"{name}.main() (the test harness has its own)")
    return spans, notes


# --------------------------------------------------------------- imports

# C++: a name used in the code -> the header that declares it.
_CPP_HEADERS: dict[str, str] = {
    **dict.fromkeys(("vector",), "vector"),
    **dict.fromkeys(("string", "to_string", "stoi", "stol", "stoll", "stod", "stof", "getline"), "string"),
    **dict.fromkeys(("map", "multimap"), "map"),
    **dict.fromkeys(("set", "multiset"), "set"),
    "unordered_map": "unordered_map",
    "unordered_set": "unordered_set",
    "queue": "queue",
    "priority_queue": "queue",
    "stack": "stack",
    "deque": "deque",
    "list": "list",
    "bitset": "bitset",
    **dict.fromkeys(("pair", "make_pair", "swap", "move"), "utility"),
    **dict.fromkeys(("tuple", "make_tuple", "tie", "get"), "tuple"),
    **dict.fromkeys(
        (
            "sort",
            "stable_sort",
            "reverse",
            "max_element",
            "min_element",
            "find",
            "find_if",
            "count",
            "count_if",
            "unique",
            "lower_bound",
            "upper_bound",
            "binary_search",
            "min",
            "max",
            "all_of",
            "any_of",
            "none_of",
            "transform",
            "remove",
            "remove_if",
            "fill",
            "next_permutation",
            "is_sorted",
            "equal",
            "copy",
            "replace",
        ),
        "algorithm",
    ),
    **dict.fromkeys(("accumulate", "iota", "gcd", "lcm", "partial_sum"), "numeric"),
    **dict.fromkeys(
        (
            "sqrt",
            "pow",
            "fabs",
            "floor",
            "ceil",
            "round",
            "log",
            "log10",
            "log2",
            "exp",
            "sin",
            "cos",
            "tan",
            "atan",
            "atan2",
            "fmod",
            "trunc",
            "hypot",
            "cbrt",
            "abs",
        ),
        "cmath",
    ),
    **dict.fromkeys(("atoi", "atol", "atof", "rand", "srand", "exit", "malloc", "free"), "cstdlib"),
    **dict.fromkeys(
        ("INT_MAX", "INT_MIN", "LLONG_MAX", "LLONG_MIN", "LONG_MAX", "LONG_MIN", "UINT_MAX"), "climits"
    ),
    "numeric_limits": "limits",
    **dict.fromkeys(("cout", "cin", "cerr", "endl"), "iostream"),
    **dict.fromkeys(("stringstream", "istringstream", "ostringstream"), "sstream"),
    **dict.fromkeys(
        (
            "isdigit",
            "isalpha",
            "isalnum",
            "isupper",
            "islower",
            "isspace",
            "ispunct",
            "toupper",
            "tolower",
            "isvowel",
        ),
        "cctype",
    ),
    **dict.fromkeys(("printf", "scanf", "puts", "sprintf"), "cstdio"),
    **dict.fromkeys(("strlen", "strcmp", "strcpy", "memset", "memcpy"), "cstring"),
    "function": "functional",
    "greater": "functional",
    "less": "functional",
    "optional": "optional",
    "array": "array",
    "int64_t": "cstdint",
    "uint64_t": "cstdint",
    "int32_t": "cstdint",
}
# C headers and their C++ names: <math.h> already gives what <cmath> would.
_C_HEADERS = {
    "math.h": "cmath",
    "stdlib.h": "cstdlib",
    "stdio.h": "cstdio",
    "string.h": "cstring",
    "ctype.h": "cctype",
    "limits.h": "climits",
    "stdint.h": "cstdint",
}
# Names that only need std:: to be brought in scope when used unqualified.
_CPP_STD = {n for n in _CPP_HEADERS if not n.isupper() and n not in ("printf", "scanf", "puts", "sprintf")}

# Python: name -> import line. Typing names and a few unmistakable library names.
_PY_FROM = {
    **{
        n: "typing"
        for n in (
            "List",
            "Dict",
            "Tuple",
            "Set",
            "Optional",
            "Any",
            "Union",
            "Callable",
            "Iterable",
            "Iterator",
            "Sequence",
            "Mapping",
            "FrozenSet",
            "DefaultDict",
            "Deque",
            "Generator",
        )
    },
    **{n: "collections" for n in ("Counter", "defaultdict", "deque", "OrderedDict")},
    **{n: "functools" for n in ("reduce", "lru_cache", "cmp_to_key")},
    **{n: "heapq" for n in ("heappush", "heappop", "heapify", "nlargest", "nsmallest")},
}
_PY_MODULES = {
    "math",
    "re",
    "itertools",
    "functools",
    "collections",
    "heapq",
    "string",
    "bisect",
    "random",
    "hashlib",
    "statistics",
    "operator",
    "fractions",
    "decimal",
    "copy",
    "sys",
}

_JAVA_PACKAGES = {
    "java.util.*": (
        "List",
        "ArrayList",
        "Map",
        "HashMap",
        "Set",
        "HashSet",
        "Arrays",
        "Collections",
        "Optional",
        "LinkedList",
        "Deque",
        "ArrayDeque",
        "Queue",
        "PriorityQueue",
        "TreeMap",
        "TreeSet",
        "Stack",
        "Iterator",
        "Comparator",
        "Objects",
        "LinkedHashMap",
        "LinkedHashSet",
        "Scanner",
    ),
    "java.util.stream.*": ("Collectors", "IntStream", "Stream", "LongStream", "DoubleStream"),
    "java.math.*": ("BigInteger", "BigDecimal"),
    "java.security.*": ("MessageDigest", "NoSuchAlgorithmException"),
}

_GO_PACKAGES = {
    "fmt": "fmt",
    "math": "math",
    "strings": "strings",
    "strconv": "strconv",
    "sort": "sort",
    "unicode": "unicode",
    "bytes": "bytes",
    "errors": "errors",
    "regexp": "regexp",
    "md5": "crypto/md5",
    "hex": "encoding/hex",
    "rand": "math/rand",
    "heap": "container/heap",
    "reflect": "reflect",
    "time": "time",
    "os": "os",
    "bufio": "bufio",
    "utf8": "unicode/utf8",
    "big": "math/big",
    "bits": "math/bits",
    "slices": "slices",
}

_RUST_USES = {
    **{
        n: "std::collections"
        for n in ("HashMap", "HashSet", "BTreeMap", "BTreeSet", "VecDeque", "BinaryHeap")
    },
    "Ordering": "std::cmp",
    "max": "std::cmp",
    "min": "std::cmp",
    "Reverse": "std::cmp",
    "Regex": "regex",
    "Rng": "rand",  # crates HumanEvalPack's Rust tests build with
}


def add_imports(code: str, language: str, context: str = "") -> tuple[str, list[str]]:
    """``code`` with the standard imports it needs but lacks; the notes list each added line.

    ``context``: code that will follow in the same file (a C++/Java test program
    appended after the solution): names it uses count too, imports go on top.

    >>> add_imports("vector<int> f(){ return {}; }\\n", "cpp")[1]
    ['#include <vector>', 'using namespace std;']
    >>> add_imports("def f(x: List[int]) -> int:\\n    return math.floor(x[0])\\n", "python")[1]
    ['import math', 'from typing import List']
    """
    if context and language in ("cpp", "java"):
        _, added = _ADDERS[language](code + "\n" + context)
        if not added:
            return code, []
        if language == "java":  # re-run on the code alone, with the lines found, to keep them after a package
            return _insert_java(code, added), added
        return "\n".join(added) + "\n" + code, added
    return _ADDERS[language](code)


def _cpp_add(code: str) -> tuple[str, list[str]]:
    o = syntax.outline(code, "cpp")
    have = {_C_HEADERS.get(h, h) for h in re.findall(r"#\s*include\s*[<\"]([\w./+]+)[>\"]", code)}
    if "bits/stdc++.h" in have:
        return code, []
    used = _cpp_names_used(code)
    headers = sorted({_CPP_HEADERS[n] for n in used if n in _CPP_HEADERS and n not in _defined(o)} - have)
    if re.search(r"\bboost::any\b", code) and "boost/any.hpp" not in have:  # HumanEvalPack C++/22, /137
        headers.append("boost/any.hpp")
    added = [f"#include <{h}>" for h in headers]
    unqualified = {n for n in used if n in _CPP_STD and not re.search(rf"std::{n}\b", code)} - _defined(o)
    if unqualified and not re.search(r"using\s+namespace\s+std\s*;", code):
        added.append("using namespace std;")
    return ("\n".join(added) + "\n" + code if added else code), added


def _cpp_names_used(code: str) -> set[str]:
    bare = re.sub(r'"(?:\\.|[^"\\])*"', '""', code)
    bare = re.sub(r"//[^\n]*|/\*.*?\*/", "", bare, flags=re.DOTALL)
    return set(re.findall(r"\b[A-Za-z_]\w*\b", bare))


def _defined(o: syntax.Outline) -> set[str]:
    return {d.name for d in o.defs}


def _py_add(code: str) -> tuple[str, list[str]]:
    o = syntax.outline(code, "python")
    imported = set(re.findall(r"^\s*(?:import|from)\s+([\w.]+)", code, flags=re.M))
    names_imported = set()
    for m in re.finditer(r"^\s*from\s+[\w.]+\s+import\s+\(?([^)\n]+)\)?", code, flags=re.M):
        names_imported |= {p.split(" as ")[-1].strip() for p in m.group(1).split(",")}
    for m in re.finditer(r"^\s*import\s+([^\n]+)", code, flags=re.M):
        names_imported |= {p.split(" as ")[-1].strip() for p in m.group(1).split(",")}
    local = _defined(o) | names_imported
    modules = sorted(m for m in _PY_MODULES if m not in local and re.search(rf"(?<![\w.]){m}\.\w", code))
    added = [f"import {m}" for m in modules]
    froms: dict[str, list[str]] = {}
    for name, mod in _PY_FROM.items():
        if name in o.names_used and name not in local and re.search(rf"(?<![\w.]){name}\b", code):
            froms.setdefault(mod, []).append(name)
    added += [
        f"from {mod} import {', '.join(sorted(ns))}"
        for mod, ns in sorted(froms.items(), key=lambda kv: kv[0])
    ]
    del imported
    return ("\n".join(added) + "\n" + code if added else code), added


def _js_add(code: str) -> tuple[str, list[str]]:
    return code, []  # node's globals cover what answers use


def _java_add(code: str) -> tuple[str, list[str]]:
    have = set(re.findall(r"^\s*import\s+(?:static\s+)?([\w.]+(?:\.\*)?)\s*;", code, flags=re.M))
    used = set(re.findall(r"\b[A-Z]\w*\b", code))
    added = []
    for pkg, names in _JAVA_PACKAGES.items():
        base = pkg[:-2]
        if pkg in have or not used.intersection(names):
            continue
        if all(f"{base}.{n}" in have for n in used.intersection(names)):
            continue
        added.append(f"import {pkg};")
    if not added:
        return code, []
    return _insert_java(code, added), added


def _insert_java(code: str, lines: list[str]) -> str:
    """``lines`` after any package clause, before everything else."""
    m = re.match(r"\s*package\s+[\w.]+\s*;\s*\n", code)
    cut = m.end() if m else 0
    return code[:cut] + "\n".join(lines) + "\n" + code[cut:]


def _go_add(code: str) -> tuple[str, list[str]]:
    added = []
    if not re.search(r"^\s*package\s+\w+", code, flags=re.M):
        code = "package main\n\n" + code
        added.append("package main")
    have = set(go_imports(code))
    want = sorted(set(go_packages_used(code)) - have)
    if not want:
        return code, added
    added += [f'import "{p}"' for p in want]
    block = "".join(f'import "{p}"\n' for p in want)
    m = re.search(r"^\s*package\s+\w+[^\n]*\n", code, flags=re.M)
    assert m is not None
    return code[: m.end()] + "\n" + block + code[m.end() :], added


def go_imports(code: str) -> list[str]:
    """Import paths of a Go file (both ``import "x"`` and ``import ( ... )`` forms)."""
    paths = []
    for m in re.finditer(r"^\s*import\s*(\((?P<block>.*?)\)|(?P<one>[^\n]+))", code, flags=re.M | re.S):
        chunk = m.group("block") if m.group("block") is not None else m.group("one")
        paths += re.findall(r'"([^"]+)"', chunk)
    return paths


def go_packages_used(code: str) -> list[str]:
    """Standard packages referenced as ``pkg.Name`` (selector on an identifier that is not local)."""
    tree = syntax.parse(code, "go")
    locals_ = set()
    used = set()
    stack = [tree.root_node]
    while stack:
        n = stack.pop()
        if n.type in (
            "parameter_declaration",
            "short_var_declaration",
            "var_spec",
            "range_clause",
            "const_spec",
        ):
            locals_ |= set(re.findall(r"\b\w+\b", syntax.text(n).split(":=")[0].split("=")[0]))
        if n.type == "selector_expression":
            op = n.child_by_field_name("operand")
            if op is not None and op.type == "identifier":
                used.add(syntax.text(op))
        if n.type == "qualified_type":
            pkg = n.child_by_field_name("package")
            if pkg is not None:
                used.add(syntax.text(pkg))
        stack.extend(n.children)
    return sorted({_GO_PACKAGES[u] for u in used - locals_ if u in _GO_PACKAGES})


def prune_go_imports(code: str) -> tuple[str, list[str]]:
    """Remove imports Go would reject as unused (e.g. ``fmt`` after the demo ``main`` went)."""
    used = set(go_packages_used(code))
    pruned = []
    for path in go_imports(code):
        name = path.rsplit("/", 1)[-1]
        if path in used or f'_ "{path}"' in code or re.search(rf"\b{re.escape(name)}\.", code):
            continue
        pruned.append(path)
        code = re.sub(rf'^[ \t]*(import[ \t]+)?(\w+[ \t]+)?"{re.escape(path)}"[ \t]*\n', "", code, flags=re.M)
    code = re.sub(r"^\s*import\s*\(\s*\)\s*\n", "", code, flags=re.M)
    return code, pruned


def _rust_add(code: str) -> tuple[str, list[str]]:
    o = syntax.outline(code, "rust")
    imported = set()
    for m in re.finditer(r"^\s*use\s+([^;]+);", code, flags=re.M):
        imported |= set(re.findall(r"\b\w+\b", m.group(1)))
    wanted: dict[str, list[str]] = {}
    for name, path in _RUST_USES.items():
        if name in imported or name in _defined(o):
            continue
        pattern = rf"(?<![\w:.]){name}\s*\(" if name in ("max", "min") else rf"(?<![\w:]){name}\b"
        if name in ("max", "min") and re.search(rf"\bfn\s+{name}\b", code):
            continue
        if name == "Rng":  # a trait: needed for rng.gen_range(...) once rand is used at all
            pattern = r"\brand::|\bthread_rng\s*\("
        if re.search(pattern, code):
            wanted.setdefault(path, []).append(name)
    added = [
        f"use {p}::{{{', '.join(sorted(ns))}}};" if len(ns) > 1 else f"use {p}::{ns[0]};"
        for p, ns in sorted(wanted.items())
    ]
    return ("\n".join(added) + "\n" + code if added else code), added


_ADDERS = {
    "python": _py_add,
    "js": _js_add,
    "cpp": _cpp_add,
    "java": _java_add,
    "go": _go_add,
    "rust": _rust_add,
}


# --------------------------------------------------------------- Java class


def java_solution_class(
    code: str, entry_point: str | None, class_name: str = "Solution"
) -> tuple[str, list[str]]:
    """Make ``entry_point`` a method of ``class <class_name>`` (not public: the harness owns ``public class Main``).

    >>> java_solution_class("public int add(int a, int b) { return a + b; }\\n", "add")[1]
    ['wrapped the methods in class Solution']
    """
    tree = syntax.parse(code, "java")
    root = tree.root_node
    classes = [
        n
        for n in root.named_children
        if n.type in ("class_declaration", "interface_declaration", "enum_declaration", "record_declaration")
    ]
    bare = [n for n in root.named_children if n.type in ("method_declaration", "field_declaration")]
    notes = []
    if bare and not any(syntax.text(c.child_by_field_name("name")) == class_name for c in classes):
        # Bare methods (the answer showed only the method): wrap them, leave imports/classes outside.
        start, end = bare[0].start_byte, bare[-1].end_byte
        data = code.encode("utf-8")
        inner = data[start:end].decode("utf-8", "replace")
        wrapped = f"class {class_name} {{\n" + "\n".join("    " + ln for ln in inner.splitlines()) + "\n}"
        code = data[:start].decode("utf-8", "replace") + wrapped + data[end:].decode("utf-8", "replace")
        notes.append(f"wrapped the methods in class {class_name}")
        tree = syntax.parse(code, "java")
        classes = [n for n in tree.root_node.named_children if n.type == "class_declaration"]
    names = [syntax.text(c.child_by_field_name("name")) for c in classes]
    if entry_point and class_name not in names:
        holder = next(
            (c for c in classes if re.search(rf"\b{re.escape(entry_point)}\s*\(", syntax.text(c))), None
        )
        if holder is not None:
            old = syntax.text(holder.child_by_field_name("name"))
            code = re.sub(rf"\b{re.escape(old)}\b", class_name, code)
            notes.append(
                f"renamed class {old} to {class_name} (the harness calls {class_name}.{entry_point})"
            )
    # A public top-level class other than Main cannot share a file with the harness's public class Main.
    code, n = re.subn(
        r"^(\s*)public\s+((?:final\s+|abstract\s+)*class\s+(?!Main\b))", r"\1\2", code, flags=re.M
    )
    if n:
        notes.append("dropped 'public' from the solution's class (the harness file holds public class Main)")
    return code, notes
