"""The package's own static checks, run by the test command so CI enforces them.

``py.typed`` promises checked types: ``mypy codejudge`` must pass with the
project's configuration (pyproject.toml), and ``ruff check`` with its rule set.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_mypy_passes_on_the_package() -> None:
    pytest.importorskip("mypy", reason="mypy comes with the dev extra")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "codejudge"], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_ruff_passes() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff comes with the dev extra")
    proc = subprocess.run([ruff, "check", "."], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_ruff_format_is_adopted() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff comes with the dev extra")
    proc = subprocess.run([ruff, "format", "--check", "."], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, "run `ruff format .`:\n" + proc.stdout[-4000:]


def test_python_dash_m_codejudge() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "codejudge", "--version"], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.startswith("codejudge "), proc.stderr


def test_no_merge_conflict_markers_in_tracked_text_files() -> None:
    # A merge once committed `<<<<<<<` blocks into README.md; nothing else would notice.
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("needs a git checkout")
    files = subprocess.run([git, "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(
        b"\0"
    )
    markers = ("<" * 7 + " ", "=" * 7 + "\n", ">" * 7 + " ")
    found = []
    for name in filter(None, files):
        path = REPO / name.decode()
        if not path.is_file() or path.suffix in (".gz", ".png", ".jsonl", ".json"):
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        except (UnicodeDecodeError, OSError):
            continue
        found += [f"{name.decode()}:{i}" for i, line in enumerate(lines, 1) if line.startswith(markers)]
    assert not found, f"merge conflict markers left in: {found[:10]}"
