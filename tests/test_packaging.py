"""The installed wheel works as shipped, not only the checkout.

Builds the wheel, installs it into a fresh virtual environment outside the
checkout and runs the README's commands from a folder that has no repository
files in it. The venv sees this interpreter's site-packages for the heavy
dependencies (no network needed), but codejudge itself comes from the wheel:
the test checks that first, so a checkout on ``sys.path`` cannot make it pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, required_backends

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(venv bin folder, an empty working folder, environment) with the wheel installed."""
    root = tmp_path_factory.mktemp("wheel")
    wheels = root / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            str(REPO),
            "-w",
            str(wheels),
        ],
        check=True,
        cwd=root,
    )
    (wheel,) = wheels.glob("codejudge-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    bin_dir = venv / "bin"
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        check=True,
        cwd=root,
    )
    work = root / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CODEJUDGE_TAXONOMIES")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return bin_dir, work, env


def _run(installed: tuple[Path, Path, dict[str, str]], *argv: str) -> subprocess.CompletedProcess[str]:
    bin_dir, work, env = installed
    return subprocess.run(
        [str(bin_dir / "codejudge"), *argv], cwd=work, env=env, capture_output=True, text=True, timeout=600
    )


def test_codejudge_comes_from_the_wheel(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, work, env = installed
    out = subprocess.run(
        [str(bin_dir / "python"), "-c", "import codejudge; print(codejudge.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(out).is_relative_to(bin_dir.parent), f"codejudge imported from {out}, not from the venv"
    assert not Path(out).is_relative_to(REPO)


def test_rule_prints_its_doc(installed: tuple[Path, Path, dict[str, str]]) -> None:
    proc = _run(installed, "rule", "CJ701")
    assert proc.returncode == 0, proc.stderr
    assert "(CJ701)" in proc.stdout and "What it does:" in proc.stdout and "Use instead:" in proc.stdout


def test_analyze_writes_sarif(installed: tuple[Path, Path, dict[str, str]]) -> None:
    work = installed[1]
    (work / "buggy.py").write_text("def last(xs):\n    return xs[len(xs)]\n")
    proc = _run(installed, "analyze", "--output-format", "sarif", "buggy.py")
    assert proc.returncode == 1, proc.stderr  # 1 = findings
    sarif = json.loads(proc.stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["CJ702"]  # index-at-len: the taxonomy names its category
    assert any(rule["id"] == "CJ702" for rule in sarif["runs"][0]["tool"]["driver"]["rules"])


def test_sandbox_doctor_runs(installed: tuple[Path, Path, dict[str, str]]) -> None:
    proc = _run(installed, "sandbox", "doctor")
    assert "bwrap" in proc.stdout, proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_demo_evaluation_runs_from_the_wheel(installed: tuple[Path, Path, dict[str, str]]) -> None:
    from codejudge.sandbox.bwrap import check

    ok, why = check()
    if not ok and "bwrap" not in required_backends():
        pytest.skip(f"bwrap unavailable: {why}")
    proc = _run(installed, "eval", "humaneval")
    assert proc.returncode == 0, proc.stderr
    assert "pass@1: 0.600" in proc.stdout
    assert (installed[1] / "codejudge-results" / "humaneval--samples" / "eval_results.json").is_file()


def test_internal_error_is_one_line_and_exit_3(installed: tuple[Path, Path, dict[str, str]]) -> None:
    """A bug surfaces as one line naming it and where the traceback went, never a raw traceback."""
    bin_dir, work, env = installed
    code = (
        "import sys, codejudge.cli as c, codejudge.cli.rule as r\n"
        "def boom(args): raise RuntimeError('boom')\n"
        "r.run = boom\n"
        "sys.exit(c.main(['rule', 'CJ701']))\n"
    )
    proc = subprocess.run(
        [str(bin_dir / "python"), "-c", code], cwd=work, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error" in lines[0] and "RuntimeError: boom" in lines[0]
    trace = Path(lines[0].rsplit(" ", 1)[1])
    assert "Traceback" in trace.read_text()
    trace.unlink()


def test_sandbox_programs_ship_in_the_wheel(installed: tuple[Path, Path, dict[str, str]]) -> None:
    """The runner files, the Docker agent and the programs appended to candidates are package
    files of the wheel, read the way the executors read them."""
    bin_dir, work, env = installed
    code = (
        "import json\n"
        "from codejudge.sandbox.image import runner_payload\n"
        "from codejudge.evaluate.adapters import normalizer_source\n"
        "from codejudge.judge.cost import cost_job\n"
        "from codejudge.analyze.repair.job import dispatcher\n"
        "from codejudge.resources import program_source\n"
        "from codejudge.review.hooks import DRIVER_PARTS\n"
        "texts = [normalizer_source('f'), cost_job('c', '', 'f', []).source, dispatcher('', [()], 'f'),\n"
        "         program_source(*DRIVER_PARTS)]\n"
        "for t in texts: compile(t, 'program.py', 'exec')\n"
        "print(json.dumps(sorted(runner_payload())))\n"
    )
    proc = subprocess.run(
        [str(bin_dir / "python"), "-c", code], cwd=work, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["agent.py", "polyrun.py", "runner.py", "toolchains.py", "values.py"]
