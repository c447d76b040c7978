"""Build a tiny, randomly initialised chat model on disk, with no network.

Tests of the LLM backends, ``codejudge serve`` and the training stages need a
real model that loads with ``AutoModelForCausalLM``/``AutoTokenizer`` and has a
chat template, but not a good one. This trains a word-level tokenizer on a small
corpus and saves a 2-layer Llama with hidden size 32: a few hundred KB.

>>> path = build_tiny_model(tmp_path / "tiny")    # doctest: +SKIP
>>> AutoModelForCausalLM.from_pretrained(path)      # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from codejudge.errors import require

# A ChatML-like template, the shape most instruct models use.
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
MARKERS = ["[[A]]", "[[B]]", "[[tie]]"] + [f"[[{i}]]" for i in range(1, 11)]
SPECIAL_TOKENS = ["<pad>", "<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]

# Words judges and code use, so the tokenizer covers prompts without many <unk>.
CORPUS = [
    "You are a careful code reviewer . Compare two responses to a coding instruction .",
    "Response A Response B Evidence Instruction Criterion Rubric Reference solution Rating",
    "[[A]] [[B]] [[tie]] [[1]] [[2]] [[3]] [[4]] [[5]] A is better B is better tie",
    "def return if else for in while import from class lambda None True False and or not",
    "tests passed failed error timeout cost steps bytecode security correctness efficiency",
    "( ) [ ] { } : , . = + - * / % < > == != <= >= # ' \" 0 1 2 3 4 5 6 7 8 9",
    "system user assistant the a of to is it code function input output list int str",
]


def build_tiny_model(
    path: str | Path,
    arch: str = "llama",
    hidden_size: int = 32,
    layers: int = 2,
    seed: int = 0,
    corpus: list[str] | None = None,
) -> Path:
    """Save a tiny random ``arch`` ("llama" or "qwen2") model + tokenizer to ``path``."""
    torch = require("torch", "llm")
    transformers = require("transformers", "llm")
    tokenizers = require("tokenizers", "train")

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    tok = tokenizers.Tokenizer(tokenizers.models.WordLevel(unk_token="<unk>"))
    tok.normalizer = tokenizers.normalizers.NFKC()
    tok.pre_tokenizer = tokenizers.pre_tokenizers.Sequence(
        [tokenizers.pre_tokenizers.WhitespaceSplit(), tokenizers.pre_tokenizers.Punctuation("isolated")]
    )
    tok.decoder = tokenizers.decoders.WordPiece(prefix="##")  # joins words with spaces
    trainer = tokenizers.trainers.WordLevelTrainer(special_tokens=SPECIAL_TOKENS, min_frequency=1)
    tok.train_from_iterator(corpus or CORPUS, trainer=trainer)
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tok,
        pad_token="<pad>",
        unk_token="<unk>",
        bos_token="<s>",
        eos_token="<|im_end|>",
        additional_special_tokens=["<|im_start|>"],
    )
    # Verdict markers as single tokens, so a tiny model can emit them whole.
    fast.add_tokens(MARKERS)
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(str(path))

    common = dict(  # noqa: C408 - keyword form mirrors the config classes
        vocab_size=len(fast),
        hidden_size=hidden_size,
        intermediate_size=hidden_size * 2,
        num_hidden_layers=layers,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        bos_token_id=fast.bos_token_id,
        eos_token_id=fast.eos_token_id,
        pad_token_id=fast.pad_token_id,
        tie_word_embeddings=True,
    )
    if arch == "llama":
        config = transformers.LlamaConfig(**common)
        cls = transformers.LlamaForCausalLM
    elif arch == "qwen2":
        config = transformers.Qwen2Config(**common)
        cls = transformers.Qwen2ForCausalLM
    else:
        raise ValueError(f"arch must be 'llama' or 'qwen2', got {arch!r}")
    torch.manual_seed(seed)
    model = cls(config)
    model.generation_config.pad_token_id = fast.pad_token_id
    model.generation_config.eos_token_id = fast.eos_token_id
    model.save_pretrained(str(path))
    return path


def teach_reply(path: str | Path, reply: str, steps: int = 80, lr: float = 1e-2, seed: int = 0) -> Path:
    """Fine-tune the tiny model at ``path`` (in place) to answer ``reply`` to any chat.

    A random model never emits a verdict marker; one that always says, e.g.,
    "[[A]]" makes a real (if useless) judge: every parse succeeds and its
    position bias is total, which is what tests of swapping need.
    """
    torch = require("torch", "llm")
    transformers = require("transformers", "llm")
    path = Path(path)
    tok = transformers.AutoTokenizer.from_pretrained(str(path))
    model = transformers.AutoModelForCausalLM.from_pretrained(str(path))
    prompts = [
        [
            {"role": "system", "content": "You are a careful code reviewer ."},
            {"role": "user", "content": text},
        ]
        for text in ("Response A def f ( ) Response B", "Instruction code [[B]] tie", "A B Rating 1 2 3")
    ]
    torch.manual_seed(seed)
    optim = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    batches = []
    for msgs in prompts:
        prompt_ids = tok.apply_chat_template(
            msgs, add_generation_prompt=True, tokenize=True, return_dict=False
        )
        if isinstance(prompt_ids, dict) or hasattr(prompt_ids, "input_ids"):
            prompt_ids = prompt_ids["input_ids"]
        target = tok(reply, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
        ids = torch.tensor([list(prompt_ids) + target])
        labels = ids.clone()
        labels[0, : len(prompt_ids)] = -100  # learn only the reply
        batches.append((ids, labels))
    for step in range(steps):
        ids, labels = batches[step % len(batches)]
        loss = model(input_ids=ids, labels=labels).loss
        loss.backward()
        optim.step()
        optim.zero_grad()
    model.eval()
    model.save_pretrained(str(path))
    return path
