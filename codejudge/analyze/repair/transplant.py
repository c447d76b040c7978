"""Reference-guided repair: transplant what differs from a reference, one hunk (then two) at a time.

Edit families guess edits; with a reference (a dataset's canonical solution, a user's
``reference``) there is no need to guess. The two functions are aligned as for the reference
diff (``refdiff.align``: local names matched, trees matched top-down) and each difference
becomes a hunk: the candidate's node replaced by the reference's (its names renamed to the
candidate's, its lines re-indented), a candidate-only node deleted, a reference-only node
inserted where the alignment anchors it. Hunks are tried alone, then a whole differing
statement, then pairs; they run in the same sandbox job as the family edits, and the smallest
transplant that makes the failing tests pass names the mistake by the kind of the nodes it
changes (``refdiff``'s classification: a condition, a formula, a library call, a bound, an
extra statement...). A hunk whose nodes have no category is not tried: its repair would name
nothing.

Transplants cost more than any family edit (4 for one hunk, 5 for two, 6 when they change more
of the code than ``refdiff`` calls a slip, or bring in more than half of the reference: another
solution, not a local mistake; short ``if`` statements only inserted, a missing case, stay at 4 or
5 whatever their share), so a family
repair, when one exists, still names the mistake.

>>> ref = "def f(xs):\\n    return [x for x in xs if x > 0]\\n"
>>> src = "def f(a):\\n    return [y for y in a if y >= 0]\\n"
>>> [(e.category, e.apply(src.encode()).splitlines()[1].strip()) for e in transplant_edits(src, ref, "f")]
[('conditional_error', 'return [y for y in a if y > 0]')]
"""

from __future__ import annotations

import itertools
from typing import Any

from codejudge.analyze import refdiff
from codejudge.analyze.repair.edit import Change, Edit, line_start, statement_span

SINGLE_COST = 4  # one hunk, small (see ``transplant_edits``)
PAIR_COST = 5  # two hunks, small together
LARGE_COST = 6  # past refdiff's share of the code: another solution more than a slip
CASE_TOKENS = 16  # an inserted ``if`` this short (per statement) is a case, not an algorithm
_BLOCKS = ("block", "module")
_COND_TYPES = {
    "comparison_operator",
    "boolean_operator",
    "not_operator",
    "if_clause",
    "conditional_expression",
    "if_statement",
    "elif_clause",
}
_ARITH_OPS = {"+", "-", "*", "/", "//", "%", "**"}
_SEQ = ("argument_list", "list", "tuple", "set", "dictionary", "expression_list", "pattern_list")


def _ident_spans(ctx: Any, node: Any) -> list[Any]:
    """Identifiers under ``node`` (itself included) that name variables: not attribute names, not
    keyword-argument names."""
    ids = [node] if node.type == "identifier" else list(ctx.inside(node, "identifier"))
    out = []
    for i in ids:
        par = i.parent
        if par is not None and par.type == "attribute" and par.child_by_field_name("attribute") == i:
            continue
        if par is not None and par.type == "keyword_argument" and par.child_by_field_name("name") == i:
            continue
        out.append(i)
    return out


