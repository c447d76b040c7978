"""Held-out judge accuracy: generate verdicts, parse them strictly, count parse failures as wrong.

Rows come from ``heldout.jsonl`` (``prompt`` messages + ``label``). The model
sees exactly the judge prompt and must end with ``[[A]]`` or ``[[B]]``; an
output without exactly one verdict marker is a miss, never a guess.

>>> report = heldout_accuracy(model, tokenizer, rows, max_new_tokens=64)   # doctest: +SKIP
>>> report["accuracy"], report["parse_failures"]                          # doctest: +SKIP
(0.97, 0)
"""

from __future__ import annotations

from typing import Any

from codejudge.judge.parse import parse_pairwise


def generate(model: Any, tokenizer: Any, prompts: list[list[dict[str, str]]], max_new_tokens: int,
             batch_size: int = 16) -> list[str]:
    """Greedy completions for chat prompts (left-padded batches)."""
    import torch

    side, tokenizer.padding_side = tokenizer.padding_side, "left"
    was_training = model.training
    model.eval()
    out: list[str] = []
    try:
        for start in range(0, len(prompts), batch_size):
            texts = [tokenizer.apply_chat_template(p, tokenize=False, add_generation_prompt=True)
                     for p in prompts[start : start + batch_size]]
            enc = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(model.device)
            with torch.no_grad():
                gen = model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False,
                                     pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
            out += tokenizer.batch_decode(gen[:, enc["input_ids"].shape[1] :], skip_special_tokens=True)
    finally:
        tokenizer.padding_side = side
        model.train(was_training)
    return [t.strip() for t in out]


def heldout_accuracy(model: Any, tokenizer: Any, rows: list[dict[str, Any]], max_new_tokens: int = 128,
                     batch_size: int = 16) -> dict[str, Any]:
    """Strict accuracy (parse failures count wrong), parse failures, position preference, examples."""
    outputs = generate(model, tokenizer, [r["prompt"] for r in rows], max_new_tokens, batch_size)
    decisions = [parse_pairwise(o)[0] for o in outputs]
    labels = [r["label"] for r in rows]
    n = len(rows) or 1
    report: dict[str, Any] = {
        "n": len(rows),
        "accuracy": sum(d == y for d, y in zip(decisions, labels)) / n,
        "parse_failures": sum(d is None for d in decisions),
        "picked_A": sum(d == "A" for d in decisions) / n,
        "picked_B": sum(d == "B" for d in decisions) / n,
        "examples": [{"label": y, "output": o} for y, o in list(zip(labels, outputs))[:2]],
        "misses": [{"label": y, "output": o} for y, o, d in zip(labels, outputs, decisions) if d != y][:3],
    }
    try:  # the judge meta-evaluation metrics, when that module is installed
        from codejudge.evaluate.meta import cohen_kappa

        report["cohen_kappa"] = cohen_kappa(decisions, labels)
    except ImportError:
        pass
    return report
