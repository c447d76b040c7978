"""RISE-style judgment sampling: the model's own correct judgments become its training data.

For every training pair (in each answer order) ``n`` judgments are sampled
from an LLM (an OpenAI-compatible teacher or the SFT model itself). Those
whose strictly parsed verdict matches the execution label are kept as SFT
rows; a correct and an incorrect judgment of the same prompt form a DPO row.
Samples are written to ``judgments.jsonl`` as they come, so an interrupted run
resumes where it stopped. Held-out pairs are never sampled; they go to
``heldout.jsonl`` unchanged.

>>> card = sample_judgments("data/judge/pairs.jsonl", llm, "data/rise", n=4)   # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codejudge.data.build import in_heldout
from codejudge.data.card import write_card
from codejudge.data.io import iter_jsonl, write_jsonl
from codejudge.data.pairs import JudgePair, heldout_row, orientations, oriented
from codejudge.judge.parse import parse_pairwise


def _done(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    return {r["id"]: r for _, r in iter_jsonl(path, skip_bad=True)}  # a torn last line is resampled


def sample_judgments(pairs_path: str | Path, llm: Any, out_dir: str | Path, n: int = 4, limit: int = 0,
                     swap: bool = True, heldout_fraction: float = 0.2, seed: int = 0, skip_bad: bool = False,
                     **_: Any) -> dict[str, Any]:
    """Sample, filter and pair judgments; write rise files and a card (see the module docstring)."""
    from tqdm import tqdm

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bad: list[str] = []
    pairs = [JudgePair.from_dict(r) for _, r in iter_jsonl(pairs_path, ("id", "better", "worse"), skip_bad, bad)]
    held = [p for p in pairs if in_heldout(p.group or p.id, heldout_fraction, seed)]
    train = [p for p in pairs if not in_heldout(p.group or p.id, heldout_fraction, seed)]
    if limit:
        train = train[:limit]
    log_path = out / "judgments.jsonl"
    done = _done(log_path)
    with log_path.open("a", encoding="utf-8") as log:
        for pair in tqdm(train, desc="sample", disable=not getattr(tqdm, "isatty", lambda: False)()):
            for better_first in orientations(pair, swap):
                prompt, label = oriented(pair, better_first)
                key = f"{pair.id}:{label}"
                if key in done:
                    continue
                outputs = llm.generate([prompt] * n)
                rec = {"id": key, "label": label, "prompt": prompt, "outputs": outputs,
                       "verdicts": [parse_pairwise(o)[0] for o in outputs],
                       "source": pair.source, "difficulty": pair.difficulty, "group": pair.group or pair.id}
                log.write(json.dumps(rec, ensure_ascii=False) + "\n")
                log.flush()
                done[key] = rec
    sft, dpo = [], []
    for rec in done.values():
        right = list(dict.fromkeys(o for o, v in zip(rec["outputs"], rec["verdicts"]) if v == rec["label"]))
        wrong = list(dict.fromkeys(o for o, v in zip(rec["outputs"], rec["verdicts"]) if v != rec["label"]))
        meta = {k: rec[k] for k in ("id", "label", "source", "difficulty", "group")}
        sft += [{"messages": rec["prompt"] + [{"role": "assistant", "content": o}], **meta} for o in right]
        if right and wrong:
            dpo.append({"prompt": rec["prompt"], "chosen": [{"role": "assistant", "content": right[0]}],
                        "rejected": [{"role": "assistant", "content": wrong[0]}], **meta})
    files = {"sft.jsonl": sft, "dpo.jsonl": dpo,
             "heldout.jsonl": [heldout_row(p, o) for p in held for o in (True, False)]}
    for name, rows in files.items():
        write_jsonl(out / name, rows)
    sampled = sum(len(r["outputs"]) for r in done.values())
    correct = sum(v == r["label"] for r in done.values() for v in r["verdicts"])
    stats = {"model": getattr(llm, "name", "?"), "samples_per_prompt": n, "prompts": len(done),
             "judgments": sampled, "correct": correct,
             "parse_failures": sum(v is None for r in done.values() for v in r["verdicts"])}
    return write_card(out, files, [Path(pairs_path).name],
                      how="RISE-style sampling: correct judgments -> SFT, correct vs incorrect -> DPO.",
                      extra={"sampling": stats, **({"skipped_rows": bad} if bad else {})})
