"""Diagnosis by reference: align a candidate's tree with a reference solution's and classify
the nodes that differ.

When a reference exists (a dataset's canonical solution, a user's ``reference``, the better
response of a judged pair), a failing candidate that differs from it in one or two places
names its own mistake: ``<=`` where the reference has ``<`` is a conditional error, ``n`` where
it has ``n + 1`` an index shift. Both functions are parsed with tree-sitter, local names are
matched (parameters by position, shared names as they are, the rest by first use) so that
``lst`` and ``arr`` align, and the trees are matched top-down: identical subtrees (by hash) match, children
of same-type nodes are aligned with a sequence matcher, and what is left are the differences
(replaced, inserted, deleted or reordered nodes). Each difference is classified into one of
the seven categories; many differences mean a different solution, not a small mistake, so
the tags' confidence falls with their number and no tag is given past ``MAX_CHANGES`` places or
when the differences cover more than ``MAX_SHARE`` of the code.

>>> ref = "def f(xs):\\n    return [x for x in xs if x > 0]\\n"
>>> [(f.code, f.category) for f in reference_findings("def f(a):\\n    return [y for y in a if y >= 0]\\n", ref, "f")]
[('CJ194', 'conditional_error')]
"""

from __future__ import annotations

import builtins
import difflib
import hashlib
from dataclasses import dataclass, field
from typing import Any

from codejudge.analyze.parser import parse
from codejudge.analyze.rules._util import call_name
from codejudge.types import Finding, Location

REFERENCE_CODES = {
    "conditional_error": "CJ194",
    "garbage_code": "CJ294",
    "math_logic_error": "CJ394",
    "output_formatting": "CJ494",
    "operation_misorder": "CJ594",
    "library_api_misuse": "CJ694",
    "index_off": "CJ794",
}
MAX_CHANGES = 3
MAX_SHARE = 0.2  # share of the two functions' tokens the differences may cover...
MIN_TOKENS = 6  # ...or this many tokens, for one-line functions
CONFIDENCE = {1: 0.8, 2: 0.6, 3: 0.45}  # by number of differences (docs/analyzer.md)
_COMPARE = {"<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"}
_BOOL = {"and", "or", "not"}
_ARITH = {
    "+",
    "-",
    "*",
    "/",
    "//",
    "%",
    "**",
    "+=",
    "-=",
    "*=",
    "/=",
    "//=",
    "%=",
    "**=",
    "&",
    "|",
    "^",
    "<<",
    ">>",
}
_STATEMENTS = {
    "expression_statement",
    "return_statement",
    "if_statement",
    "for_statement",
    "while_statement",
    "break_statement",
    "continue_statement",
    "raise_statement",
    "pass_statement",
    "try_statement",
    "with_statement",
    "assert_statement",
    "delete_statement",
    "global_statement",
    "nonlocal_statement",
    "import_statement",
    "import_from_statement",
    "function_definition",
}
_BUILTINS = frozenset(dir(builtins))


@dataclass
class _Node:
    type: str
    text: str  # normalized text of a leaf, "" otherwise
    children: list[_Node]
    ts: Any  # the tree-sitter node (for lines and context)
    hash: str = ""
    source: str = field(default="", repr=False)


@dataclass
class Change:
    kind: str  # replace | insert | delete | reorder | move | wrap | negate | guard | shift | regroup
    candidate: str  # candidate text ("" for a deletion)
    reference: str  # reference text ("" for an insertion)
    line: int  # candidate line (the reference's for a deletion)
    category: str | None = None
    why: str = ""
    tokens: int = 0  # tokens this difference touches (both sides)


def _function(ctx: Any, entry_point: str | None) -> Any:
    fns = ctx.nodes.get("function_definition", ())
    for fn in fns:
        if entry_point and fn.child_by_field_name("name").text.decode() == entry_point:
            return fn
    return ctx.tree.root_node if not entry_point or not fns else None


