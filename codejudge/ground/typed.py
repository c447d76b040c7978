"""Typed signatures of JavaScript, C++, Java, Go and Rust functions, and values written in their syntax.

The grounding stage generates inputs as plain Python values (``codejudge.ground.generate``)
and runs responses in other languages through program jobs, whose test program calls
the candidate with *source literals*. This module reads the parameter and return
types a signature declares (in the instruction or in the response) into a small type
tree, maps it to a Python type hint (so the Python generator and the return-type
property work unchanged), and writes a value as a literal of the declared type. A
value the type cannot hold (a 2**40 for an ``int``, a word for a ``char``) is refused
(``Unrenderable``), so one generated input never breaks the compile of the others.

Nothing here evaluates anything: reading is regular expressions and bracket
matching, writing is string building.

>>> sig = read_signature("Write a C++ function `int add(int x, vector<int> ys)` to ...", "cpp")
>>> sig.name, sig.params, [t.hint() for t in sig.types], sig.ret.hint()
('add', ['x', 'ys'], ['int', 'List[int]'], 'int')
>>> render([1, 2], sig.types[1], "cpp")
'vector<int>{1, 2}'
>>> render("hi", parse_type("&str", "rust"), "rust")
'"hi"'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("js", "cpp", "java", "go", "rust")


class Unrenderable(ValueError):
    """A value the declared type cannot hold, or a type this module cannot write."""


@dataclass
class Ty:
    """A type: ``kind`` is int, float, str, char, bool, list, set, map, tuple, optional, any or void.

    ``text`` is the language's own spelling (for container literals that name their type);
    ``bits``/``unsigned`` bound integers; ``ref`` marks Rust/C++ references (``&``).
    """

    kind: str
    args: list[Ty] = field(default_factory=list)
    text: str = ""
    bits: int = 64
    unsigned: bool = False
    ref: str = ""  # Rust: "&" or "&mut "; "slice" for &[T]; Java: "array" for T[]

    def hint(self) -> str | None:
        """The Python type hint the generator understands (None: nothing usable)."""
        if self.kind in ("int", "float", "bool"):
            return self.kind
        if self.kind in ("str", "char"):
            return "str"
        inner = [a.hint() for a in self.args]
        if any(h is None for h in inner):
            return None
        if self.kind == "list":
            return f"List[{inner[0]}]" if inner else None
        if self.kind == "set":
            return f"Set[{inner[0]}]" if inner else None
        if self.kind == "map":
            return f"Dict[{inner[0]}, {inner[1]}]" if len(inner) == 2 else None
        if self.kind == "tuple":
            return f"Tuple[{', '.join(inner)}]" if inner else None  # type: ignore[arg-type]
        if self.kind == "optional":
            return f"Optional[{inner[0]}]" if inner else None
        return None

    def bounds(self) -> tuple[int, int]:
        if self.unsigned:
            return 0, 2**self.bits - 1
        return -(2 ** (self.bits - 1)), 2 ** (self.bits - 1) - 1


@dataclass
class TypedSig:
    """A function signature: name, parameter names and types, return type (None: unknown/untyped)."""

    name: str
    params: list[str]
    types: list[Ty | None]
    ret: Ty | None = None
    is_static: bool = False
    # the class (C++) or `impl` block (Rust) the function is a member of: LeetCode's `class Solution`
    owner: str | None = None


# ------------------------------------------------------------------ reading types
_CPP_INT = {
    "int": 32,
    "long": 64,
    "long long": 64,
    "long int": 64,
    "short": 16,
    "size_t": 64,
    "int64_t": 64,
    "int32_t": 32,
    "uint64_t": 64,
    "uint32_t": 32,
    "unsigned": 32,
    "unsigned int": 32,
    "unsigned long": 64,
    "unsigned long long": 64,
    "long long int": 64,
}
_JAVA = {
    "int": ("int", 32),
    "Integer": ("int", 32),
    "long": ("int", 64),
    "Long": ("int", 64),
    "short": ("int", 16),
    "Short": ("int", 16),
    "byte": ("int", 8),
    "Byte": ("int", 8),
    "double": ("float", 64),
    "Double": ("float", 64),
    "float": ("float", 32),
    "Float": ("float", 32),
    "boolean": ("bool", 1),
    "Boolean": ("bool", 1),
    "char": ("char", 16),
    "Character": ("char", 16),
    "String": ("str", 0),
    "Object": ("any", 0),
    "void": ("void", 0),
    "BigInteger": ("int", 64),
}
_GO = {
    "int": ("int", 64),
    "int64": ("int", 64),
    "int32": ("int", 32),
    "int16": ("int", 16),
    "int8": ("int", 8),
    "uint": ("uint", 64),
    "uint64": ("uint", 64),
    "uint32": ("uint", 32),
    "uint8": ("uint", 8),
    "byte": ("uint", 8),
    "rune": ("char", 32),
    "float64": ("float", 64),
    "float32": ("float", 32),
    "string": ("str", 0),
    "bool": ("bool", 1),
    "interface{}": ("any", 0),
    "any": ("any", 0),
}
_RUST = {
    "i8": ("int", 8),
    "i16": ("int", 16),
    "i32": ("int", 32),
    "i64": ("int", 64),
    "i128": ("int", 64),
    "isize": ("int", 64),
    "u8": ("uint", 8),
    "u16": ("uint", 16),
    "u32": ("uint", 32),
    "u64": ("uint", 64),
    "usize": ("uint", 64),
    "u128": ("uint", 64),
    "f32": ("float", 32),
    "f64": ("float", 64),
    "bool": ("bool", 1),
    "char": ("char", 32),
    "String": ("str", 0),
    "str": ("str", 0),
}


def _split(text: str) -> list[str]:
    """Split on top-level commas, counting <> as brackets too (``map<char,int> m, int k``)."""
    parts: list[str] = []
    depth = 0
    cur: list[str] = []
    for c in text:
        if c in "<([{":
            depth += 1
        elif c in ">)]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return parts if text.strip() else []


def _generic(text: str) -> tuple[str, list[str]]:
    """``map<string,int>`` -> ("map", ["string", "int"])."""
    i = text.find("<")
    if i < 0 or not text.endswith(">"):
        return text, []
    return text[:i].strip(), [p.strip() for p in _split(text[i + 1 : -1])]


def parse_type(text: str, language: str) -> Ty | None:
    """One type in ``language``'s syntax, or None when it is not understood."""
    t = " ".join(text.replace("\n", " ").split())
    try:
        return {"cpp": _cpp, "java": _java, "go": _go, "rust": _rust}[language](t) if t else None
    except (KeyError, IndexError, ValueError):
        return None


