"""RISE-style judgment sampling: the model's own correct judgments become its training data.

For every prompt (a pair in one answer order) ``n`` judgments are sampled from
an LLM (an OpenAI-compatible teacher, or the SFT model in ``codejudge train``'s
``sample`` stage). Those whose strictly parsed verdict matches the label are
kept as SFT rows; correct and incorrect judgments of the same prompt are
paired into DPO rows (each judgment used once). Samples are written to
``judgments.jsonl`` as they come, so an interrupted run resumes where it
stopped. Held-out pairs are never sampled; they go to ``heldout.jsonl``
unchanged.

>>> card = sample_judgments("data/judge/pairs.jsonl", llm, "data/rise", n=4)   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from codejudge.data.build import in_heldout
from codejudge.data.card import write_card
from codejudge.data.pairs import JudgePair, heldout_row, orientations, oriented
from codejudge.jsonl import ResultLog, iter_jsonl, write_jsonl
from codejudge.judge.parse import parse_pairwise

META = ("id", "label", "source", "difficulty", "group")


def pair_prompts(pairs: Iterable[JudgePair], swap: bool = True) -> list[dict[str, Any]]:
    """One prompt per pair and answer order: ``{id, label, prompt, source, difficulty, group}``."""
    out = []
    for pair in pairs:
        for better_first in orientations(pair, swap):
            prompt, label = oriented(pair, better_first)
            out.append(
                {
                    "id": f"{pair.id}:{label}",
                    "label": label,
                    "prompt": prompt,
                    "source": pair.source,
                    "difficulty": pair.difficulty,
                    "group": pair.group or pair.id,
                }
            )
    return out


def sample_log(
    prompts: list[dict[str, Any]],
    llm: Any,
    log_path: Path,
    n: int,
    per_call: int = 8,
    progress: bool | None = None,
) -> list[dict[str, Any]]:
    """Sample ``n`` judgments per prompt (``per_call`` prompts per generate call), appending to ``log_path``.

    Prompts already in the log are not sampled again (a torn last line is cut
    off and redone, ``codejudge.jsonl.ResultLog``). Returns the log records of
    ``prompts``, in order. ``progress=None``: a bar only on a terminal.
    """
    from tqdm import tqdm

    log = ResultLog(log_path, key="id")
    done = {r["id"]: r for r in log.records()}
    todo = [p for p in prompts if p["id"] not in done]
    with (
        log,
        tqdm(
            total=len(todo), desc="sample", unit="prompt", disable=None if progress is None else not progress
        ) as bar,
    ):
        for start in range(0, len(todo), max(1, per_call)):
            chunk = todo[start : start + max(1, per_call)]
            outputs = llm.generate([p["prompt"] for p in chunk for _ in range(n)])
            for i, p in enumerate(chunk):
                outs = outputs[i * n : (i + 1) * n]
                rec = {
                    **{k: p.get(k) for k in META},
                    "prompt": p["prompt"],
                    "outputs": outs,
                    "verdicts": [parse_pairwise(o)[0] for o in outs],
                }
                log.append(rec)
                done[p["id"]] = rec
            bar.update(len(chunk))
    return [done[p["id"]] for p in prompts]


def rise_rows(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(SFT rows of correct judgments, DPO rows of correct vs incorrect judgments of the same prompt)."""
    sft, dpo = [], []
    for rec in records:
        right = list(dict.fromkeys(o for o, v in zip(rec["outputs"], rec["verdicts"]) if v == rec["label"]))
        wrong = list(dict.fromkeys(o for o, v in zip(rec["outputs"], rec["verdicts"]) if v != rec["label"]))
        meta = {k: rec.get(k) for k in META}
        sft += [{"messages": rec["prompt"] + [{"role": "assistant", "content": o}], **meta} for o in right]
        for k, (good, bad) in enumerate(zip(right, wrong)):
            dpo.append(
                {
                    "prompt": rec["prompt"],
                    "chosen": [{"role": "assistant", "content": good}],
                    "rejected": [{"role": "assistant", "content": bad}],
                    **meta,
                    "id": f"{rec['id']}#{k}",
                }
            )
    return sft, dpo


def sampling_stats(records: list[dict[str, Any]], llm: Any, n: int) -> dict[str, Any]:
    judged = sum(len(r["outputs"]) for r in records)
    correct = sum(v == r["label"] for r in records for v in r["verdicts"])
    return {
        "model": getattr(llm, "name", "?"),
        "samples_per_prompt": n,
        "prompts": len(records),
        "judgments": judged,
        "correct": correct,
        "sample_accuracy": round(correct / judged, 4) if judged else None,
        "parse_failures": sum(v is None for r in records for v in r["verdicts"]),
        "prompts_all_correct": sum(all(v == r["label"] for v in r["verdicts"]) for r in records),
        "prompts_all_wrong": sum(all(v != r["label"] for v in r["verdicts"]) for r in records),
    }


def sample_judgments(
    pairs_path: str | Path,
    llm: Any,
    out_dir: str | Path,
    n: int = 4,
    limit: int = 0,
    swap: bool = True,
    heldout_fraction: float = 0.2,
    seed: int = 0,
    skip_bad: bool = False,
    progress: bool | None = None,
) -> dict[str, Any]:
    """Sample, filter and pair judgments; write rise files and a card (see the module docstring)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bad: list[str] = []
    pairs = [
        JudgePair.from_dict(r) for _, r in iter_jsonl(pairs_path, ("id", "better", "worse"), skip_bad, bad)
    ]
    held = [p for p in pairs if in_heldout(p.group or p.id, heldout_fraction, seed)]
    train = [p for p in pairs if not in_heldout(p.group or p.id, heldout_fraction, seed)]
    if limit:
        train = train[:limit]
    records = sample_log(pair_prompts(train, swap), llm, out / "judgments.jsonl", n, progress=progress)
    sft, dpo = rise_rows(records)
    files = {
        "sft.jsonl": sft,
        "dpo.jsonl": dpo,
        "heldout.jsonl": [heldout_row(p, o) for p in held for o in (True, False)],
    }
    for name, rows in files.items():
        write_jsonl(out / name, rows)
    return write_card(
        out,
        files,
        [Path(pairs_path).name],
        how="RISE-style sampling: correct judgments -> SFT, correct vs incorrect -> DPO.",
        extra={"sampling": sampling_stats(records, llm, n), **({"skipped_rows": bad} if bad else {})},
    )
