"""How often the judge tells a pair's language right when the row names none.

    python bench/language_detection.py                # HumanEvalPack, all six languages
    python bench/language_detection.py --limit 40

CodeUltraFeedback-style rows carry no ``language`` field; ``codejudge judge`` then tells it from
the answers (``codejudge.extract.detect``). Rows: HumanEvalPack canonical vs buggy in each language,
both answers wrapped in chat prose (``codejudge.evaluate.prose_pairs``, as the judge benches).
Three variants, each harder than the last:

- ``as-is``: the wrapped answers (fence tags such as ```` ```rust ```` where the wrapper writes them);
- ``untagged``: every fence tag removed;
- ``untagged+unnamed``: also every language name removed from the instruction ("Write a Rust
  function" -> "Write a the function"), so only the code itself can tell.

Prints per language the rows told right, the wrong guesses, and the time per row.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from codejudge.evaluate.prose_pairs import prose_pairs  # noqa: E402
from codejudge.extract.detect import _NAMED, detect_language  # noqa: E402
from codejudge.languages import LANGUAGES  # noqa: E402

_FENCE_TAG = re.compile(r"```[A-Za-z+#0-9.]*")


def untag(text: str) -> str:
    return _FENCE_TAG.sub("```", text)


def unname(text: str) -> str:
    for pattern in _NAMED.values():
        text = pattern.sub("the", text)
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="rows per language (0: all 164)")
    args = ap.parse_args()
    pack = str(Path(args.data) / "humanevalpack")
    rows = {lang: prose_pairs(pack, [lang]) for lang in LANGUAGES}
    if args.limit:
        rows = {lang: r[: args.limit] for lang, r in rows.items()}
    for variant in ("as-is", "untagged", "untagged+unnamed"):
        told, total, wrong = Counter[str](), Counter[str](), Counter[tuple[str, str]]()
        t0 = time.perf_counter()
        for lang, items in rows.items():
            for r in items:
                instruction, a, b = r["prompt"], r["chosen"], r["rejected"]
                if variant != "as-is":
                    a, b = untag(a), untag(b)
                if variant == "untagged+unnamed":
                    instruction = unname(instruction)
                got, _ = detect_language(instruction, [a, b])
                total[lang] += 1
                told[lang] += got == lang
                if got != lang:
                    wrong[(lang, got)] += 1
        n = sum(total.values())
        per = (time.perf_counter() - t0) / max(1, n)
        cells = ", ".join(f"{lang} {told[lang]}/{total[lang]}" for lang in LANGUAGES)
        print(f"{variant:17s} {sum(told.values())}/{n} told right ({cells}); {per * 1000:.1f} ms per row")
        for (lang, got), k in wrong.most_common(8):
            print(f"    {lang} read as {got}: {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
