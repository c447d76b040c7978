"""Turn labelled pairs into TRL-ready files: SFT, DPO and a held-out split, with a card.

Splits are by problem (``JudgePair.group``), so held-out pairs never share an
instruction with training pairs. Easy pairs go to SFT and hard ones to DPO;
when one side would be empty, both stages use all training pairs (the card
says so). With ``swap`` every pair appears in both answer orders, which also
balances the verdict positions exactly.

>>> card = build_dataset(pairs, "data/judge", sources=["humanevalplus"])   # doctest: +SKIP
>>> sorted(card["files"])                                                 # doctest: +SKIP
['dpo.jsonl', 'heldout.jsonl', 'pairs.jsonl', 'sft.jsonl']
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from codejudge.data.card import write_card
from codejudge.data.pairs import JudgePair, dpo_row, heldout_row, orientations, sft_row
from codejudge.jsonl import write_jsonl


def in_heldout(group: str, fraction: float, seed: int) -> bool:
    """Stable per-group coin: the same problem always lands in the same split."""
    digest = hashlib.sha256(f"{seed}:{group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def split_pairs(
    pairs: list[JudgePair], heldout_fraction: float, seed: int
) -> tuple[list[JudgePair], list[JudgePair], list[JudgePair], str]:
    """(sft pairs, dpo pairs, held-out pairs, note)."""
    heldout = [p for p in pairs if in_heldout(p.group or p.id, heldout_fraction, seed)]
    train = [p for p in pairs if not in_heldout(p.group or p.id, heldout_fraction, seed)]
    easy = [p for p in train if p.difficulty == "easy"]
    hard = [p for p in train if p.difficulty != "easy"]
    if easy and hard:
        return easy, hard, heldout, "easy pairs -> SFT, hard pairs -> DPO"
    return train, train, heldout, "one difficulty only: SFT and DPO both use all training pairs"


def build_dataset(
    pairs: list[JudgePair],
    out_dir: str | Path,
    sources: list[str],
    swap: bool = True,
    heldout_fraction: float = 0.2,
    seed: int = 0,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write pairs.jsonl, sft.jsonl, dpo.jsonl, heldout.jsonl, card.json and README.md."""
    out = Path(out_dir)
    sft_pairs, dpo_pairs, held, note = split_pairs(pairs, heldout_fraction, seed)
    files = {
        "pairs.jsonl": [p.to_dict() for p in pairs],
        "sft.jsonl": [sft_row(p, o) for p in sft_pairs for o in orientations(p, swap)],
        "dpo.jsonl": [dpo_row(p, o) for p in dpo_pairs for o in orientations(p, swap)],
        # Held-out pairs are always shown in both orders: position bias shows up in the accuracy.
        "heldout.jsonl": [heldout_row(p, o) for p in held for o in (True, False)],
    }
    for name, rows in files.items():
        write_jsonl(out / name, rows)
    how = (
        f"Execution-labelled pairs ({note}); swap augmentation: {swap}; "
        f"held-out fraction {heldout_fraction} by problem, seed {seed}."
    )
    return write_card(out, files, sources, how=how, extra=extra)