def _cpp(t: str) -> Ty | None:
    t = re.sub(r"\bconst\b|\bstd::|\bunsigned\s+(?=char\b)", "", t).replace("&", "").strip()
    if t in _CPP_INT:
        return Ty("int", text=t, bits=_CPP_INT[t], unsigned=t.startswith(("unsigned", "uint", "size_t")))
    simple = {
        "float": Ty("float", text="float", bits=32),
        "double": Ty("float", text="double"),
        "bool": Ty("bool", text="bool"),
        "char": Ty("char", text="char", bits=8),
        "string": Ty("str", text="string"),
        "void": Ty("void", text="void"),
        # a value of any type (HumanEvalPack C++/22 and /137; the sandbox ships a boost::any stand-in)
        "any": Ty("any", text="std::any"),
        "boost::any": Ty("any", text="boost::any"),
    }
    if t in simple:
        return simple[t]
    name, parts = _generic(t)
    kids = [_cpp(p) for p in parts]
    if any(k is None for k in kids):
        return None
    kinds = {
        "vector": "list",
        "list": "list",
        "deque": "list",
        "set": "set",
        "unordered_set": "set",
        "map": "map",
        "unordered_map": "map",
        "pair": "tuple",
        "tuple": "tuple",
    }
    if name in kinds and kids:
        return Ty(kinds[name], [k for k in kids if k], text=t)
    return None


