"""HumanEvalPack pairs written the way chat models answer: prose around the code.

Each answer (the canonical solution, or the buggy one) gets one wrapper, drawn
with a seeded random choice per answer:

- ``fenced``: an explanation, a fenced block, notes after it;
- ``unfenced``: an explanation, then the code with no fence, then prose again;
- ``untagged``: a fence without a language tag, bullets around it;
- ``indented``: numbered steps, then the code as a markdown indented block;
- ``with_main``: one block holding the solution and a ``main``/demo that calls it;
- ``two_blocks``: the solution block, then "Example usage:" and a second block;
- ``no_imports``: the code without its includes/imports/uses (and Go's package line);
- ``java_class`` (Java): the method alone, or inside ``public class Main``.

Labels: ``chosen`` is the canonical answer. Each row keeps ``chosen_code`` /
``rejected_code`` (the solution as written before wrapping) and the wrapper names,
so extraction can be scored without running anything.

>>> rows = prose_pairs("../shared/data/humanevalpack", ["python"], seed=0)   # doctest: +SKIP
>>> rows[0]["chosen_wrapper"], rows[0]["subset"]                           # doctest: +SKIP
('unfenced', 'prose-python')
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from typing import Any

from codejudge.problems.humanevalpack import LANGUAGES, load_humanevalpack

WRAPPERS = ("fenced", "unfenced", "untagged", "indented", "with_main", "two_blocks", "no_imports")
_TAG = {"python": "python", "js": "javascript", "cpp": "cpp", "java": "java", "go": "go", "rust": "rust"}
_NAME = {"python": "Python", "js": "JavaScript", "cpp": "C++", "java": "Java", "go": "Go", "rust": "Rust"}

_OPENERS = [
    "Here is a solution to the problem.",
    "Sure! Below is an implementation of `{f}` in {L}.",
    "To solve this, we walk through the input once and keep track of what we need. Here's the code:",
    "Let's think about the approach first.\n\nWe can iterate over the elements and build the answer step by step.",
    "### Approach\n\nThe idea is simple: handle each element in order and return the result at the end.",
    "Here's how you can implement `{f}`:",
    "**Solution**\n\nThis function does exactly what the description asks for.",
]
_CLOSERS = [
    "This runs in linear time for most inputs.",
    "**Explanation:**\n- We loop over the input.\n- The result is returned at the end.\n\nTime complexity: O(n)",
    "The function `{f}` returns the expected value for all the examples in the prompt.",
    "Let me know if you need anything else!",
    "Note that edge cases such as empty inputs are handled as well.",
    "1. First we handle the base case.\n2. Then we process the rest of the input.\n3. Finally we return the answer.",
    "",
]


def _first_call(text: str, entry: str) -> str | None:
    """The first call ``entry(...)`` in ``text``, with balanced brackets."""
    m = re.search(rf"(?<![\w]){re.escape(entry)}\s*\(", text)
    if not m:
        return None
    depth, i = 0, m.end() - 1
    while i < len(text):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return text[m.start() : i + 1]
        i += 1
    return None


def _demo(lang: str, call: str) -> str:
    """A usage example calling the solution, as an answer would end."""
    if lang == "python":
        return f'if __name__ == "__main__":\n    print({call})\n'
    if lang == "js":
        return f"console.log({call});\n"
    if lang == "cpp":
        return (
            "int main() {\n    auto result = " + call + ";\n    (void)result;\n"
            '    printf("done\\n");\n    return 0;\n}\n'
        )
    if lang == "java":
        return (
            "public class Main {\n    public static void main(String[] args) {\n"
            "        Solution s = new Solution();\n"
            f"        System.out.println(s.{call});\n    }}\n}}\n"
        )
    if lang == "go":
        return f"func main() {{\n    fmt.Println({call})\n}}\n"
    return f'fn main() {{\n    println!("{{:?}}", {call});\n}}\n'


def _strip_imports(code: str, lang: str) -> str:
    pattern = {
        "python": r"^(from\s+\S+\s+import\s+[^\n]+|import\s+[^\n]+)\n",
        "js": r"^const\s+\w+\s*=\s*require\([^\n]*\n",
        "cpp": r"^(#include[^\n]*|using\s+namespace\s+std;[^\n]*)\n",
        "java": r"^import\s+[^\n]+;\s*\n",
        "go": r"^(package\s+\w+|import\s*\([^)]*\)|import\s+\"[^\"]+\")\s*\n",
        "rust": r"^use\s+[^;]+;\s*\n",
    }[lang]
    return re.sub(pattern, "", code, flags=re.M).lstrip("\n")


def _full_code(p: Any, code: str, lang: str) -> str:
    """The solution as a chat answer would show it (Go: with its package line and imports)."""
    if lang == "go":
        imports = (p.meta.get("import") or "").strip()
        return "package main\n\n" + (imports + "\n\n" if imports else "") + code.strip("\n") + "\n"
    return code.strip("\n") + "\n"


def wrap(code: str, lang: str, entry: str, call: str | None, kind: str, rng: random.Random) -> str:
    """``code`` wrapped in prose as wrapper ``kind`` (see module doc)."""
    fmt = {"f": entry, "L": _NAME[lang]}
    opener = rng.choice(_OPENERS).format(**fmt)
    closer = rng.choice(_CLOSERS).format(**fmt)
    tag = _TAG[lang]
    demo = _demo(lang, call) if call else ""
    if lang == "java" and kind == "java_class":
        return f"{opener}\n\n```java\n{_java_variant(code, entry, rng)}```\n\n{closer}".strip() + "\n"
    if kind == "fenced":
        body = f"```{tag}\n{code}```"
    elif kind == "unfenced":
        body = code
    elif kind == "untagged":
        body = f"```\n{code}```"
    elif kind == "indented":
        body = "Steps:\n\n1. Read the input.\n2. Compute the answer.\n\n" + "".join(
            "    " + ln + "\n" if ln.strip() else "\n" for ln in code.splitlines()
        )
    elif kind == "with_main":
        if lang == "go" and demo:  # the demo prints: a real answer imports fmt
            code = re.sub(r"^package main\n", 'package main\n\nimport "fmt"\n', code, count=1)
        body = f"```{tag}\n{code}\n{demo}```" if demo else f"```{tag}\n{code}```"
    elif kind == "two_blocks":
        body = f"```{tag}\n{code}```" + (f"\n\nExample usage:\n\n```{tag}\n{demo}```" if demo else "")
    elif kind == "no_imports":
        body = f"```{tag}\n{_strip_imports(code, lang)}```"
    else:
        raise ValueError(f"unknown wrapper {kind!r}; choose one of {', '.join(WRAPPERS)}, java_class")
    return f"{opener}\n\n{body}\n\n{closer}".strip() + "\n"


def _java_variant(code: str, entry: str, rng: random.Random) -> str:
    """The method alone (no class), or the class renamed to ``public class Main``."""
    body = re.sub(r"^import[^\n]*\n", "", code, flags=re.M).strip("\n")
    if rng.random() < 0.5:
        m = re.search(r"class\s+Solution\s*\{(.*)\}\s*$", body, flags=re.S)
        inner = m.group(1) if m else body
        return (
            "\n".join(ln[4:] if ln.startswith("    ") else ln for ln in inner.strip("\n").splitlines()) + "\n"
        )
    return "import java.util.*;\n\n" + body.replace("class Solution", "public class Main", 1) + "\n"


def prose_pairs(root: str, languages: Iterable[str] = LANGUAGES, seed: int = 0) -> list[dict[str, Any]]:
    """Canonical-vs-buggy pairs, each answer in a randomly drawn prose wrapper (seeded)."""
    rows = []
    for lang in languages:
        kinds = WRAPPERS + (("java_class",) if lang == "java" else ())
        for p in load_humanevalpack(root, lang):
            rng = random.Random(f"{seed}:{p.id}")
            call = _first_call(p.meta.get("example_test") or "", p.entry_point or "") or _first_call(
                p.tests[0].script or "", p.entry_point or ""
            )
            row: dict[str, Any] = {
                "id": p.id,
                "prompt": p.prompt,
                "subset": f"prose-{lang}",
                "language": lang,
                "tests": p.tests[0].script,
                "entry_point": p.entry_point,
                "bug_type": p.meta["bug_type"],
            }
            for side, code in (("chosen", p.reference or ""), ("rejected", p.meta["buggy"])):
                kind = rng.choice(kinds)
                full = _full_code(p, code, lang)
                row[side] = wrap(full, lang, p.entry_point or "", call, kind, rng)
                row[f"{side}_wrapper"] = kind
                row[f"{side}_code"] = full
            rows.append(row)
    return rows
