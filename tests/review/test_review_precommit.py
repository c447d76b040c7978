"""The real pre-commit framework runs the hooks this repository ships, in a throwaway repo.

The static hook is used as a ``repo: local`` hook with ``language: system`` (the
installed package, no environment to build). The pre-push test hook is used
exactly as a user would: this checkout as a hook repository, ``language:
python``, so pre-commit builds its own virtualenv with ``pip install .`` plus
the hook's ``additional_dependencies``. pip runs offline against a wheelhouse
repacked from this interpreter's installed distributions (``wheelhouse.py``),
holding only what codejudge's requirements and the hook's declared
dependencies pull in; the environment does not see this interpreter's
site-packages, so an undeclared dependency is missing there as on a user's
machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from . import wheelhouse
from .conftest import GIT_ENV, Repo

REPO_ROOT = Path(__file__).resolve().parents[2]
BAD = "def last(items):\n    return items[len(items)]\n"  # off by one: IndexError on every call
GOOD = "def last(items):\n    return items[len(items) - 1]\n"


def _precommit() -> list[str]:
    exe = shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed (pip install 'codejudge[dev]')")
    return [exe]


def _env(repo: Repo) -> dict[str, str]:
    scripts = sysconfig.get_path("scripts")  # where the `codejudge` console script lives
    path = os.pathsep.join([scripts, os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    return {
        **os.environ,
        **GIT_ENV,
        "HOME": str(repo.path.parent),
        "PATH": path,
        "PRE_COMMIT_HOME": str(repo.path.parent / "pre-commit-cache"),
        "PRE_COMMIT_COLOR": "never",
    }


def _config(hook_id: str, **extra: object) -> str:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = dict(next(h for h in hooks if h["id"] == hook_id))
    hook["language"] = "system"
    hook.update(extra)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False)


@pytest.mark.slow
def test_pre_commit_hook_blocks_off_by_one_and_ignores_old_findings(repo: Repo) -> None:
    if shutil.which("codejudge", path=_env(repo)["PATH"]) is None:
        pytest.skip("the codejudge console script is not installed (pip install -e .)")
    cmd = _precommit()
    env = _env(repo)

    def git_commit(msg: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "commit", "-m", msg], cwd=repo.path, env=env, check=False, capture_output=True, text=True
        )

    # History: a file that already has the mistake, committed before the hook existed.
    repo.write("legacy.py", BAD)
    repo.write(".pre-commit-config.yaml", _config("codejudge-analyze"))
    repo.commit("legacy")
    install = subprocess.run(
        [*cmd, "install"], cwd=repo.path, env=env, check=False, capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr

    # 1. A staged file with an off-by-one: the commit is refused and the finding is shown.
    repo.write("new.py", BAD)
    repo.git("add", "new.py")
    refused = git_commit("add new")
    out = refused.stdout + refused.stderr
    assert refused.returncode == 1, out
    assert "new.py:2:" in out and "CJ702" in out
    assert "legacy.py" not in out

    # 2. The clean version passes.
    repo.write("new.py", GOOD)
    repo.git("add", "new.py")
    passed = git_commit("add new, fixed")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    # 3. Touching the legacy file elsewhere: its old finding is not reported.
    repo.write("legacy.py", "import os\n\n" + BAD)
    repo.git("add", "legacy.py")
    touched = git_commit("touch legacy")
    assert touched.returncode == 0, touched.stdout + touched.stderr
    review = subprocess.run(
        ["codejudge", "review", "--base", "HEAD~1", "--head", "HEAD"],
        cwd=repo.path,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    assert review.returncode == 0 and review.stdout.strip() == "", review.stdout + review.stderr
    # ...while the analyzer does still see it on the whole file: the silence is the diff filter's doing.
    from codejudge.analyze import analyze_source

    old = [f for f in analyze_source((repo.path / "legacy.py").read_text(), "legacy.py") if f.code == "CJ702"]
    assert [f.location.line for f in old] == [4]


def _manifest_hook(hook_id: str) -> dict:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    return next(h for h in hooks if h["id"] == hook_id)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """(this checkout as a hook repository at one commit, that commit, an offline wheelhouse)."""
    import tomllib

    root = tmp_path_factory.mktemp("hooks")
    src = root / "codejudge-hooks"
    shutil.copytree(
        REPO_ROOT / "codejudge", src / "codejudge", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO_ROOT / name, src / name)
    hook_git = Repo(src)
    hook_git.git("init", "-q", "-b", "main")
    rev = hook_git.commit("hooks")
    deps = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    wheels = root / "wheels"
    wheelhouse.build([*deps, *_manifest_hook("codejudge-test").get("additional_dependencies", [])], wheels)
    return src, rev, wheels


def _offline_pip(env: dict[str, str], wheels: Path) -> dict[str, str]:
    env = {k: v for k, v in env.items() if not k.startswith(("PIP_", "VIRTUALENV_"))}
    # pip: only the wheelhouse; build codejudge with the setuptools virtualenv seeds (no isolated build env).
    return {
        **env,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PIP_NO_BUILD_ISOLATION": "0",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


@pytest.mark.slow
@pytest.mark.bwrap
def test_pre_push_hook_as_shipped_runs_affected_tests_in_the_sandbox(
    repo: Repo, tmp_path: Path, bwrap_ok: None, hook_repo: tuple[Path, str, Path]
) -> None:
    cmd = _precommit()
    src, rev, wheels = hook_repo
    env = _offline_pip(_env(repo), wheels)
    assert _manifest_hook("codejudge-test")["language"] == "python"
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True, env=env)
    repo.git("remote", "add", "origin", str(remote))
    config = {"repos": [{"repo": str(src), "rev": rev, "hooks": [{"id": "codejudge-test", "verbose": True}]}]}
    repo.write(".pre-commit-config.yaml", yaml.safe_dump(config, sort_keys=False))
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/calc.py", "def add(a, b):\n    return a + b\n")
    repo.write(
        "tests/test_calc.py", "from pkg.calc import add\n\n\ndef test_add():\n    assert add(2, 2) == 4\n"
    )
    repo.commit("base")
    install = subprocess.run(
        [*cmd, "install", "--hook-type", "pre-push"],
        cwd=repo.path,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr

    def push() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "push", "-q", "origin", "main"],
            cwd=repo.path,
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )

    first = push()  # builds the hook's environment: pip install . pytest, offline
    assert first.returncode == 0, first.stdout + first.stderr
    # The environment pre-commit built is its own virtualenv, not this interpreter's site-packages.
    (cfg,) = Path(env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/pyvenv.cfg")
    assert "include-system-site-packages = false" in cfg.read_text()
    assert list(cfg.parent.glob("lib/python*/site-packages/pytest")), "pytest was not installed for the hook"
    # A change that no static rule flags but that breaks the importing test.
    repo.write("pkg/calc.py", "def add(a, b):\n    return a + b + 1\n")
    repo.commit("break add")
    refused = push()
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "tests/test_calc.py" in out and "assert 5 == 4" in out and "in the sandbox" in out
    assert "No module named" not in out
    repo.write("pkg/calc.py", "def add(a, b):\n    return b + a\n")
    repo.commit("fix add")
    fixed = push()
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "1 affected test file(s) in the sandbox: passed" in fixed.stdout + fixed.stderr
