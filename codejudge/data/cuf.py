"""Import CodeUltraFeedback-format data: judge pairs and binarized policy preferences.

A row has ``instruction``, ``preference`` (the coding preference rated, e.g.
"readability"), ``models``, ``responses`` (strings or ``{"model", "response"}``)
and ``annotations`` (``{"rating": "1".."5" | "N/A", "rationale"}``, one per
response, in the same order). Ratings are strings; ``N/A`` and ties are dropped.

Two outputs:

- judge pairs: for every two responses with different ratings, the higher
  rated is better; the annotator rationales become the judgment text and the
  preference becomes the prompt's criterion. A rating gap of 1 is a *hard* pair.
- policy preferences (UltraFeedback binarization): chosen = a best-rated
  response, rejected = a random lower-rated one, as TRL conversational rows.

>>> pairs, policy = import_cuf("tests/data/fixtures/cuf_sample.jsonl")   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import random
from itertools import combinations
from pathlib import Path
from typing import Any

from codejudge.data.io import iter_jsonl
from codejudge.data.pairs import JudgePair
from codejudge.errors import InputError

REQUIRED = ("instruction", "preference", "responses", "annotations")


def _rating(value: Any) -> float | None:
    """'4' -> 4.0; 'N/A', '' or None -> None. Anything else is malformed."""
    if value is None or (isinstance(value, str) and value.strip().upper() in ("N/A", "NA", "")):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"rating {value!r} is neither a number nor 'N/A'") from None


def parse_row(row: dict[str, Any]) -> list[tuple[str, str, float | None, str]]:
    """[(model, response, rating, rationale)] of one row; ValueError names what is wrong."""
    responses, annotations = row["responses"], row["annotations"]
    if not isinstance(responses, list) or not isinstance(annotations, list):
        raise ValueError("'responses' and 'annotations' must be lists")  # noqa: TRY004 - reported as InputError
    if len(responses) != len(annotations):
        raise ValueError(f"{len(responses)} responses but {len(annotations)} annotations")
    models = row.get("models") or [None] * len(responses)
    out = []
    for i, (resp, ann) in enumerate(zip(responses, annotations)):
        if isinstance(resp, dict):
            model, text = resp.get("model", models[i] if i < len(models) else None), resp.get("response")
        else:
            model, text = (models[i] if i < len(models) else None), resp
        if not isinstance(text, str) or not isinstance(ann, dict):
            raise ValueError(f"response {i}: expected a string response and an annotation object")  # noqa: TRY004
        out.append((str(model or f"model{i}"), text, _rating(ann.get("rating")), str(ann.get("rationale") or "")))
    return out


def import_cuf(path: str | Path, skip_bad: bool = False, bad: list[str] | None = None, seed: int = 0
               ) -> tuple[list[JudgePair], list[dict[str, Any]]]:
    """(judge pairs, binarized policy preference rows) from a CodeUltraFeedback JSONL file."""
    rng = random.Random(seed)
    pairs: list[JudgePair] = []
    policy: list[dict[str, Any]] = []
    for lineno, row in iter_jsonl(path, REQUIRED, skip_bad, bad):
        try:
            items = parse_row(row)
        except ValueError as exc:
            err = InputError(str(exc), path=path, line=lineno, field="annotations",
                             fix="one annotation {rating, rationale} per response; ratings '1'-'5' or 'N/A'")
            if not skip_bad:
                raise err from None
            if bad is not None:
                bad.append(str(err))
            continue
        group = hashlib.sha256(row["instruction"].encode()).hexdigest()[:12]
        rated = [(m, r, s, t) for m, r, s, t in items if s is not None]
        for (ma, ra, sa, ta), (mb, rb, sb, tb) in combinations(rated, 2):
            if sa == sb:
                continue  # ties carry no preference
            (mw, rw, sw, tw), (ml, rl, sl, tl) = ((ma, ra, sa, ta), (mb, rb, sb, tb)) if sa > sb else \
                ((mb, rb, sb, tb), (ma, ra, sa, ta))
            pairs.append(JudgePair(
                id=f"cuf/{lineno}/{mw}>{ml}", instruction=row["instruction"], better=rw, worse=rl,
                source=f"cuf/{row['preference']}", difficulty="hard" if sw - sl <= 1 else "easy", group=group,
                criterion=row["preference"], rationale_better=tw, rationale_worse=tl))
        if len({it[2] for it in rated}) > 1:
            top = max(it[2] for it in rated)
            best = rng.choice([it for it in rated if it[2] == top])
            worse = rng.choice([it for it in rated if it[2] < top])
            policy.append({
                "prompt": [{"role": "user", "content": row["instruction"]}],
                "chosen": [{"role": "assistant", "content": best[1]}],
                "rejected": [{"role": "assistant", "content": worse[1]}],
                "score_chosen": best[2], "score_rejected": worse[2],
                "preference": row["preference"], "id": f"cuf/{lineno}", "group": group,
            })
    return pairs, policy
