"""Held-out judge accuracy: generate verdicts, parse them strictly, count parse failures as wrong.

Rows come from ``heldout.jsonl`` (``prompt`` messages + ``label``, and ``id`` =
``<pair id>:<label>``). The model sees exactly the judge prompt and must end
with ``[[A]]`` or ``[[B]]``; an output without exactly one verdict marker is a
miss, never a guess. Held-out pairs appear in both answer orders, so the
report also has position consistency: the share of pairs for which both
orders pick the same response.

>>> report = heldout_accuracy(model, tokenizer, rows, max_new_tokens=64)   # doctest: +SKIP
>>> report["accuracy"], report["parse_failures"], report["position_consistency"]   # doctest: +SKIP
(0.97, 0, 0.94)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from codejudge.evaluate.meta import cohen_kappa, flip, position_consistency
from codejudge.judge.parse import parse_pairwise


def generate(
    model: Any,
    tokenizer: Any,
    prompts: list[list[dict[str, str]]],
    max_new_tokens: int,
    batch_size: int = 16,
    temperature: float = 0.0,
) -> list[str]:
    """Completions for chat prompts (left-padded batches): greedy, or sampled when ``temperature`` > 0."""
    import torch

    side, tokenizer.padding_side = tokenizer.padding_side, "left"
    was_training = model.training
    model.eval()
    out: list[str] = []
    try:
        for start in range(0, len(prompts), batch_size):
            texts = [
                tokenizer.apply_chat_template(p, tokenize=False, add_generation_prompt=True)
                for p in prompts[start : start + batch_size]
            ]
            enc = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(
                model.device
            )
            with torch.no_grad():
                sampling = (
                    {"do_sample": True, "temperature": temperature}
                    if temperature > 0
                    else {"do_sample": False}
                )
                gen = model.generate(
                    **enc,
                    max_new_tokens=max_new_tokens,
                    pad_token_id=tokenizer.pad_token_id,
                    eos_token_id=tokenizer.eos_token_id,
                    **sampling,
                )
            out += tokenizer.batch_decode(gen[:, enc["input_ids"].shape[1] :], skip_special_tokens=True)
    finally:
        tokenizer.padding_side = side
        model.train(was_training)
    return [t.strip() for t in out]


def orders_of(
    rows: list[dict[str, Any]], decisions: Sequence[str | None]
) -> list[tuple[str | None, str | None]]:
    """(decision with the better response first, the other order's decision mapped back) per pair.

    Pairs are found by id (``<pair id>:A`` and ``<pair id>:B``); rows without
    their other order are left out.
    """
    by_pair: dict[str, dict[str, str | None]] = {}
    for row, d in zip(rows, decisions):
        pair, _, label = str(row.get("id", "")).rpartition(":")
        if pair and label == row["label"]:
            by_pair.setdefault(pair, {})[label] = d
    return [(o["A"], flip(o["B"])) for o in by_pair.values() if "A" in o and "B" in o]


def heldout_accuracy(
    model: Any, tokenizer: Any, rows: list[dict[str, Any]], max_new_tokens: int = 128, batch_size: int = 16
) -> dict[str, Any]:
    """Strict accuracy (parse failures count wrong), parse failures, position bias and consistency, examples."""
    outputs = generate(model, tokenizer, [r["prompt"] for r in rows], max_new_tokens, batch_size)
    decisions = [parse_pairwise(o)[0] for o in outputs]
    labels = [r["label"] for r in rows]
    n = len(rows) or 1
    both = orders_of(rows, decisions)
    return {
        "n": len(rows),
        "accuracy": sum(d == y for d, y in zip(decisions, labels)) / n,
        "parse_failures": sum(d is None for d in decisions),
        "picked_A": sum(d == "A" for d in decisions) / n,
        "picked_B": sum(d == "B" for d in decisions) / n,
        "pairs_in_both_orders": len(both),
        "position_consistency": position_consistency(both) if both else None,
        "cohen_kappa": cohen_kappa(decisions, labels) if rows else None,
        "examples": [{"label": y, "output": o} for y, o in list(zip(labels, outputs))[:2]],
        "misses": [{"label": y, "output": o} for y, o, d in zip(labels, outputs, decisions) if d != y][:3],
    }