class _Renderer:
    """Reference text in the candidate's names and indentation."""

    def __init__(self, al: refdiff.Alignment, paired: bool = True) -> None:
        self.al = al
        ref_params, ref_others = refdiff._locals(al.cb, al.fb)
        ref_locals = set(ref_params) | set(ref_others)
        inverse = {r: c for c, r in al.names.items() if not r.endswith("__candidate")}
        if not paired:  # the other locals' pairing by first use is a guess: keep the reference's names
            inverse = {r: c for r, c in inverse.items() if r in ref_params or r == c}
        # ...while a name the alignment replaced by another (`p` where the reference has `d`) is
        # that name's counterpart
        cand_locals = set(al.names)
        for kind, a, b in al.ops:
            if kind == "replace" and a is not None and b is not None and a.type == b.type == "identifier":
                c = a.ts.text.decode()
                if c in cand_locals and b.text in ref_locals:
                    inverse[b.text] = c
        cand_names = {i.text.decode() for i in al.ca.inside(al.fa, "identifier")}
        self.names: dict[str, str] = {}
        for r in ref_locals:
            if r in inverse:
                self.names[r] = inverse[r]
            elif r in cand_names:
                self.names[r] = f"{r}_ref"  # a reference-only local must not capture a candidate name
        self.data = al.cb.data

    def span(self, start: int, end: int, nodes: list[Any], indent: str | None) -> str:
        """Reference bytes ``start:end`` with the identifiers of ``nodes`` renamed; with ``indent``,
        its continuation lines re-indented from the reference's indentation at ``start``."""
        subs = []
        for n in nodes:
            for i in _ident_spans(self.al.cb, n):
                t = i.text.decode()
                if t in self.names and start <= i.start_byte and i.end_byte <= end:
                    subs.append((i.start_byte, i.end_byte, self.names[t]))
        out = self.data[start:end]
        for s, e, new in sorted(subs, reverse=True):
            out = out[: s - start] + new.encode() + out[e - start :]
        text = out.decode("utf-8", "replace")
        if indent is None or "\n" not in text:
            return text
        base = self.data[line_start(self.data, start) : start].decode("utf-8", "replace")
        base = base if not base.strip() else base[: len(base) - len(base.lstrip())]
        lines = text.split("\n")
        fixed = [lines[0]]
        for ln in lines[1:]:
            if not ln.strip():
                fixed.append("")
                continue
            rel = ln[len(base) :] if ln.startswith(base) else ln.lstrip()
            lead = rel[: len(rel) - len(rel.lstrip())].replace("\t", "    ")
            if "\t" in indent:
                lead = lead.replace("    ", "\t")
            fixed.append(indent + lead + rel.lstrip())
        return "\n".join(fixed)


def _indent(data: bytes, node: Any) -> str:
    pre = data[line_start(data, node.start_byte) : node.start_byte].decode("utf-8", "replace")
    return pre if not pre.strip() else pre[: len(pre) - len(pre.lstrip())]


def _category(kind: str, a: Any, b: Any) -> str | None:
    """``refdiff``'s category for a difference, and failing that, what the nodes are: a
    condition, an arithmetic formula, another function called."""
    cat, _ = refdiff._classify(kind, a, b)
    if cat:
        return cat
    nodes = [n for n in (a, b) if n is not None]
    bare = [refdiff._bare(n) for n in nodes]
    if (
        b is not None
        and refdiff._bare(b).type in _COND_TYPES
        and (a is None or refdiff._bare(a).type != "call")
    ):
        return "conditional_error"  # the reference decides it with another condition
    if b is not None and _formula(refdiff._bare(b)) or all(_formula(n) for n in bare):
        return "math_logic_error"  # the reference computes it with another formula
    if len(bare) == 2 and all(n.type == "call" for n in bare):
        fa, fb = (refdiff.call_name(n.ts) for n in bare)
        if fa != fb:
            return "library_api_misuse"
    return None


def _formula(n: Any) -> bool:
    """An arithmetic expression (``(a + b) / 2``, ``-x``) or a number."""
    return n.type in ("integer", "float") or (
        n.type in ("binary_operator", "unary_operator")
        and any(x.text in _ARITH_OPS for x in refdiff._leaves(n))
    )