def _java(t: str) -> Ty | None:
    t = t.replace("final ", "").strip()
    if t.endswith("[]"):
        inner = _java(t[:-2])
        return Ty("list", [inner], text=t, ref="array") if inner else None
    if t in _JAVA:
        kind, bits = _JAVA[t]
        return Ty(kind, text=t, bits=bits)
    name, parts = _generic(t)
    kids = [_java(p) for p in parts]
    if any(k is None for k in kids):
        return None
    kinds = {
        "List": "list",
        "ArrayList": "list",
        "LinkedList": "list",
        "Set": "set",
        "HashSet": "set",
        "TreeSet": "set",
        "Map": "map",
        "HashMap": "map",
        "TreeMap": "map",
        "Optional": "optional",
    }
    if name in kinds and kids:
        return Ty(kinds[name], [k for k in kids if k], text=t)
    return None


def _go(t: str) -> Ty | None:
    t = t.replace(" ", "") if t.startswith(("[", "map[", "interface")) else t
    if t in _GO:
        kind, bits = _GO[t]
        return Ty("int" if kind == "uint" else kind, text=t, bits=bits, unsigned=kind == "uint")
    if t.startswith("[]"):
        inner = _go(t[2:])
        return Ty("list", [inner], text=t) if inner else None
    m = re.match(r"^\[(\d+)\](.+)$", t)
    if m:
        inner = _go(m.group(2))
        return Ty("tuple", [inner] * int(m.group(1)), text=t) if inner and int(m.group(1)) <= 8 else None
    if t.startswith("map["):
        depth, i = 0, 3
        for i in range(3, len(t)):
            depth += t[i] == "["
            depth -= t[i] == "]"
            if depth == 0:
                break
        k, v = _go(t[4:i]), _go(t[i + 1 :])
        return Ty("map", [k, v], text=t) if k and v else None
    if t.startswith("(") and t.endswith(")"):  # multiple results
        kids = [_go(p.strip().split(" ")[-1]) for p in _split(t[1:-1])]
        return Ty("tuple", kids, text=t) if kids and all(kids) else None  # type: ignore[arg-type]
    return None


def _rust(t: str) -> Ty | None:
    t = t.strip()
    ref = ""
    m = re.match(r"^&\s*(?:'\w+\s+)?(mut\s+)?(.*)$", t)
    if m:
        ref, t = ("&mut " if m.group(1) else "&"), m.group(2).strip()
    if t.startswith("[") and t.endswith("]") and ";" not in t:
        inner = _rust(t[1:-1])
        return Ty("list", [inner], text=t, ref="slice") if inner else None
    if t in _RUST:
        kind, bits = _RUST[t]
        return Ty("int" if kind == "uint" else kind, text=t, bits=bits, unsigned=kind == "uint", ref=ref)
    if t.startswith("(") and t.endswith(")"):
        kids = [_rust(p) for p in _split(t[1:-1]) if p.strip()]
        return Ty("tuple", kids, text=t, ref=ref) if kids and all(kids) else None  # type: ignore[arg-type]
    name, parts = _generic(t)
    name = name.rsplit("::", 1)[-1]
    kids = [_rust(p) for p in parts]
    if any(k is None for k in kids):
        return None
    kinds = {
        "Vec": "list",
        "VecDeque": "list",
        "HashSet": "set",
        "BTreeSet": "set",
        "HashMap": "map",
        "BTreeMap": "map",
        "Option": "optional",
    }
    if name in kinds and kids:
        return Ty(kinds[name], [k for k in kids if k], text=t, ref=ref)
    return None


