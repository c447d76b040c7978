"""Fixtures for review tests: throwaway git repositories, fully offline."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Repo:
    """A temporary git repository with small helpers."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        env = {**os.environ, **GIT_ENV, "HOME": str(self.path.parent)}
        proc = subprocess.run(
            ["git", *args], cwd=self.path, env=env, check=False, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip()

    def write(self, rel: str, text: str) -> Path:
        p = self.path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return p

    def commit(self, message: str = "c") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--no-verify", "-m", message)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    path = tmp_path / "repo"
    path.mkdir()
    r = Repo(path)
    r.git("init", "-q", "-b", "main")
    return r


@pytest.fixture
def in_dir(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    return lambda p: monkeypatch.chdir(p)


@pytest.fixture
def fake_github():
    """A local GitHub API stand-in on 127.0.0.1 (random port), stopped after the test."""
    from .fake_github import FakeGitHub

    with FakeGitHub() as gh:
        yield gh


@pytest.fixture
def bwrap_ok() -> None:
    """Skip when bubblewrap cannot run here, unless CI requires it (CODEJUDGE_REQUIRE_BACKENDS=bwrap)."""
    from codejudge.sandbox import bwrap

    ok, why = bwrap.check()
    if not ok:
        if "bwrap" in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", "").split(","):
            pytest.fail(f"bwrap is required here but unavailable: {why}")
        pytest.skip(f"bwrap unavailable: {why}")