class _Hunk:
    def __init__(
        self,
        changes: list[Change],
        categories: set[str],
        line: int,
        desc: str,
        tokens: int,
        deletes: bool = False,
        ref_tokens: int = 0,
        formula: bool = False,
        case: bool = False,
    ):
        self.formula = formula  # replaces a value with the reference's arithmetic formula
        self.case = case  # only inserts a short ``if`` of the reference: a missing case
        self.changes = changes
        self.categories = categories
        self.line = line
        self.desc = desc
        self.tokens = tokens
        self.deletes = deletes  # only removes candidate-only parts
        self.ref_tokens = ref_tokens  # tokens of the reference it brings in

    def overlaps(self, other: _Hunk) -> bool:
        return any(
            s1 < e2 and s2 < e1 or s1 == s2 for s1, e1, _ in self.changes for s2, e2, _ in other.changes
        )


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 60 else one[:57] + "..."


def _hunks(al: refdiff.Alignment, r: _Renderer) -> list[_Hunk]:
    """One hunk per difference (reference-only and candidate-only neighbours grouped), then one
    per candidate statement holding two or more differences."""
    cdata = al.ca.data
    out: list[_Hunk] = []
    inserted: dict[tuple[int, int], list[Any]] = {}  # anchor -> reference-only nodes
    extra: list[list[Any]] = []  # runs of candidate-only sibling nodes
    per_stmt: dict[int, list[tuple[str, Any, Any]]] = {}
    for kind, a, b in al.ops:
        if a is not None and b is not None and kind != "move":
            cat = _category(kind, a, b)
            tokens = refdiff._touched(kind, a, b)
            stmt = _statement(a.ts)
            if stmt is not None:
                per_stmt.setdefault(stmt.start_byte, []).append((kind, a, b))
            if cat is None:
                continue
            new = r.span(b.ts.start_byte, b.ts.end_byte, [b.ts], _indent(cdata, a.ts))
            out.append(
                _Hunk(
                    [(a.ts.start_byte, a.ts.end_byte, new)],
                    {cat},
                    a.ts.start_point[0] + 1,
                    f"`{_short(refdiff._text(al.ca, a))}` -> `{_short(new)}`",
                    tokens,
                    ref_tokens=len(refdiff._leaves(b)),
                    formula=cat == "math_logic_error" and _formula(refdiff._bare(b)),
                )
            )
        if kind == "move" and a is not None and b is not None:
            h = _move(al, r, a, b)
            if h is not None:
                out.append(h)
            continue
        if b is not None and a is None and id(b) in al.anchors:
            parent, idx = al.anchors[id(b)]
            inserted.setdefault((id(parent), idx), [parent, idx]).append(b)
        if a is not None and b is None:
            if extra and extra[-1][-1].ts.next_sibling == a.ts:
                extra[-1].append(a)
            else:
                extra.append([a])
    for parent, idx, *nodes in inserted.values():
        h = _insertion(al, r, parent, idx, nodes)
        if h is not None:
            out.append(h)
    for run in extra:
        h = _deletion(al, run)
        if h is not None:
            out.append(h)
    for ops in per_stmt.values():
        h = _statement_hunk(al, r, ops)
        if h is not None:
            out.append(h)
    return out


def _statement(ts: Any) -> Any:
    """The statement (a child of a block) holding ``ts``."""
    n = ts
    while n is not None and n.parent is not None and n.parent.type not in _BLOCKS:
        n = n.parent
    return n if n is not None and n.parent is not None else None


def _statement_hunk(al: refdiff.Alignment, r: _Renderer, ops: list[tuple[str, Any, Any]]) -> _Hunk | None:
    if len(ops) < 2:
        return None
    a_stmt = _statement(ops[0][1].ts)
    b_stmts = {_statement(b.ts) for _, _, b in ops}
    if len(b_stmts) != 1 or None in b_stmts:
        return None
    (b_stmt,) = b_stmts
    cats = {c for c in (_category(k, a, b) for k, a, b in ops) if c}
    if not cats:
        return None
    new = r.span(b_stmt.start_byte, b_stmt.end_byte, [b_stmt], _indent(al.ca.data, a_stmt))
    tokens = sum(refdiff._touched(k, a, b) for k, a, b in ops)
    return _Hunk(
        [(a_stmt.start_byte, a_stmt.end_byte, new)],
        cats,
        a_stmt.start_point[0] + 1,
        f"the statement `{_short(a_stmt.text.decode('utf-8', 'replace'))}` -> `{_short(new)}`",
        tokens,
        ref_tokens=len(refdiff._leaves(refdiff._build(al.cb, b_stmt, {}) or refdiff._Node("", "", [], None))),
    )


