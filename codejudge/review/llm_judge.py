"""Optionally ask the judge (``codejudge.judge``) about the changed files.

Only when ``judge_endpoint`` is configured: each changed Python file's new text
goes to ``GroundedJudge.single`` with an OpenAI-compatible backend, the commit
messages of the change as the instruction. The judge adds its own evidence:
mistake tags, and tests it derives itself in the configured sandbox (examples
written in the commit messages, ``>>> f(x)`` / ``f(x) == y``, run against the
new code; see ``codejudge.ground``). The project's own tests are run separately
by ``hooks``. The verdict is informational unless ``judge_min_score`` is set.

>>> verdicts = ask_judge({"a.py": "def f(): ..."}, ReviewConfig(judge_endpoint="http://127.0.0.1:8000/v1"),
...                      "Add f")                                           # doctest: +SKIP
>>> verdicts[0][1].score                                                    # doctest: +SKIP
4
"""

from __future__ import annotations

from typing import Any

from codejudge.review.config import ReviewConfig
from codejudge.types import Verdict

MAX_FILES = 10
MAX_CHARS = 20_000  # per file; a judge prompt is not the place for a whole generated module


def ask_judge(
    sources: dict[str, str], config: ReviewConfig, instruction: str, llm: Any = None, executor: Any = None
) -> list[tuple[str, Verdict]]:
    """(path, verdict) for up to MAX_FILES changed files; LLM failures raise LLMError.

    ``executor`` runs the derived tests (default: the configured sandbox; when it
    cannot start, the judge goes on without derived tests)."""
    from codejudge.errors import BackendUnavailable
    from codejudge.judge.grounded import GroundedJudge
    from codejudge.judge.llm import get_llm
    from codejudge.sandbox import get_executor

    if llm is None:
        llm = get_llm(f"openai:{config.judge_endpoint}", model=config.judge_model)
    own = executor is None
    if own:
        try:
            executor = get_executor(config.backend)
        except BackendUnavailable:
            executor = None
    # Examples from the commit messages only: a pre-push hook asks the LLM once per file, not for tests too.
    judge = GroundedJudge(executor, llm=llm, derive=("statement",))
    out = []
    try:
        for path, source in sorted(sources.items())[:MAX_FILES]:
            response = f"File `{path}` after the change:\n```python\n{source[:MAX_CHARS]}\n```"
            out.append((path, judge.single(instruction or "Review this change.", response)))
    finally:
        if own and executor is not None:
            executor.close()
    return out


def report(verdicts: list[tuple[str, Verdict]], min_score: float | None) -> tuple[str, bool]:
    """Human-readable lines and whether every verdict clears ``min_score``."""
    lines, ok = [], True
    for path, v in verdicts:
        if v.score is None:
            lines.append(f"codejudge judge: {path}: no score ({v.parse_error or v.rationale})")
            continue
        low = min_score is not None and v.score < min_score
        ok = ok and not low
        lines.append(
            f"codejudge judge: {path}: {v.score} ({v.decided_by}){' below ' + str(min_score) if low else ''}"
        )
    return "\n".join(lines), ok