def _locals(ctx: Any, fn: Any) -> tuple[list[str], list[str]]:
    """(parameters in order, other local names in order of first use)."""
    params: list[str] = []
    plist = fn.child_by_field_name("parameters") if fn.type == "function_definition" else None
    for p in plist.named_children if plist is not None else ():
        ident = (
            p
            if p.type == "identifier"
            else p.child_by_field_name("name") or (p.named_children[0] if p.named_children else None)
        )
        if ident is not None and ident.type == "identifier":
            params.append(ident.text.decode())
    bound: set[str] = set()
    for kind in (
        "assignment",
        "augmented_assignment",
        "for_statement",
        "for_in_clause",
        "named_expression",
        "as_pattern",
        "with_item",
        "except_clause",
        "lambda_parameters",
        "parameters",
    ):
        for n in ctx.inside(fn, kind):
            target = n.child_by_field_name("left") or n.child_by_field_name("name") or n
            for i in [target, *ctx.inside(target, "identifier")]:
                if i.type == "identifier":
                    bound.add(i.text.decode())
    order: list[str] = []
    for i in ctx.inside(fn, "identifier"):
        t = i.text.decode()
        if (
            t in bound
            and t not in params
            and t not in order
            and not (i.parent.type == "attribute" and i.parent.child_by_field_name("attribute") == i)
        ):
            order.append(t)
    return params, order


def _renaming(cand: tuple[list[str], list[str]], ref: tuple[list[str], list[str]]) -> dict[str, str]:
    """Candidate local -> reference name: parameters by position, shared names as they are, the
    other locals in order of first use (so ``arr``/``lst`` align, and a statement swap that changes
    the order of first use does not rename anything when the names are the same)."""
    (cp, cl), (rp, rl) = cand, ref
    out = {c: r for c, r in zip(cp, rp)}
    shared = set(cl) & set(rl)
    out.update({n: n for n in shared if n not in out})
    rest_c = [n for n in cl if n not in out]
    rest_r = [n for n in rl if n not in shared and n not in out.values()]
    out.update(dict(zip(rest_c, rest_r)))
    for n in rest_c[len(rest_r) :]:
        out.setdefault(n, f"{n}__candidate")
    return out


def _build(ctx: Any, node: Any, names: dict[str, str]) -> _Node | None:
    if node.type == "comment":
        return None
    if (
        node.type == "expression_statement"
        and node.named_child_count == 1
        and node.named_children[0].type == "string"
        and node.parent is not None
        and node.parent.type == "block"
        and node.parent.named_children[0] == node
    ):
        return None  # docstring
    if not node.children or node.type in ("string", "integer", "float", "not in", "is not"):
        text = ctx.text(node)
        if (
            node.type == "identifier"
            and text in names
            and not (node.parent.type == "attribute" and node.parent.child_by_field_name("attribute") == node)
            and not (
                node.parent.type == "keyword_argument" and node.parent.child_by_field_name("name") == node
            )
        ):
            text = names[text]
        leaf = _Node(node.type, text, [], node)
        leaf.hash = hashlib.sha1(f"{node.type}\0{text}".encode()).hexdigest()
        return leaf
    kids = [k for k in (_build(ctx, c, names) for c in node.children) if k is not None]
    n = _Node(node.type, "", kids, node)
    n.hash = hashlib.sha1((node.type + "(" + ",".join(k.hash for k in kids) + ")").encode()).hexdigest()
    return n


def _parsed(source: str, entry_point: str | None) -> tuple[Any, Any]:
    ctx = parse(source)
    fn = _function(ctx, entry_point)
    return ctx, (None if fn is None or ctx.tree.root_node.has_error else fn)


def _tree(ctx: Any, fn: Any, names: dict[str, str]) -> _Node | None:
    root = _build(ctx, fn, names)
    if root is not None and fn.type == "function_definition":  # the name and signature are not the answer
        root.children = [c for c in root.children if c.type == "block"] or root.children
    return root


def _text(ctx: Any, n: _Node | None) -> str:
    return ctx.text(n.ts) if n is not None else ""