def _insertion(
    al: refdiff.Alignment, r: _Renderer, parent: Any, idx: int, nodes: list[Any], cats: set[str] | None = None
) -> _Hunk | None:
    """Reference-only nodes inserted at their anchor in the candidate."""
    cats = cats or {c for c in (_category("delete", None, b) for b in nodes) if c}
    if not cats:
        return None
    cdata = al.ca.data
    first, last = nodes[0].ts, nodes[-1].ts
    kids = parent.children
    if parent.type in _BLOCKS:
        if not kids:
            return None
        anchor = kids[idx].ts if idx < len(kids) else kids[-1].ts
        indent = _indent(cdata, anchor)
        text = indent + r.span(first.start_byte, last.end_byte, [b.ts for b in nodes], indent) + "\n"
        pos = line_start(cdata, anchor.start_byte) if idx < len(kids) else statement_span(cdata, anchor)[1]
        if idx >= len(kids) and not cdata[:pos].endswith(b"\n"):
            text = "\n" + text
    else:
        # keep the reference's own separator: the gap from the node before (", k=1", " if c")
        prev = first.prev_sibling
        start = prev.end_byte if prev is not None and idx > 0 else first.start_byte
        text = r.span(start, last.end_byte, [b.ts for b in nodes], None)
        if idx > 0:
            pos = kids[idx - 1].ts.end_byte
        elif kids:
            pos = kids[0].ts.start_byte
            text += " " if parent.type not in _SEQ else ", "
        else:
            return None
    line = cdata[:pos].count(b"\n") + 1
    tokens = sum(len(refdiff._leaves(b)) for b in nodes)
    return _Hunk(
        [(pos, pos, text)],
        cats,
        line,
        f"insert `{_short(text)}` from the reference",
        tokens,
        ref_tokens=tokens,
        case=cats == {"conditional_error"}
        and parent.type in _BLOCKS
        and all(refdiff._bare(b).type == "if_statement" for b in nodes)
        and tokens <= CASE_TOKENS * len(nodes),
    )


def _move(al: refdiff.Alignment, r: _Renderer, a: Any, b: Any) -> _Hunk | None:
    """A statement the candidate has elsewhere: moved to where the reference has it."""
    if id(b) not in al.anchors:
        return None
    parent, idx = al.anchors[id(b)]
    ins = _insertion(al, r, parent, idx, [b], {"operation_misorder"})
    dele = _deletion(al, [a], {"operation_misorder"})
    if ins is None or dele is None or ins.overlaps(dele):
        return None
    return _Hunk(
        dele.changes + ins.changes,
        {"operation_misorder"},
        a.ts.start_point[0] + 1,
        f"move `{_short(refdiff._text(al.ca, a))}` where the reference has it",
        3,
    )


def _deletion(al: refdiff.Alignment, run: list[Any], cats: set[str] | None = None) -> _Hunk | None:
    """Candidate-only sibling nodes deleted."""
    cats = cats or {c for c in (_category("insert", a, None) for a in run) if c}
    if not cats:
        return None
    cdata = al.ca.data
    first, last = run[0].ts, run[-1].ts
    par = first.parent
    if par is not None and par.type in _BLOCKS:
        if len([c for c in par.named_children if c.type != "comment"]) <= len(run):
            return None  # a block cannot be left empty
        start, _ = statement_span(cdata, first)
        _, end = statement_span(cdata, last)
    else:
        prev = first.prev_sibling
        start = prev.end_byte if prev is not None and prev.type not in ("(", "[", "{") else first.start_byte
        end = last.end_byte
    return _Hunk(
        [(start, end, "")],
        cats,
        first.start_point[0] + 1,
        f"delete `{_short(cdata[first.start_byte : last.end_byte].decode('utf-8', 'replace'))}`"
        " (the reference has no such part)",
        sum(len(refdiff._leaves(a)) for a in run),
        deletes=True,
    )