# ------------------------------------------------------------------ reading signatures
_CPP_SIG = re.compile(
    r"(?P<ret>[A-Za-z_][\w:<>,\s*&]*?[\w>&*])\s+(?P<name>[A-Za-z_]\w*)\s*\((?P<params>[^()]*)\)\s*(?:const\s*)?(?:\{|;|`|$)",
    re.M,
)
_JAVA_SIG = re.compile(
    r"(?P<mods>(?:(?:public|private|protected|static|final)\s+)*)(?P<ret>[A-Za-z_][\w<>,\s\[\]?]*?[\w>\]])\s+"
    r"(?P<name>[A-Za-z_]\w*)\s*\((?P<params>[^()]*)\)\s*(?:throws\s+[\w.,\s]+)?(?:\{|;|`|$)",
    re.M,
)
_GO_SIG = re.compile(
    r"\bfunc\s+(?P<name>[A-Za-z_]\w*)\s*\((?P<params>[^()]*)\)\s*(?P<ret>\([^()]*\)|(?:interface\{\}|[^{`\n])*)"
)
_RUST_SIG = re.compile(
    r"(?:\bfn\s+|`)(?P<name>[a-z_]\w*)\s*(?:<[^>]*>)?\s*\((?P<params>[^()]*(?:\([^()]*\)[^()]*)*)\)"
    r"\s*(?:->\s*(?P<ret>[^{`\n]+?))?\s*(?:\{|`|where\b|$)",
    re.M,
)
_JS_SIG = re.compile(
    r"(?:\bfunction\s+(?P<n1>[A-Za-z_$][\w$]*)\s*\((?P<p1>[^()]*)\)"
    r"|\b(?:const|let|var)\s+(?P<n2>[A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\s*\w*\s*)?"
    r"\((?P<p2>[^()]*)\)(?:\s*=>)?"
    r"|\b(?:const|let|var)\s+(?P<n3>[A-Za-z_$][\w$]*)\s*=\s*(?P<p3>[A-Za-z_$][\w$]*)\s*=>)"
)
_NOT_NAMES = {"if", "for", "while", "switch", "return", "catch", "sizeof", "main", "new", "else", "do"}


_CPP_OWNER = re.compile(r"\b(?:class|struct)\s+([A-Za-z_]\w*)\s*(?:final\s*)?(?::[^{;]*)?$")
_RUST_OWNER = re.compile(r"\bimpl\s*(?:<[^{]*>)?\s+(?:[\w:<>]+\s+for\s+)?([A-Za-z_]\w*)(?:<[^{]*>)?\s*$")


def _owner(text: str, pos: int, head: re.Pattern[str]) -> str | None:
    """The class a definition at ``pos`` is a member of: the block it sits in directly opens with
    ``head`` (braces in strings or comments can mislead this; answers rarely put them there)."""
    opened: list[int] = []
    for m in re.finditer(r"[{}]", text[:pos]):
        if m.group() == "{":
            opened.append(m.start())
        elif opened:
            opened.pop()
    if not opened:
        return None
    start = opened[-1]
    before = max(text.rfind(c, 0, start) for c in ";{}") + 1
    found = head.search(text[before:start].strip())
    return found.group(1) if found else None


def _strip_default(p: str) -> str:
    return p.split("=", 1)[0].strip()


_CPP_ALIAS = re.compile(
    r"^\s*(?:typedef\s+(?P<t1>[^;{}()]+?)\s+(?P<n1>[A-Za-z_]\w*)|using\s+(?P<n2>[A-Za-z_]\w*)\s*=\s*(?P<t2>[^;{}()]+?))\s*;",
    re.M,
)


def _cpp_aliases(text: str) -> dict[str, str]:
    """The type aliases ``text`` declares (``typedef std::list<boost::any> list_any;``, ``using vi = vector<int>;``)."""
    out: dict[str, str] = {}
    for m in _CPP_ALIAS.finditer(text):
        name, target = m.group("n1") or m.group("n2"), (m.group("t1") or m.group("t2")).strip()
        if name not in out and not re.search(rf"\b{name}\b", target):
            out[name] = target
    return out


def _unalias(text: str, aliases: dict[str, str]) -> str:
    """``text`` with each alias (one level, as declared) replaced by the type it names."""
    if not aliases:
        return text
    pattern = re.compile(r"(?<![\w:])(" + "|".join(map(re.escape, aliases)) + r")\b")
    return pattern.sub(lambda m: aliases[m.group(1)], text)


def _cpp_params(text: str) -> tuple[list[str], list[Ty | None]]:
    names, types = [], []
    for p in _split(text):
        p = _strip_default(p)
        if not p or p == "void":
            continue
        m = re.match(r"^(.*?[\w>&*\s])\s*([A-Za-z_]\w*)$", p)
        if not m:
            return [], []
        names.append(m.group(2))
        ty = _cpp(m.group(1))
        if ty is not None and "&" in m.group(1) and "&&" not in m.group(1) and "const" not in m.group(1):
            ty.ref = "&"  # a non-const reference takes no temporary: the call passes an lvalue
        types.append(ty)
    return names, types


