"""Shared test fixtures.

Backends: tests marked ``bwrap`` or ``docker`` skip when the backend cannot run
here, unless CODEJUDGE_REQUIRE_BACKENDS names it (CI sets it), in which case a
missing backend is a failure rather than a silent skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def required_backends() -> set[str]:
    return {b for b in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", "").split(",") if b}


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"public test data not found at {SHARED_DATA}")
    return SHARED_DATA
