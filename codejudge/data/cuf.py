"""Import CodeUltraFeedback: judge pairs and binarized policy preferences, joined by model.

The published rows (``coseal/CodeUltraFeedback``) have ``instruction``,
``preference`` (one of instruction-following, readability, complexity, style,
explanation), ``models``, ``responses`` (``[{"model", "response"}]``) and
``annotations`` (``[{"model", "rating", "rationale"}]``). The annotations are
stored in the order the annotator saw the responses, which was shuffled to
avoid position bias, so an annotation belongs to the response with the same
``model``, never to the response at the same index. A row whose join is
ambiguous (a model twice) or incomplete (an annotation without a model, one
for an unknown model, a response nobody rated) is refused with file, line and
field. Ratings are strings ("1".."5"); ``N/A`` and ties carry no preference.

Two outputs:

- judge pairs: for every two responses with different ratings, the higher
  rated is better; the two rationales become the judgment text, the
  preference the prompt's criterion, and both ratings stay on the pair.
  A rating gap of 1 is a *hard* pair.
- policy preferences (UltraFeedback binarization): chosen = a best-rated
  response, rejected = a random lower-rated one, as TRL conversational rows.

``ImportCheck`` summarises what came out so an inverted import is visible:
which position the better response held in the source row (balance), and how
often the better response is also the longer one (a crude baseline that
agrees with the ratings more often than not in CodeUltraFeedback; an import
that pairs ratings with the wrong responses drifts towards the mirror image).

>>> result = import_cuf("tests/data/fixtures/cuf_published.jsonl")   # doctest: +SKIP
>>> print("\n".join(result.check.lines()))                           # doctest: +SKIP
import check: 6 rows -> 32 pairs (1 tied pairs and 1 N/A responses dropped)
...
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from codejudge.data.pairs import JudgePair
from codejudge.errors import InputError
from codejudge.jsonl import iter_jsonl

REQUIRED = ("instruction", "preference", "responses", "annotations")


class RowError(ValueError):
    """One row cannot be imported; ``field`` names the offending part (``annotations[2].model``)."""

    def __init__(self, message: str, field: str, fix: str) -> None:
        super().__init__(message)
        self.field, self.fix = field, fix


@dataclass
class Rated:
    """One response of a row with its own annotation."""

    position: int  # index in the row's ``responses``
    model: str
    response: str
    rating: float | None  # None: N/A
    rationale: str


def _rating(value: Any, where: str) -> float | None:
    """'4' -> 4.0; 'N/A', '' or None -> None; anything else is refused."""
    if value is None or (isinstance(value, str) and value.strip().upper() in ("N/A", "NA", "")):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise RowError(
            f"rating {value!r} is neither a number nor 'N/A'", where, "ratings are strings '1'..'5' or 'N/A'"
        ) from None


def _response_models(row: dict[str, Any]) -> list[tuple[str, str]]:
    """[(model, text)] in the order of ``responses``."""
    responses, models = row["responses"], row.get("models")
    if not isinstance(responses, list) or not responses:
        raise RowError(
            "expected a non-empty list", "responses", 'responses: [{"model": ..., "response": ...}]'
        )
    out = []
    for i, resp in enumerate(responses):
        if isinstance(resp, dict):
            model, text = resp.get("model"), resp.get("response")
        else:  # older exports keep plain strings; the published pipeline lists ``models`` in the same order
            model = models[i] if isinstance(models, list) and i < len(models) else None
            text = resp
        if not isinstance(model, str) or not model:
            raise RowError(
                "response has no model name",
                f"responses[{i}].model",
                "each response needs the model that wrote it, as in the published schema",
            )
        if not isinstance(text, str):
            raise RowError("expected a string", f"responses[{i}].response", "the response text")
        out.append((model, text))
    seen: dict[str, int] = {}
    for i, (model, _) in enumerate(out):
        if model in seen:
            raise RowError(
                f"model {model!r} also wrote responses[{seen[model]}]: an annotation naming it "
                "would be ambiguous",
                f"responses[{i}].model",
                "one response per model in a row",
            )
        seen[model] = i
    if models is not None and (not isinstance(models, list) or sorted(map(str, models)) != sorted(seen)):
        raise RowError(
            f"lists {models!r} but the responses come from {sorted(seen)}",
            "models",
            "models must name exactly the models of the responses",
        )
    return out


def parse_row(row: dict[str, Any]) -> list[Rated]:
    """The responses of one row, each with the annotation naming its model (RowError otherwise)."""
    responses = _response_models(row)
    position = {model: i for i, (model, _) in enumerate(responses)}
    annotations = row["annotations"]
    if not isinstance(annotations, list):
        raise RowError("expected a list", "annotations", 'annotations: [{"model", "rating", "rationale"}]')
    by_model: dict[str, tuple[int, dict[str, Any]]] = {}
    for j, ann in enumerate(annotations):
        where = f"annotations[{j}]"
        if not isinstance(ann, dict):
            raise RowError("expected an object", where, '{"model": ..., "rating": ..., "rationale": ...}')
        model = ann.get("model")
        if not isinstance(model, str) or not model:
            raise RowError(
                "annotation names no model; annotations are stored in the annotator's shuffled "
                "order, so only the model says which response it rates",
                f"{where}.model",
                "export the rows with annotations[].model (the published schema has it)",
            )
        if model not in position:
            raise RowError(
                f"rates model {model!r}, which wrote none of the responses {sorted(position)}",
                f"{where}.model",
                "each annotation must name the model of one response",
            )
        if model in by_model:
            raise RowError(
                f"a second annotation for model {model!r} (first: annotations[{by_model[model][0]}])",
                f"{where}.model",
                "exactly one annotation per response",
            )
        by_model[model] = (j, ann)
    missing = [m for m in position if m not in by_model]
    if missing:
        raise RowError(
            f"no annotation for the response(s) of {missing}: the row is incomplete",
            "annotations",
            "exactly one annotation per response (skip such rows with --skip-bad)",
        )
    out = []
    for model, text in responses:
        j, ann = by_model[model]
        out.append(
            Rated(
                position[model],
                model,
                text,
                _rating(ann.get("rating"), f"annotations[{j}].rating"),
                str(ann.get("rationale") or ""),
            )
        )
    return out


@dataclass
class ImportCheck:
    """Facts about an import that make a wrong join visible (printed by ``data import-cuf``)."""

    rows: int = 0
    pairs: int = 0
    ties: int = 0
    unrated: int = 0  # N/A responses
    reordered_rows: int = 0  # rows whose annotations are not in the order of the responses
    ratings: dict[str, int] = field(default_factory=dict)
    better_listed_first: int = 0  # pairs whose better response comes first in ``responses``
    longer_wins: int = 0  # pairs whose better response is the longer one
    length_ties: int = 0

    @property
    def agreement_with_length(self) -> float:
        n = self.pairs - self.length_ties
        return self.longer_wins / n if n else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "pairs": self.pairs,
            "ties_dropped": self.ties,
            "na_dropped": self.unrated,
            "rows_with_reordered_annotations": self.reordered_rows,
            "ratings": dict(sorted(self.ratings.items())),
            "better_listed_first": self.better_listed_first,
            "agreement_with_longer_is_better": round(self.agreement_with_length, 4),
            "length_ties": self.length_ties,
        }

    def lines(self) -> list[str]:
        n = max(self.pairs, 1)
        compared = self.pairs - self.length_ties
        out = [
            f"import check: {self.rows} rows -> {self.pairs} pairs ({self.ties} tied pairs and "
            f"{self.unrated} N/A responses dropped)",
            f"  annotations joined by model; {self.reordered_rows} of {self.rows} rows store them in another "
            "order than the responses",
            "  ratings: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.ratings.items())),
            f"  label balance: the better response is listed first in {self.better_listed_first} of {self.pairs} "
            f"pairs ({self.better_listed_first / n:.0%}); swap augmentation balances A/B in the output",
            f"  baseline: the higher-rated response is the longer one in {self.longer_wins} of {compared} pairs "
            f"({self.agreement_with_length:.0%}); an import that attaches ratings to the wrong responses "
            "drifts towards the mirror image",
        ]
        return out


def import_cuf(
    path: str | Path, skip_bad: bool = False, bad: list[str] | None = None, seed: int = 0
) -> CufImport:
    """Judge pairs, binarized policy rows and the import check from a CodeUltraFeedback JSONL file."""
    rng = random.Random(seed)
    result = CufImport()
    check = result.check
    for lineno, row in iter_jsonl(path, REQUIRED, skip_bad, bad):
        try:
            items = parse_row(row)
        except RowError as exc:
            err = InputError(str(exc), path=path, line=lineno, field=exc.field, fix=exc.fix)
            if not skip_bad:
                raise err from None
            if bad is not None:
                bad.append(str(err))
            continue
        check.rows += 1
        order = [a.get("model") for a in row["annotations"]]
        check.reordered_rows += order != [it.model for it in items]
        for it in items:
            key = "N/A" if it.rating is None else f"{it.rating:g}"
            check.ratings[key] = check.ratings.get(key, 0) + 1
        rated = [it for it in items if it.rating is not None]
        check.unrated += len(items) - len(rated)
        group = hashlib.sha256(row["instruction"].encode()).hexdigest()[:12]
        for a, b in combinations(rated, 2):
            if a.rating == b.rating:
                check.ties += 1
                continue
            win, lose = (a, b) if a.rating > b.rating else (b, a)  # type: ignore[operator]
            result.pairs.append(
                JudgePair(
                    id=f"cuf/{lineno}/{win.model}>{lose.model}",
                    instruction=row["instruction"],
                    better=win.response,
                    worse=lose.response,
                    source=f"cuf/{row['preference']}",
                    difficulty="hard" if win.rating - lose.rating <= 1 else "easy",  # type: ignore[operator]
                    group=group,
                    criterion=row["preference"],
                    rationale_better=win.rationale,
                    rationale_worse=lose.rationale,
                    score_better=win.rating,
                    score_worse=lose.rating,
                )
            )
            check.pairs += 1
            check.better_listed_first += win.position < lose.position
            if len(win.response) == len(lose.response):
                check.length_ties += 1
            else:
                check.longer_wins += len(win.response) > len(lose.response)
        if len({it.rating for it in rated}) > 1:
            top = max(it.rating for it in rated)  # type: ignore[type-var]
            best = rng.choice([it for it in rated if it.rating == top])
            worse = rng.choice([it for it in rated if it.rating < top])  # type: ignore[operator]
            result.policy.append(
                {
                    "prompt": [{"role": "user", "content": row["instruction"]}],
                    "chosen": [{"role": "assistant", "content": best.response}],
                    "rejected": [{"role": "assistant", "content": worse.response}],
                    "score_chosen": best.rating,
                    "score_rejected": worse.rating,
                    "model_chosen": best.model,
                    "model_rejected": worse.model,
                    "preference": row["preference"],
                    "id": f"cuf/{lineno}",
                    "group": group,
                }
            )
    return result


@dataclass
class CufImport:
    """What ``import_cuf`` returns."""

    pairs: list[JudgePair] = field(default_factory=list)
    policy: list[dict[str, Any]] = field(default_factory=list)
    check: ImportCheck = field(default_factory=ImportCheck)