def _java_params(text: str) -> tuple[list[str], list[Ty | None]]:
    names, types = [], []
    for p in _split(text):
        p = p.strip()
        if not p:
            continue
        m = re.match(r"^(.*?[\w>\]])\s+([A-Za-z_]\w*)$", p.replace("final ", ""))
        if not m:
            return [], []
        names.append(m.group(2))
        types.append(_java(m.group(1)))
    return names, types


def _go_params(text: str) -> tuple[list[str], list[Ty | None]]:
    """Go groups names sharing a type: ``a, b int, s string``."""
    names: list[str] = []
    types: list[Ty | None] = []
    pending: list[str] = []
    for p in _split(text):
        p = p.strip()
        if not p:
            continue
        bits = p.split(None, 1)
        if len(bits) == 1:
            pending.append(bits[0])
            continue
        ty = _go(bits[1].replace("...", "[]"))
        for n in pending + [bits[0]]:
            names.append(n)
            types.append(ty)
        pending = []
    if pending:  # unnamed parameters: types only
        return [], []
    return names, types


def _rust_params(text: str) -> tuple[list[str], list[Ty | None]]:
    names, types = [], []
    for p in _split(text):
        p = p.strip()
        if not p:
            continue
        if ":" not in p:
            return [], []
        n, t = p.split(":", 1)
        names.append(n.strip().removeprefix("mut ").strip())
        types.append(_rust(t))
    return names, types


_JSDOC = re.compile(r"@param\s+\{([^{}]+)\}\s+\[?([A-Za-z_$][\w$]*)")


def _jsdoc(t: str) -> Ty | None:
    """A JSDoc type (``number[]``, ``Array<string>``, ``boolean``) as a type, to seed inputs without examples."""
    t = t.strip()
    if t.endswith("[]"):
        inner = _jsdoc(t[:-2])
        return Ty("list", [inner], text=t) if inner else None
    name, parts = _generic(t)
    if name == "Array" and len(parts) == 1:
        inner = _jsdoc(parts[0])
        return Ty("list", [inner], text=t) if inner else None
    kinds = {
        "number": "int",
        "integer": "int",
        "int": "int",
        "float": "float",
        "string": "str",
        "boolean": "bool",
    }
    return Ty(kinds[t.lower()], text=t) if t.lower() in kinds else None


def _js_params(text: str) -> list[str]:
    out = []
    for p in _split(text):
        p = _strip_default(p).removeprefix("...")
        if re.match(r"^[A-Za-z_$][\w$]*$", p):
            out.append(p)
    return out


def signatures(text: str, language: str) -> list[TypedSig]:
    """Every function signature ``text`` writes in ``language`` (instruction prose or code), in order."""
    out: list[TypedSig] = []
    if language == "js":
        doc = {m.group(2): _jsdoc(m.group(1)) for m in _JSDOC.finditer(text)}
        for m in _JS_SIG.finditer(text):
            name = m.group("n1") or m.group("n2") or m.group("n3")
            params = (
                _js_params(m.group("p1") or m.group("p2") or "") if not m.group("n3") else [m.group("p3")]
            )
            if name not in _NOT_NAMES:
                out.append(TypedSig(name, params, [doc.get(p) for p in params]))
        return out
    if language == "go":
        for m in _GO_SIG.finditer(text):
            names, types = _go_params(m.group("params"))
            if m.group("params").strip() and not names:
                continue
            ret = m.group("ret").strip()
            out.append(TypedSig(m.group("name"), names, types, _go(ret) if ret else Ty("void")))
        return out
    if language == "rust":
        for m in _RUST_SIG.finditer(text):
            names, types = _rust_params(m.group("params"))
            if m.group("params").strip() and not names or m.group("name") in _NOT_NAMES:
                continue
            ret = (m.group("ret") or "").strip()
            out.append(
                TypedSig(
                    m.group("name"),
                    names,
                    types,
                    _rust(ret) if ret else Ty("void"),
                    owner=_owner(text, m.start(), _RUST_OWNER),
                )
            )
        return out
    if language == "java":
        for m in _JAVA_SIG.finditer(text):
            ret = m.group("ret").strip()
            if (
                m.group("name") in _NOT_NAMES
                or ret in ("new", "return", "else", "class")
                or ret.startswith("new ")
            ):
                continue
            names, types = _java_params(m.group("params"))
            if m.group("params").strip() and not names:
                continue
            out.append(
                TypedSig(m.group("name"), names, types, _java(ret), "static" in (m.group("mods") or ""))
            )
        return out
    if language == "cpp":
        aliases = _cpp_aliases(text)
        for m in _CPP_SIG.finditer(text):
            ret = m.group("ret").strip()
            ret = re.sub(
                r"^(?:(?:public|private|protected)\s*:\s*)?(?:(?:static|inline|constexpr|virtual)\s+)*",
                "",
                ret,
            )
            if m.group("name") in _NOT_NAMES or ret.split()[-1] in ("return", "else", "new", "delete"):
                continue
            names, types = _cpp_params(_unalias(m.group("params"), aliases))
            ret = _unalias(ret, aliases)
            if m.group("params").strip() not in ("", "void") and not names:
                continue
            owner = _owner(text, m.start(), _CPP_OWNER)
            out.append(TypedSig(m.group("name"), names, types, _cpp(ret), owner=owner))
        return out
    return out


