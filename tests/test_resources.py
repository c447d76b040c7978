"""Package data is found through the package, and a missing file is a clear InputError."""

from __future__ import annotations

import pytest

from codejudge.analyze import taxonomy
from codejudge.errors import InputError
from codejudge.resources import package_root, resource_path
from tests.conftest import REPO


def test_shipped_files_live_in_the_package() -> None:
    for parts in (
        ("taxonomies", "mistakes.yaml"),
        ("taxonomies", "schemas", "reasons.schema.json"),
        ("sandbox", "assets", "Dockerfile"),
        ("datasets", "humaneval-demo", "samples.jsonl"),
    ):
        path = resource_path(*parts)
        assert path.is_file() and path.is_relative_to(package_root())


def test_checkout_folders_point_into_the_package() -> None:
    """One source of truth: the top-level folders a user browses are the package's files."""
    assert (REPO / "taxonomies").resolve() == resource_path("taxonomies").resolve()
    assert (REPO / "sandbox" / "Dockerfile").resolve() == resource_path(
        "sandbox", "assets", "Dockerfile"
    ).resolve()
    assert (REPO / "datasets" / "humaneval-demo").resolve() == resource_path(
        "datasets", "humaneval-demo"
    ).resolve()
    assert not (REPO / "datasets" / "__init__.py").exists()  # would shadow Hugging Face datasets


def test_missing_resource_names_the_file_and_the_fix() -> None:
    with pytest.raises(InputError) as info:
        resource_path("taxonomies", "nope.yaml")
    assert "taxonomies/nope.yaml" in str(info.value) and "reinstall" in str(info.value)


def test_missing_taxonomy_folder_is_an_input_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CODEJUDGE_TAXONOMIES", str(tmp_path))
    taxonomy.load.cache_clear()
    try:
        with pytest.raises(InputError) as info:
            taxonomy.load("mistakes")
        assert "mistakes.yaml" in str(info.value) and "CODEJUDGE_TAXONOMIES" in str(info.value)
    finally:
        taxonomy.load.cache_clear()
