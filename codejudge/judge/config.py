"""The judge's configuration: one dataclass, fields named as the CLI flags.

>>> JudgeConfig(llm="none").backend
'bwrap'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from codejudge.errors import ConfigError
from codejudge.ground.derived import SOURCES
from codejudge.judge.grounded import GroundedJudge


@dataclass
class JudgeConfig:
    backend: str = field(default="bwrap", metadata={"help": "sandbox backend that runs the tests"})
    unsafe_local: bool = field(
        default=False, metadata={"help": "allow --backend local (runs untrusted code WITHOUT isolation)"}
    )
    llm: str = field(default="none", metadata={"help": "none | transformers:PATH | openai:URL"})
    model: str | None = field(default=None, metadata={"help": "model name sent to the server / cache key"})
    swap: bool = field(default=False, metadata={"help": "ask the LLM in both orders (position bias)"})
    equality: Literal["strict", "python"] = field(
        default="strict", metadata={"help": "output comparison: strict, or python (2 == 2.0 as evalplus)"}
    )
    no_tests: bool = field(default=False, metadata={"help": "ignore tests (LLM-only judgment)"})
    derive: str = field(
        default="auto",
        metadata={
            "help": "tests the judge derives when a row has none (or they tie): auto (all below; llm only with "
            "--llm), none, or a comma list of statement,reference,differential,property,llm"
        },
    )
    cache: str | None = field(default=None, metadata={"help": "directory of cached LLM judgments"})
    max_tokens: int = field(default=512, metadata={"help": "LLM completion budget"})
    concurrency: int = field(default=4, metadata={"help": "parallel HTTP requests"})
    batch_size: int = field(default=8, metadata={"help": "transformers generation batch"})

    def __post_init__(self) -> None:
        if self.max_tokens < 1:
            raise ConfigError(f"--max-tokens must be >= 1, got {self.max_tokens}")
        if self.equality not in ("strict", "python"):
            raise ConfigError(f"--equality must be 'strict' or 'python', got {self.equality!r}")
        if self.concurrency < 1:
            raise ConfigError(f"--concurrency must be >= 1, got {self.concurrency}")
        self.derive_sources()  # validates

    def derive_sources(self) -> tuple[str, ...]:
        """``--derive`` as a tuple of grounding sources."""
        if self.derive == "auto":
            return SOURCES
        if self.derive in ("none", ""):
            return ()
        names = tuple(s.strip() for s in self.derive.split(",") if s.strip())
        bad = [n for n in names if n not in SOURCES]
        if bad:
            raise ConfigError(
                f"--derive: unknown source {bad[0]!r}; use auto, none or a comma list of {', '.join(SOURCES)}"
            )
        return names


def build_judge(cfg: JudgeConfig) -> GroundedJudge:
    """Executor + optional LLM (+ cache) -> GroundedJudge."""
    from codejudge.judge.llm import get_llm

    executor = None
    if not cfg.no_tests:
        from codejudge.sandbox import get_executor

        executor = (
            get_executor(cfg.backend, unsafe=True)
            if cfg.backend == "local" and cfg.unsafe_local
            else get_executor(cfg.backend)
        )
    options: dict[str, object] = {"max_tokens": cfg.max_tokens, "concurrency": cfg.concurrency}
    if cfg.llm.startswith("transformers:"):
        options = {"max_new_tokens": cfg.max_tokens, "batch_size": cfg.batch_size}
    llm = get_llm(cfg.llm, model=cfg.model, cache_dir=Path(cfg.cache) if cfg.cache else None, **options)
    return GroundedJudge(
        executor,
        llm=llm,
        swap=cfg.swap,
        use_tests=not cfg.no_tests,
        equality=cfg.equality,
        derive=cfg.derive_sources(),
    )
