"""The bubblewrap executor the repair, transplant and switching tests run their jobs in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from codejudge.errors import BackendUnavailable


@pytest.fixture(scope="module")
def executor() -> Iterator[Any]:
    from codejudge.sandbox import get_executor

    try:
        ex = get_executor("bwrap")
    except BackendUnavailable as exc:
        if "bwrap" in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", ""):
            pytest.fail(f"bwrap required but unavailable: {exc}")
        pytest.skip(f"bwrap unavailable: {exc}")
    yield ex
    ex.close()
