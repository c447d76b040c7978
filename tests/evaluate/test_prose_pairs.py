"""The prose-pair builder: seeded wrappers, and every wrapper's code comes back out."""

from __future__ import annotations

import random
import re

import pytest

from codejudge.evaluate.prose_pairs import WRAPPERS, prose_pairs, wrap
from codejudge.extract import extract
from codejudge.problems.humanevalpack import LANGUAGES, load_humanevalpack


def test_rows_are_seeded_and_labelled(shared_data) -> None:
    a = prose_pairs(shared_data / "humanevalpack", ["python"], seed=3)
    b = prose_pairs(shared_data / "humanevalpack", ["python"], seed=3)
    assert [r["chosen"] for r in a] == [r["chosen"] for r in b]
    assert len(a) == 164 and a[0]["subset"] == "prose-python"
    assert {r["chosen_wrapper"] for r in a} == set(WRAPPERS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_wrapper_gives_back_the_solution(shared_data, lang: str) -> None:
    kinds = WRAPPERS + (("java_class",) if lang == "java" else ())
    for p in load_humanevalpack(shared_data / "humanevalpack", lang)[:6]:
        body = p.meta["buggy"].strip("\n") + "\n"
        for kind in kinds:
            answer = wrap(body, lang, p.entry_point or "", None, kind, random.Random(kind))
            ext = extract(
                answer, lang, p.entry_point, strip_main=True, add_imports=True, java_class="Solution"
            )
            assert ext.ok and ext.entry_point_found, (p.id, kind, answer)
            last = [ln for ln in body.splitlines() if ln.strip() and not re.match(r"\s*[}\])]", ln)][-1]
            assert last.strip() in ext.code, (p.id, kind)
            assert "Explanation" not in ext.code and "Here" not in ext.code, (p.id, kind)
