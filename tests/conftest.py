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


@pytest.fixture(scope="session", autouse=True)
def docker_sandbox_image() -> None:
    """Build the Docker sandbox image offline when an engine answers and the image is missing or
    was built from other runner or language runtime files, so `python -m pytest` alone tests the
    Docker backend.
    Without an engine (or the docker extra) nothing happens: the docker tests skip or, when
    CODEJUDGE_REQUIRE_BACKENDS names docker, fail with the backend's own error."""
    try:
        from codejudge.sandbox.docker import DEFAULT_TAG, _image_labels, connect
        from codejudge.sandbox.image import build_image, image_is_current

        client = connect(timeout=10.0)
    except Exception:  # no SDK, no engine: the backend's tests report why
        return
    try:
        current = image_is_current(_image_labels(client, DEFAULT_TAG))
    except Exception:  # image not found
        current = False
    if not current:
        build_image(DEFAULT_TAG, offline=True, client=client)