def _align(
    a: _Node,
    b: _Node,
    out: list[tuple[str, _Node | None, _Node | None]],
    anchors: dict[int, tuple[_Node, int]] | None = None,
) -> None:
    """Differences between candidate subtree ``a`` and reference subtree ``b``. ``anchors``, when
    given, records where each reference-only node would go in the candidate: ``id(node)`` ->
    (candidate parent, index of the child it would precede), for a transplant."""
    if a.hash == b.hash:
        return
    if a.children and b.children and _plus_one(a, b):
        out.append(("shift", a, b))  # `n + 1 - 1` against `n + 1`: one shift, not an operand and an operator
        return
    if _guards(a, b):
        out.append(("guard", a, b))  # `if c: stmt` against `stmt`
        return
    if _negates(a, b) or _negates(b, a):
        out.append(("negate", a, b))
        return
    if _wraps(a, b) or _wraps(b, a):
        out.append(("wrap", a, b))  # `str(x)` against `x`: one call added or dropped around the same value
        return
    if a.type in _EXPR and b.type in _EXPR:
        la, lb = _leaves(a), _leaves(b)
        if [x.text for x in la] == [y.text for y in lb]:
            out.append(("regroup", a, b))  # same tokens, other parentheses: `a + b / 2` vs `(a + b) / 2`
            return
        diff = [i for i, (x, y) in enumerate(zip(la, lb)) if x.text != y.text] if len(la) == len(lb) else []
        if len(diff) == 1:  # one token differs, though precedence gave the trees other shapes
            out.append(("replace", la[diff[0]], lb[diff[0]]))
            return
    if a.type != b.type or not a.children or not b.children:
        out.append(("replace", a, b))
        return
    ha, hb = [c.hash for c in a.children], [c.hash for c in b.children]
    if (
        len(ha) > 1
        and sorted(ha) == sorted(hb)
        and a.type in ("block", "module", "argument_list", "expression_list")
    ):
        out.append(("reorder", a, b))
        return
    if len(a.children) == len(b.children) and a.type not in ("block", "module"):
        for x, y in zip(a.children, b.children):  # same shape: compare position by position
            _align(x, y, out, anchors)
        return
    sm = difflib.SequenceMatcher(None, ha, hb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        ca, cb = a.children[i1:i2], b.children[j1:j2]
        if tag == "replace":
            ta, tb = [c.type for c in ca], [c.type for c in cb]
            sub = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
            for t2, k1, k2, l1, l2 in sub.get_opcodes():
                if t2 == "equal":
                    for x, y in zip(ca[k1:k2], cb[l1:l2]):
                        _align(x, y, out, anchors)
                elif t2 == "replace" and k2 - k1 == l2 - l1:
                    # different types: a wrapper, a regrouping, or a replacement
                    for x, y in zip(ca[k1:k2], cb[l1:l2]):
                        _align(x, y, out, anchors)
                else:
                    out.extend(("insert", x, None) for x in ca[k1:k2])
                    out.extend(("delete", None, y) for y in cb[l1:l2])
                    if anchors is not None:
                        anchors.update({id(y): (a, i1 + k2) for y in cb[l1:l2]})
        elif tag == "insert":
            out.extend(("delete", None, y) for y in cb)
            if anchors is not None:
                anchors.update({id(y): (a, i1) for y in cb})
        else:
            out.extend(("insert", x, None) for x in ca)


def _guards(outer: _Node, inner: _Node) -> bool:
    """``outer`` is an ``if`` (without ``else``) whose block is just ``inner``."""
    if outer.type != "if_statement" or any(c.type in ("else_clause", "elif_clause") for c in outer.children):
        return False
    block = next((c for c in outer.children if c.type == "block"), None)
    return block is not None and len(block.children) == 1 and block.children[0].hash == inner.hash


def _condition_text(n: _Node) -> str:
    cond = n.ts.child_by_field_name("condition")
    return cond.text.decode("utf-8", "replace").strip("() ") if cond is not None else ""


def _negates(outer: _Node, inner: _Node) -> bool:
    """``not x`` against ``x``."""
    outer = _bare(outer)
    return (
        outer.type == "not_operator"
        and len(outer.children) == 2
        and _bare(outer.children[1]).hash == _bare(inner).hash
    )


def _call_args(n: _Node) -> list[_Node]:
    al = next((c for c in n.children if c.type == "argument_list"), None)
    return [c for c in al.children if c.type not in _PUNCT and c.text not in _PUNCT] if al is not None else []


def _chain(outer: _Node, inner: _Node) -> list[str]:
    """The calls wrapped around ``inner`` to make ``outer`` (``list(set(x))`` around ``x``:
    ["list", "set"]), or [] when ``outer`` is not such a chain."""
    names: list[str] = []
    node = _bare(outer)
    while node.type == "call" and len(names) < 3:
        args = _call_args(node)
        if not args:
            return []
        names.append(call_name(node.ts))
        node = _bare(args[0])
        if node.hash == _bare(inner).hash:
            return names
    return []


def _wraps(outer: _Node, inner: _Node) -> bool:
    """``outer`` is one call (or a few nested) around ``inner``."""
    return bool(_chain(outer, inner))


_WRAP = {
    "str": "output_formatting",
    "repr": "output_formatting",
    "round": "output_formatting",
    "list": "output_formatting",
    "tuple": "output_formatting",
    "int": "output_formatting",
    "float": "output_formatting",
    "print": "output_formatting",
    "format": "output_formatting",
    "abs": "math_logic_error",
    "sorted": "operation_misorder",
    "reversed": "operation_misorder",
}


def _leaves(n: _Node) -> list[_Node]:
    if not n.children:
        return [] if n.text in ("(", ")") else [n]
    return [t for c in n.children for t in _leaves(c)]


def _term(big: _Node, small: _Node) -> bool:
    """``big`` is ``small`` with one arithmetic term added (``x * 2`` against ``x``)."""
    big = _bare(big)
    return (
        big.type == "binary_operator"
        and len(big.children) == 3
        and big.children[1].text in _ARITH
        and _bare(small).hash in (_bare(big.children[0]).hash, _bare(big.children[2]).hash)
    )


def _conjunct(big: _Node, small: _Node) -> bool:
    """``big`` is ``small and c`` / ``c or small``: one condition more."""
    big = _bare(big)
    return big.type == "boolean_operator" and _bare(small).hash in {_bare(c).hash for c in big.children}


def _operands(n: _Node) -> list[str]:
    """The names and calls of an expression, in order: what a formula combines (not how)."""
    return [x.text for x in _leaves(n) if x.type == "identifier"]


def _tokens(n: _Node) -> list[str]:
    return [x.text for x in _leaves(n)]


_EXPR = {
    "binary_operator",
    "parenthesized_expression",
    "boolean_operator",
    "comparison_operator",
    "unary_operator",
    "not_operator",
}
_PUNCT = {",", "(", ")", "[", "]", ":", "{", "}", ";"}


def _in(ts: Any, types: tuple[str, ...]) -> bool:
    p = ts.parent
    while p is not None and p.type not in ("block", "function_definition", "module"):
        if p.type in types:
            return True
        if (
            p.type == "argument_list"
            and p.parent is not None
            and call_name(p.parent) in ("range", "enumerate")
            and "range" in types
        ):
            return True
        p = p.parent
    return False


def ctx_text(n: _Node) -> str:
    return n.ts.text.decode("utf-8", "replace") if n.ts is not None else n.text


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _bare(n: _Node) -> _Node:
    while n.type == "parenthesized_expression" and len(n.children) == 3:
        n = n.children[1]
    return n


def _swapped(x: _Node, y: _Node) -> bool:
    """``a - b`` against ``b - a`` (parentheses aside)."""
    x, y = _bare(x), _bare(y)
    return (
        x.type == y.type == "binary_operator"
        and len(x.children) == len(y.children) == 3
        and x.children[1].text == y.children[1].text
        and _bare(x.children[0]).hash == _bare(y.children[2]).hash
        and _bare(x.children[2]).hash == _bare(y.children[0]).hash
    )


def _plus_one(x: _Node, y: _Node) -> bool:
    """``x`` is ``y + 1`` / ``y - 1`` (or the other way round)."""
    x, y = _bare(x), _bare(y)
    for big, small in ((x, y), (y, x)):
        if (
            big.type == "binary_operator"
            and len(big.children) == 3
            and big.children[1].text in ("+", "-")
            and big.children[2].type == "integer"
            and big.children[2].text == "1"
            and _bare(big.children[0]).hash == small.hash
        ):
            return True
    return False


def _classify(kind: str, a: _Node | None, b: _Node | None) -> tuple[str | None, str]:
    n = a if a is not None else b
    assert n is not None
    ts = n.ts
    if kind == "reorder":
        return "operation_misorder", "the same parts in another order"
    if kind == "guard":
        assert a is not None
        if _condition_text(a) in ("False", "0", "None"):
            return "garbage_code", "a dead branch (`if False:`) around a statement"
        return "conditional_error", "an extra condition around a statement"
    if kind == "move":
        return "operation_misorder", "a statement in another place"
    if kind == "negate":
        return "conditional_error", "a negation added or dropped"
    if kind == "shift":
        return "index_off", "a shift by one"
    if kind == "regroup":
        return "math_logic_error", "the same operations grouped differently"
    if kind == "wrap":
        assert a is not None and b is not None
        outer, inner = (a, b) if _wraps(a, b) else (b, a)
        names = _chain(outer, inner)
        cats = [_WRAP.get(name, "library_api_misuse") for name in names]
        # `list(set(x))`: the conversion presents, the set is what changes the result
        cat = next((c for c in cats if c != "output_formatting"), cats[0])
        shown = "(".join(names) + "(...)" + ")" * (len(names) - 1)
        return cat, f"`{shown}` {'added' if outer is a else 'missing'}"
    if kind in ("insert", "delete"):
        extra = kind == "insert"
        if n.type in (
            "if_statement",
            "elif_clause",
            "else_clause",
            "conditional_expression",
            "not",
            "not_operator",
        ):
            return "conditional_error", ("an extra case" if extra else "a missing case")
        callee = (
            call_name(ts.parent.parent)
            if ts.parent is not None and ts.parent.type == "argument_list" and ts.parent.parent is not None
            else None
        )
        if callee in ("range", "enumerate"):
            return "index_off", f"a bound of `{callee}` differs"
        if (
            callee is not None
            and n.type != "keyword_argument"
            and (callee.startswith(".") or callee in _BUILTINS)
        ):
            return "library_api_misuse", "a library call's arguments differ"
        if n.type == "keyword_argument":
            name = n.children[0].text if n.children else ""
            return (
                "operation_misorder" if name == "reverse" else "library_api_misuse"
            ), "a keyword argument differs"
        if n.type == "parenthesized_expression" or n.text in ("(", ")"):
            return "math_logic_error", "grouping differs"
        if extra and n.type in _STATEMENTS:
            return "garbage_code", "a statement the reference does not have"
        if n.type in ("integer", "+", "-") and _in(ts, ("subscript", "slice", "range")):
            return "index_off", "an index shift"
        if n.text in _BOOL or n.type in ("and", "or"):
            return "conditional_error", "a condition differs"
        return None, "a part differs"
    assert a is not None and b is not None
    if not a.children and not b.children:
        ta, tb = a.text, b.text
        if {ta, tb} <= _COMPARE:
            return "conditional_error", f"`{tb}` written as `{ta}`"
        if {ta, tb} <= _BOOL:
            return "conditional_error", f"`{tb}` written as `{ta}`"
        if {ta, tb} <= _ARITH:
            return "math_logic_error", f"`{tb}` written as `{ta}`"
        if a.type == b.type == "integer" and _int(ta) is not None and _int(tb) is not None:
            if abs(_int(ta) - _int(tb)) == 1 and _in(a.ts, ("subscript", "slice", "range")):  # type: ignore[operator]
                return "index_off", f"`{tb}` written as `{ta}`"
            if a.ts.parent is not None and a.ts.parent.type == "comparison_operator":
                return "conditional_error", f"bound `{tb}` written as `{ta}`"
            return "math_logic_error", f"constant `{tb}` written as `{ta}`"
        if a.type == b.type == "string":
            return "output_formatting", f"text {tb} written as {ta}"
        if {a.type, b.type} <= {"true", "false", "string", "none"}:
            return "output_formatting", f"`{tb}` written as `{ta}`"
        if a.type == b.type == "identifier" and (ts.parent.type in ("call", "attribute")):
            if ts.parent.type == "attribute" or ts.parent.child_by_field_name("function") == ts:
                return "library_api_misuse", f"`{tb}` called as `{ta}`"
        if (
            a.type in ("integer", "identifier")
            and b.type in ("integer", "identifier")
            and _in(a.ts, ("subscript",))
        ):
            return "index_off", f"index `{tb}` written as `{ta}`"
        return None, "a name or value differs"
    if _plus_one(a, b):
        return "index_off", "a shift by one"
    par = ts.parent
    if par is not None and par.type == "call" and par.child_by_field_name("function") == ts:
        return "library_api_misuse", f"`{ctx_text(b)}` called as `{ctx_text(a)}`"
    if _swapped(a, b):
        return "operation_misorder", "the operands in the other order"
    if {a.type, b.type} == {"expression_statement", "return_statement"} and "print" in _tokens(a) + _tokens(
        b
    ):
        return "output_formatting", "printed instead of returned"
    if a.type == b.type == "call":
        fa, fb = call_name(a.ts), call_name(b.ts)
        if fa != fb and fa and fb:
            return "library_api_misuse", f"`{fb}` called as `{fa}`"
    par = ts.parent
    if par is not None and par.child_by_field_name("condition") == ts:
        return "conditional_error", "the condition differs"
    if (
        a.type in ("binary_operator", "parenthesized_expression")
        and b.type in ("binary_operator", "parenthesized_expression")
        and _operands(a) == _operands(b)
    ):
        return "math_logic_error", "the same operands in another formula"
    if _term(a, b) or _term(b, a):
        return "math_logic_error", "a term added or dropped"
    if _conjunct(a, b) or _conjunct(b, a):
        return "conditional_error", "a condition added or dropped"
    if a.type in ("comparison_operator", "boolean_operator", "not_operator"):
        return "conditional_error", "the condition differs"
    return None, "a subexpression differs"


def _moves(ops: list[tuple[str, _Node | None, _Node | None]]) -> list[tuple[str, _Node | None, _Node | None]]:
    """An inserted statement equal to a deleted one is one statement moved, not two changes."""
    deleted = {
        b.hash: i
        for i, (k, _, b) in enumerate(ops)
        if k == "delete" and b is not None and b.type in _STATEMENTS
    }
    drop: set[int] = set()
    out: list[tuple[str, _Node | None, _Node | None]] = []
    for k, a, b in ops:
        if k == "insert" and a is not None and a.hash in deleted and deleted[a.hash] not in drop:
            drop.add(deleted[a.hash])
            out.append(("move", a, ops[deleted[a.hash]][2]))
        else:
            out.append((k, a, b))
    return [op for i, op in enumerate(out) if not (op[0] == "delete" and i in drop)]


@dataclass
class Alignment:
    """Both parsed functions, the candidate -> reference renaming of local names, and the
    differences (``kind``, candidate node, reference node) with the anchors of reference-only
    nodes (see ``_align``)."""

    ca: Any
    cb: Any
    fa: Any
    fb: Any
    names: dict[str, str]
    ops: list[tuple[str, _Node | None, _Node | None]]
    anchors: dict[int, tuple[_Node, int]]


def align(source: str, reference: str, entry_point: str | None = None) -> Alignment | None:
    """Align ``source`` with ``reference`` (None: one of them cannot be compared)."""
    try:
        ca, fa = _parsed(source, entry_point)
        cb, fb = _parsed(reference, entry_point)
        if fa is None or fb is None:
            return None
        lb = _locals(cb, fb)
        names = _renaming(_locals(ca, fa), lb)
        ta = _tree(ca, fa, names)
        tb = _tree(cb, fb, {n: n for n in lb[0] + lb[1]})
    except Exception:  # noqa: BLE001 - unparsable input: nothing to compare
        return None
    if ta is None or tb is None:
        return None
    ops: list[tuple[str, _Node | None, _Node | None]] = []
    anchors: dict[int, tuple[_Node, int]] = {}
    _align(ta, tb, ops, anchors)
    return Alignment(ca, cb, fa, fb, names, _moves(ops), anchors)


def compare(source: str, reference: str, entry_point: str | None = None) -> list[Change] | None:
    """The differences between ``source`` and ``reference`` (None: one of them cannot be compared)."""
    al = align(source, reference, entry_point)
    if al is None:
        return None
    ca, cb = al.ca, al.cb
    out = []
    for kind, a, b in al.ops:
        if kind in ("insert", "delete") and (a or b).text in _PUNCT:  # type: ignore[union-attr]
            continue  # the comma before a dropped argument is not a difference of its own
        category, why = _classify(kind, a, b)
        line = (a or b).ts.start_point[0] + 1  # type: ignore[union-attr]
        out.append(Change(kind, _text(ca, a), _text(cb, b), line, category, why, _touched(kind, a, b)))
    return out


def _touched(kind: str, a: _Node | None, b: _Node | None) -> int:
    """How much of the code a difference covers, in tokens: a swap or a wrapper is small even
    around a big expression; a replaced subtree counts both versions."""
    if kind in ("regroup", "shift", "wrap", "negate", "swap"):
        return 2
    if kind in ("reorder", "move", "guard"):
        return 3
    if kind in ("insert", "delete") and (a or b).type in ("if_statement", "elif_clause"):  # type: ignore[union-attr]
        return 3  # one case added or missing, however long its body
    la = [x.text for x in _leaves(a)] if a is not None else []
    lb = [x.text for x in _leaves(b)] if b is not None else []
    same = sum(m.size for m in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_matching_blocks())
    return len(la) + len(lb) - 2 * same  # `print(x)` against `return x` touches 4 tokens, not 7


def size(source: str, entry_point: str | None = None) -> int:
    """Tokens of the compared function (of ``source``)."""
    try:
        ctx, fn = _parsed(source, entry_point)
    except Exception:  # noqa: BLE001
        return 0
    return 0 if fn is None else len(_leaves(_build(ctx, fn, {}) or _Node("", "", [], None)))


def reference_findings(
    source: str, reference: str, entry_point: str | None = None, path: str = "<string>"
) -> list[Finding]:
    """Tags from the differences with ``reference``: one finding per category, or none when the
    two differ in more than ``MAX_CHANGES`` places (another solution, not a slip)."""
    changes = compare(source, reference, entry_point)
    if not changes or len(changes) > MAX_CHANGES:
        return []
    total = size(source, entry_point) + size(reference, entry_point)
    if sum(c.tokens for c in changes) > max(MIN_TOKENS, MAX_SHARE * total):
        return []  # few places, but most of the code: another solution
    conf = CONFIDENCE[len(changes)]
    by_cat: dict[str, list[Change]] = {}
    for c in changes:
        if c.category:
            by_cat.setdefault(c.category, []).append(c)
    out = []
    for cat, cs in by_cat.items():
        c = cs[0]
        shown = [
            {
                "change": x.kind,
                "candidate": x.candidate[:200],
                "reference": x.reference[:200],
                "line": x.line,
                "why": x.why,
            }
            for x in changes
        ]
        out.append(
            Finding(
                REFERENCE_CODES[cat],
                cat,
                f"differs from the reference: {c.why}",
                Location(path, c.line, 1) if c.kind != "delete" else None,
                {"differences": shown, "count": len(changes)},
                severity="warning" if conf >= 0.5 else "note",
                source="reference",
                confidence=conf,
            )
        )
    return sorted(out, key=lambda f: f.code)
