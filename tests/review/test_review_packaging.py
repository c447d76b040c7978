"""The hook manifest and the GitHub Action definition are well-formed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_hook_manifest_passes_pre_commits_own_validation() -> None:
    exe = shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed")
    proc = subprocess.run(
        [exe, "validate-manifest", str(REPO_ROOT / ".pre-commit-hooks.yaml")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert (
        hooks["codejudge-analyze"]["types"] == ["python"]
        and "pre-push" not in hooks["codejudge-analyze"]["stages"]
    )
    assert set(hooks["codejudge-test"]["stages"]) == {"pre-push", "manual"}
    # The test hook zips pytest from its own environment into the sandbox: it must declare it.
    assert hooks["codejudge-test"]["language"] == "python"
    assert any(d.startswith("pytest") for d in hooks["codejudge-test"]["additional_dependencies"])


def test_action_is_a_composite_action_using_only_declared_inputs() -> None:
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    text = (REPO_ROOT / "action.yml").read_text()
    assert set(re.findall(r"inputs\.([\w-]+)", text)) <= declared
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash"  # composite run steps must name a shell
            # Inputs go through env: an expression inside a script would be an injection risk.
            assert "${{" not in step["run"], step["run"]
    assert any(
        "codejudge review" in s.get("run", "") and "--github" in s["run"] for s in action["runs"]["steps"]
    )
    install = next(s["run"] for s in action["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert "pytest" in install  # `args: --tests` runs pytest in the sandbox from this environment


def test_docs_warn_against_pull_request_target_with_a_head_checkout() -> None:
    text = (REPO_ROOT / "docs" / "review.md").read_text()
    assert "Do not use `pull_request_target` with a checkout of the head." in text
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text())
    assert "not on `pull_request_target`" in action["description"]
