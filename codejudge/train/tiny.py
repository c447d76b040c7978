"""A tiny judge model for CPU runs: ``codejudge.testing.tiny`` plus a corpus and verdict tokens.

The tokenizer is trained on the rows of a data folder (so prompts and
judgments have few unknown words), and ``[[A]]``, ``[[B]]``, ``[[tie]]`` are
added as whole tokens: a word-level tokenizer would otherwise split them into
brackets and decode them with spaces, which the strict parser rightly rejects.

    python -m codejudge.train.tiny runs/tiny-model runs/tiny-data

>>> build_tiny_judge("runs/tiny-model", "runs/tiny-data")    # doctest: +SKIP
PosixPath('runs/tiny-model')
"""

from __future__ import annotations

import sys
from pathlib import Path

from codejudge.errors import require
from codejudge.jsonl import iter_jsonl
from codejudge.testing.tiny import build_tiny_model

VERDICT_TOKENS = ["[[A]]", "[[B]]", "[[tie]]"]


def corpus_from(data_dir: str | Path) -> list[str]:
    """Every message text of the SFT, DPO and held-out files."""
    texts: list[str] = []
    for name in ("sft.jsonl", "dpo.jsonl", "heldout.jsonl"):
        path = Path(data_dir) / name
        if not path.is_file():
            continue
        for _, row in iter_jsonl(path):
            for key in ("messages", "prompt", "chosen", "rejected"):
                texts += [m["content"] for m in row.get(key, []) if isinstance(m, dict)]
    return texts


def build_tiny_judge(
    path: str | Path,
    data_dir: str | Path,
    hidden_size: int = 64,
    layers: int = 2,
    seed: int = 0,
    embed_std: float = 0.3,
) -> Path:
    """Build, add the verdict tokens, save; returns ``path``."""
    transformers = require("transformers", "train")
    path = build_tiny_model(
        path, hidden_size=hidden_size, layers=layers, seed=seed, corpus=corpus_from(data_dir)
    )
    tok = transformers.AutoTokenizer.from_pretrained(str(path))
    tok.add_tokens(VERDICT_TOKENS)
    model = transformers.AutoModelForCausalLM.from_pretrained(str(path))
    model.resize_token_embeddings(len(tok))
    torch = require("torch", "train")
    torch.manual_seed(seed)
    # LoRA leaves the (tied) embeddings and norms frozen. With the default 0.02 init, logits stay near
    # zero after the final RMSNorm and no adapter can make a prediction confident; rows of norm ~2.4 can.
    with torch.no_grad():
        model.get_input_embeddings().weight.normal_(0.0, embed_std)
    model.save_pretrained(str(path))
    tok.save_pretrained(str(path))
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m codejudge.train.tiny MODEL_DIR DATA_DIR")
    print(build_tiny_judge(sys.argv[1], sys.argv[2]))