def read_signature(text: str, language: str, name: str | None = None) -> TypedSig | None:
    """The signature of ``name`` (else the first one) that ``text`` writes, or None."""
    sigs = signatures(text, language)
    if name is not None:
        sigs = [s for s in sigs if s.name == name]
    return sigs[0] if sigs else None


# ------------------------------------------------------------------ writing values
def _escape(s: str, language: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 32 or o == 127 or (o > 127 and language in ("java", "js", "rust")):
            if language == "rust":
                out.append(f"\\u{{{o:x}}}")
            elif language == "cpp":
                out.append(f"\\{o:03o}" if o < 256 else ch)
            elif language == "go":
                out.append(f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")
            elif o < 0x10000:
                out.append(f"\\u{o:04x}")
            else:
                hi, lo = 0xD800 + ((o - 0x10000) >> 10), 0xDC00 + ((o - 0x10000) & 0x3FF)
                out.append(f"\\u{hi:04x}\\u{lo:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _char(c: str, language: str) -> str:
    body = _escape(c, language)[1:-1].replace('\\"', '"')
    return "'" + (body if c != "'" else "\\'") + "'"


def _float(v: float, ty: Ty, language: str) -> str:
    if not math.isfinite(v):
        raise Unrenderable("not a finite number")
    text = repr(float(v))
    if "e" in text and "." not in text.split("e")[0]:
        text = text.replace("e", ".0e")
    if language == "java" and ty.bits == 32 or language == "cpp" and ty.bits == 32:
        return text + "f"
    return text


def render(value: Any, ty: Ty | None, language: str) -> str:
    """``value`` as a source literal of type ``ty`` (``ty`` None: from the value alone; JavaScript)."""
    text = _render(value, ty, language)
    # a Rust reference to a scalar or a String (`number: &f32`, `s: &String`): borrow the literal
    # (containers and maps write their own `&`, `&str` literals are references already)
    if (
        language == "rust"
        and ty is not None
        and ty.ref in ("&", "&mut ")
        and (ty.kind in ("int", "float", "bool", "char") or ty.kind == "str" and ty.text != "str")
    ):
        return ty.ref + text
    return text


def _render(value: Any, ty: Ty | None, language: str) -> str:
    if ty is not None and ty.kind == "any" and language in ("cpp", "java"):
        return _any(value, language)
    if language == "js" or ty is None or ty.kind == "any":
        if language != "js" and ty is not None and ty.kind == "any" and language != "go":
            raise Unrenderable("an untyped parameter")
        return _untyped(value, language)
    k = ty.kind
    if k == "optional":
        if value is None:
            return {"java": "Optional.empty()", "rust": "None"}.get(language) or _refuse("null")
        inner = render(value, ty.args[0], language)
        return {"java": f"Optional.of({inner})", "rust": f"Some({inner})"}.get(language, inner)
    if value is None:
        raise Unrenderable("null for a non-optional type")
    if k == "bool":
        if type(value) is not bool:
            raise Unrenderable("not a bool")
        return "true" if value else "false"
    if k == "int":
        if type(value) is not int:
            raise Unrenderable("not an int")
        lo, hi = ty.bounds()
        if not lo <= value <= hi:
            raise Unrenderable(f"{value} does not fit {ty.text}")
        if language == "java" and ty.bits == 64 and ty.text in ("long", "Long"):
            return f"{value}L"
        if language == "cpp" and ty.bits == 64:
            return f"{value}LL" if not ty.unsigned else f"{value}ULL"
        if language == "java" and ty.bits < 32:
            return f"({ty.text.lower() if ty.text[0].isupper() else ty.text}) {value}"
        if language == "cpp" and value == -(2**31):
            return f"({value + 1} - 1)"
        return str(value)
    if k == "float":
        if type(value) not in (int, float) or type(value) is bool:
            raise Unrenderable("not a number")
        return _float(float(value), ty, language)
    if k == "str":
        if type(value) is not str:
            raise Unrenderable("not a string")
        lit = _escape(value, language)
        if language == "cpp":
            return f"string({lit})"
        if language == "rust":
            return lit if ty.text == "str" else f"String::from({lit})"
        return lit
    if k == "char":
        if type(value) is not str or len(value) != 1 or (ty.bits == 8 and ord(value) > 127):
            raise Unrenderable("not a single character")
        return _char(value, language)
    if k in ("list", "set"):
        if type(value) not in (list, tuple, set, frozenset):
            raise Unrenderable("not a list")
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else list(value)
        elems = [render(x, ty.args[0], language) for x in items]
        return _sequence(elems, ty, language, k)
    if k == "tuple":
        if type(value) not in (list, tuple) or len(value) != len(ty.args):
            raise Unrenderable("not a tuple of the right length")
        elems = [render(x, t, language) for x, t in zip(value, ty.args)]
        if language == "cpp":
            return f"{ty.text}{{{', '.join(elems)}}}"
        if language == "rust":
            return f"({', '.join(elems)}{',' if len(elems) == 1 else ''})"
        if language == "go" and ty.text.startswith("["):
            return f"{ty.text}{{{', '.join(elems)}}}"
        raise Unrenderable(f"a tuple in {language}")
    if k == "map":
        if language == "cpp" and _brace_pairs(value):
            # the statement's C++ brace list of pairs (`{{"a","apple"}, {"b","banana"}}`, read as a
            # list of lists): written back as pairs, so a repeated key means what it means in C++
            items = [tuple(kv) for kv in value]
        elif type(value) is dict:
            items = list(value.items())
        else:
            raise Unrenderable("not a map")
        pairs = [(render(a, ty.args[0], language), render(b, ty.args[1], language)) for a, b in items]
        if language == "cpp":
            return f"{ty.text}{{{', '.join(f'{{{a}, {b}}}' for a, b in pairs)}}}"
        if language == "go":
            return f"{ty.text}{{{', '.join(f'{a}: {b}' for a, b in pairs)}}}"
        if language == "java":
            kt, vt = (_boxed(a.text) for a in ty.args)
            puts = " ".join(f"put({a}, {b});" for a, b in pairs)
            return f"new HashMap<{kt}, {vt}>() {{{{ {puts} }}}}"
        if language == "rust":
            body = f"{ty.text.split('<', 1)[0]}::from([{', '.join(f'({a}, {b})' for a, b in pairs)}])"
            body = body if "::" in body.split("(")[0] else "std::collections::" + body
            return ty.ref + body if ty.ref else body
    raise Unrenderable(f"type {ty.text or k}")


def _refuse(what: str) -> str:
    raise Unrenderable(what)


_BOX = {
    "int": "Integer",
    "long": "Long",
    "double": "Double",
    "float": "Float",
    "boolean": "Boolean",
    "char": "Character",
    "short": "Short",
    "byte": "Byte",
}


def _boxed(text: str) -> str:
    return _BOX.get(text, text)


def _sequence(elems: list[str], ty: Ty, language: str, kind: str) -> str:
    body = ", ".join(elems)
    if language == "cpp":
        return f"{ty.text}{{{body}}}"
    if language == "go":
        return f"{ty.text}{{{body}}}"
    if language == "rust":
        if ty.ref == "slice":
            return f"&[{body}]" if elems else "&[]"
        if kind == "set":
            body = f"{ty.text.split('<', 1)[0]}::from([{body}])"
            return ("std::collections::" + body) if "::" not in body.split("(")[0] else body
        return f"{ty.ref}vec![{body}]"
    if language == "java":
        if ty.ref == "array":
            return f"new {ty.text[:-2]}[]{{{body}}}"
        elem = _boxed(ty.args[0].text)
        cls = "HashSet" if kind == "set" else "ArrayList"
        return f"new {cls}<{elem}>(Arrays.<{elem}>asList({body}))"
    raise Unrenderable(f"a list in {language}")


def _brace_pairs(value: Any) -> bool:
    return type(value) in (list, tuple) and all(type(kv) in (list, tuple) and len(kv) == 2 for kv in value)


def _any(value: Any, language: str) -> str:
    """A value for a parameter of any type (C++ ``std::any``/``boost::any``, Java ``Object``), from the
    value alone: the literal the language itself gives that value's type (5 an int/Integer, 2.5 a
    double, "2,3" a std::string/String). What has no one natural literal is refused."""
    t = type(value)
    if t is bool:
        return "true" if value else "false"
    if t is int:
        if -(2**31) < value < 2**31:
            return str(value)
        if language == "java" and -(2**63) <= value < 2**63:
            return f"{value}L"
        raise Unrenderable(f"{value} as a value of any type")
    if t is float:
        return _float(value, Ty("float"), language)
    if t is str:
        return f"string({_escape(value, language)})" if language == "cpp" else _escape(value, language)
    if language == "cpp":
        # `{}` among a list<any>'s elements (`{1, 2, "abc", {}, {}}`) is an empty any
        if t in (list, tuple, dict) and not value:
            return "std::any()"
        raise Unrenderable(f"a {t.__name__} as a C++ any")
    if value is None:
        return "null"
    if t in (list, tuple):
        return f"new ArrayList<Object>(Arrays.<Object>asList({', '.join(_any(x, language) for x in value)}))"
    if t is dict:
        puts = " ".join(f"put({_any(a, language)}, {_any(b, language)});" for a, b in value.items())
        return f"new HashMap<Object, Object>() {{{{ {puts} }}}}" if puts else "new HashMap<Object, Object>()"
    raise Unrenderable(f"a {t.__name__} as a Java Object")


def _untyped(value: Any, language: str) -> str:
    """A literal from the value alone: JavaScript's, or Go's for ``interface{}``."""
    t = type(value)
    if value is None:
        return "null" if language == "js" else "nil"
    if t is bool:
        return "true" if value else "false"
    if t is int:
        if language == "js" and abs(value) > 2**53:
            raise Unrenderable("an int beyond a double's precision")
        return str(value)
    if t is float:
        return _float(value, Ty("float"), language)
    if t is str:
        return _escape(value, language)
    if t in (list, tuple):
        inner = [_untyped(x, language) for x in value]
        return f"[{', '.join(inner)}]" if language == "js" else f"[]interface{{}}{{{', '.join(inner)}}}"
    if t is dict and language == "js" and all(type(k) is str for k in value):
        return "{" + ", ".join(f"{_escape(k, 'js')}: {_untyped(v, 'js')}" for k, v in value.items()) + "}"
    raise Unrenderable(f"a {t.__name__} without a declared type")


def go_chars(value: Any, ty: Ty) -> Any:
    """An expected value with the one-character strings at Go ``rune``/``byte`` positions as their codes.

    >>> go_chars({"a": 1, "b": 2}, parse_type("map[rune]int", "go"))
    {97: 1, 98: 2}
    """
    if ty.kind == "char" and ty.text in ("rune", "byte"):
        return ord(value) if isinstance(value, str) and len(value) == 1 else value
    if ty.kind == "list" and ty.args and isinstance(value, list):
        return [go_chars(v, ty.args[0]) for v in value]
    if ty.kind == "map" and len(ty.args) == 2 and isinstance(value, dict):
        return {go_chars(k, ty.args[0]): go_chars(v, ty.args[1]) for k, v in value.items()}
    return value


__all__ = [
    "go_chars",
    "LANGUAGES",
    "Ty",
    "TypedSig",
    "Unrenderable",
    "parse_type",
    "read_signature",
    "render",
    "signatures",
]
