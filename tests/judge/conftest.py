"""Fixtures for judge tests: a real sandbox executor and a tiny local chat model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codejudge.errors import BackendUnavailable


@pytest.fixture(scope="session")
def executor():
    """The bubblewrap sandbox; skipped where it cannot run unless CI requires it."""
    from codejudge.sandbox import get_executor

    try:
        ex = get_executor("bwrap")
    except BackendUnavailable as exc:
        if "bwrap" in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", "").split(","):
            raise
        pytest.skip(str(exc))
    yield ex
    ex.close()


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A random 2-layer Llama with a trained word-level tokenizer (no hub)."""
    pytest.importorskip("transformers")
    from codejudge.testing.tiny import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="session")
def says_a_model(tmp_path_factory) -> Path:
    """A tiny model fine-tuned to answer "[[A]]" to anything: a judge with total position bias."""
    pytest.importorskip("transformers")
    from codejudge.testing.tiny import build_tiny_model, teach_reply

    return teach_reply(build_tiny_model(tmp_path_factory.mktemp("says-a") / "model"), "[[A]]")
