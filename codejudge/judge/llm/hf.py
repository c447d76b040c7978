"""A local causal LM (transformers) as a judge, batched, greedy by default.

>>> llm = TransformersLLM("path/to/model")                      # doctest: +SKIP
>>> llm.generate([[{"role": "user", "content": "A or B?"}]])     # doctest: +SKIP
['... [[A]]']
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from codejudge.errors import ConfigError, require
from codejudge.judge.llm.base import Messages


class TransformersLLM:
    """``AutoModelForCausalLM`` + the tokenizer's chat template; left-padded batches."""

    def __init__(
        self,
        path: str | Path,
        name: str | None = None,
        max_new_tokens: int = 512,
        temperature: float = 0.0,
        batch_size: int = 8,
        device: str | None = None,
        dtype: str = "auto",
    ) -> None:
        torch = require("torch", "llm")
        transformers = require("transformers", "llm")
        path = Path(path)
        if not (path / "config.json").is_file():
            raise ConfigError(f"no model at {path}: expected a save_pretrained folder with config.json")
        self.name = name or path.name
        self.max_new_tokens, self.temperature, self.batch_size = (
            max_new_tokens,
            temperature,
            max(1, batch_size),
        )
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(path))
        self.tokenizer.padding_side = "left"  # generation continues from the right edge
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model = transformers.AutoModelForCausalLM.from_pretrained(str(path), dtype=dtype).to(self.device)
        self.model.eval()
        self._torch = torch
        self._lock = threading.Lock()  # one generate at a time (the server is threaded)

    def params(self) -> dict[str, Any]:
        return {"max_tokens": self.max_new_tokens, "temperature": self.temperature}

    def generate(
        self,
        messages_list: list[Messages],
        max_new_tokens: int | None = None,
        temperature: float | None = None,
    ) -> list[str]:
        return [text for text, _ in self.generate_with_reasons(messages_list, max_new_tokens, temperature)]

    def generate_with_reasons(
        self,
        messages_list: list[Messages],
        max_new_tokens: int | None = None,
        temperature: float | None = None,
    ) -> list[tuple[str, str]]:
        """(completion, finish reason) per conversation: "stop" at an end token, "length" at the budget."""
        out: list[tuple[str, str]] = []
        for start in range(0, len(messages_list), self.batch_size):
            out.extend(
                self._batch(messages_list[start : start + self.batch_size], max_new_tokens, temperature)
            )
        return out

    def _batch(
        self, batch: list[Messages], max_new_tokens: int | None, temperature: float | None
    ) -> list[tuple[str, str]]:
        prompts = [
            self.tokenizer.apply_chat_template(m, tokenize=False, add_generation_prompt=True) for m in batch
        ]
        enc = self.tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(
            self.device
        )
        temp = self.temperature if temperature is None else temperature
        sampling: dict[str, Any] = {"do_sample": temp > 0}
        if temp > 0:
            sampling["temperature"] = temp
        budget = max_new_tokens or self.max_new_tokens
        with self._lock, self._torch.no_grad():
            generated = self.model.generate(
                **enc,
                max_new_tokens=budget,
                pad_token_id=self.tokenizer.pad_token_id,
                **sampling,
            )
        new = generated[:, enc["input_ids"].shape[1] :]
        texts = [t.strip() for t in self.tokenizer.batch_decode(new, skip_special_tokens=True)]
        return [(text, self._finish_reason(row.tolist(), budget)) for text, row in zip(texts, new)]

    def _finish_reason(self, tokens: list[int], budget: int) -> str:
        # generate() pads finished rows after their end token; a row that used the whole budget without
        # one was cut off.
        eos = self.model.generation_config.eos_token_id
        ends = set(eos if isinstance(eos, list) else [eos]) | {self.tokenizer.eos_token_id}
        return "stop" if any(t in ends for t in tokens) or len(tokens) < budget else "length"