def _imports(al: refdiff.Alignment) -> list[Change]:
    """The reference's module-level imports the candidate lacks, added at the top."""
    have = al.ca.data.decode("utf-8", "replace")
    out = []
    for n in al.cb.tree.root_node.named_children:
        if n.type in ("import_statement", "import_from_statement"):
            t = n.text.decode("utf-8", "replace")
            if t not in have:
                out.append(t)
    return [(0, 0, "".join(t + "\n" for t in out))] if out else []


def transplant_edits(source: str, reference: str, entry_point: str | None, limit: int = 40) -> list[Edit]:
    """Transplant edits of ``source`` from ``reference``: single hunks (smallest first), then
    pairs of hunks, at most ``limit`` (not yet checked to compile: ask for more than you keep)."""
    if not reference.strip() or not source.strip():
        return []
    al = refdiff.align(source, reference, entry_point)
    if al is None or not al.ops:
        return []
    imports = _imports(al)
    # refdiff's bound between a slip and another solution: the share of both functions' tokens
    ref_size = refdiff.size(reference, entry_point)
    small = max(refdiff.MIN_TOKENS, refdiff.MAX_SHARE * (refdiff.size(source, entry_point) + ref_size))
    # ...and a transplant that brings in most of the reference is the reference, whatever it replaced
    most = ref_size / 2
    # Locals the reference names differently are paired by first use, a guess that can pair a
    # reference-only helper with an unrelated candidate variable: every hunk is also tried with
    # only the parameters (and names both use) renamed.
    out: list[Edit] = []
    pairs: list[Edit] = []
    for paired in (True, False):
        hunks = sorted(_hunks(al, _Renderer(al, paired)), key=lambda h: (h.tokens, h.line))
        out += [_edit([h], imports, small, most) for h in hunks]
        singles = [h for h in hunks if len(h.changes) == 1]
        for h1, h2 in itertools.combinations(singles, 2):
            if len(pairs) >= limit:
                break
            if not h1.overlaps(h2):
                pairs.append(_edit([h1, h2], imports, small, most))
    unique = {e.changes: e for e in reversed(out + pairs)}  # the first of equal edits stays
    return sorted(reversed(unique.values()), key=lambda e: e.cost)


def _edit(hunks: list[_Hunk], imports: list[Change], small: float, most: float) -> Edit:
    # With another hunk, deleting what the reference does not have is clean-up (a helper value the
    # transplanted part no longer reads), so the other hunk names the mistake.
    naming = [h for h in hunks if not h.deletes] or hunks
    cats = sorted({c for h in naming for c in h.categories})
    first = min(hunks, key=lambda h: h.line)
    tokens = sum(h.tokens for h in hunks)
    # A value replaced by the reference's formula is a wrong formula however much of the code it
    # is (a one-line reference is all formula); anything else that big is another solution.
    # Likewise cases the candidate lacks, inserted and nothing of its own code changed, are a
    # missing condition however small the function they are added to.
    large = (tokens > small or sum(h.ref_tokens for h in hunks) > most) and not (
        len(hunks) == 1 and hunks[0].formula or all(h.case for h in hunks)
    )
    cost = LARGE_COST if large else SINGLE_COST if len(hunks) == 1 else PAIR_COST
    return Edit(
        tuple(c for h in hunks for c in h.changes) + tuple(imports),
        "from the reference: " + "; ".join(h.desc for h in hunks),
        cost,
        cats[0],
        first.line,
        tokens=tokens,
        categories=tuple(cats),
    )
