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
import re
import shutil
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


def _run(
    installed: tuple[Path, Path, dict[str, str]], *argv: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The wheel's ``codejudge *argv`` in ``cwd`` (default: the empty working folder)."""
    bin_dir, work, env = installed
    return subprocess.run(
        [str(bin_dir / "codejudge"), *argv],
        cwd=cwd or work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
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


# ---------------------------------------------------------------------------------------------
# Every README command, run by the installed wheel.
#
# ``README_RUNS`` maps each command line of README.md's code blocks (comments dropped, ``\``
# continuations joined) to what this test runs for it: the same subcommand and flags, with the
# README's placeholder files made by ``_files`` in the command's own folder and, where the README
# runs a whole dataset, ``--tasks``/``--limit`` to keep it to a few tasks. A string instead of an
# argv is the reason a command is not run here. ``test_every_readme_command_is_covered`` keeps the
# table in step with the README.

SHARED = REPO.parent / "shared" / "data"
HEP = SHARED / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz"
MBPP = SHARED / "mbppplus" / "MbppPlus-v0.2.0.jsonl.gz"
PACK = SHARED / "humanevalpack"
EVALPLUS_SAMPLES = (
    SHARED / "evalplus_samples" / "humaneval--meta-llama--Meta-Llama-3-8B-Instruct.eval_results.json"
)

README_RUNS: dict[str, list[str] | str] = {
    "codejudge eval humaneval --samples samples.jsonl --dataset HumanEvalPlus-v0.1.10.jsonl.gz": [
        *"eval humaneval --samples samples.jsonl --dataset HumanEvalPlus-v0.1.10.jsonl.gz".split(),
        *("--tasks", "HumanEval/0,HumanEval/2"),
    ],
    "codejudge eval mbpp --samples samples_dir/ --dataset MbppPlus-v0.2.0.jsonl.gz --tasks Mbpp/2,Mbpp/3": [
        *"eval mbpp --samples samples_dir/ --dataset MbppPlus-v0.2.0.jsonl.gz --tasks Mbpp/2,Mbpp/3".split()
    ],
    "codejudge eval humaneval --samples samples.jsonl --dataset HumanEvalPlus-v0.1.10.jsonl.gz --resume --out runs/he": [
        *"eval humaneval --samples samples.jsonl --dataset HumanEvalPlus-v0.1.10.jsonl.gz --resume --out runs/he".split(),
        *("--tasks", "HumanEval/0"),
    ],
    "codejudge eval humaneval --samples samples.jsonl --dataset ... --executor ray": [
        *"eval humaneval --samples samples.jsonl --dataset HumanEvalPlus-v0.1.10.jsonl.gz --executor ray".split(),
        *("--tasks", "HumanEval/0", "--workers", "1"),
    ],
    # --data: the wheel has no ../shared/data beside it (a checkout finds the team's copy there)
    "codejudge eval humanevalpack --language rust": [
        *"eval humanevalpack --language rust --data humanevalpack --tasks Rust/0".split()
    ],
    "codejudge eval humanevalpack --language go --samples samples.jsonl": [
        *"eval humanevalpack --language go --samples samples.jsonl --data humanevalpack --tasks Go/0".split()
    ],
    "codejudge sandbox doctor": ["sandbox", "doctor"],
    "codejudge sandbox run --job jobs.jsonl --out results.jsonl": [
        *"sandbox run --job jobs.jsonl --out results.jsonl".split()
    ],
    "codejudge sandbox run --backend docker --job jobs.jsonl --out results.jsonl": [
        *"sandbox run --backend docker --job jobs.jsonl --out results.jsonl".split()
    ],
    "codejudge sandbox build-image": "builds the Docker image (minutes); the test session's fixture "
    "builds it from the same assets (tests/conftest.py docker_sandbox_image)",
    "codejudge analyze src/ tests/solution.py": ["analyze", "src/", "tests/solution.py"],
    "codejudge analyze src/ --output-format sarif > codejudge.sarif": [
        "analyze",
        "src/",
        "--output-format",
        "sarif",
    ],
    "codejudge analyze solution.py --reference correct.py --min-confidence 0.5": [
        *"analyze solution.py --reference correct.py --min-confidence 0.5".split()
    ],
    "codejudge rule CJ701": ["rule", "CJ701"],
    "codejudge judge --input pairs.jsonl --out verdicts.jsonl": [
        *"judge --input pairs.jsonl --out verdicts.jsonl".split()
    ],
    "codejudge judge --input pairs.jsonl --derive statement,property": [
        *"judge --input untested.jsonl --derive statement,property --no-progress".split()
    ],
    "codejudge judge --input pairs.jsonl --mode single --out scores.jsonl": [
        *"judge --input answers.jsonl --mode single --out scores.jsonl".split()
    ],
    "codejudge eval judge --pairs rewardbench_code.jsonl --report metrics.json": [
        *"eval judge --pairs rewardbench_code.jsonl --report metrics.json --no-progress".split()
    ],
    "codejudge data synthesize --problems humanevalplus --problems-path HumanEvalPlus-v0.1.10.jsonl.gz "
    "--samples humaneval--model.eval_results.json --out data/judge": [
        *"data synthesize --problems humanevalplus --problems-path HumanEvalPlus-v0.1.10.jsonl.gz".split(),
        *"--samples humaneval--model.eval_results.json --out data/judge --limit 2".split(),
    ],
    "codejudge data import-cuf codeultrafeedback.jsonl --out data/cuf": [
        *"data import-cuf codeultrafeedback.jsonl --out data/cuf".split()
    ],
    "codejudge train --config recipes/qwen2.5-coder-1.5b.yaml --model models/Qwen2.5-Coder-1.5B-Instruct "
    "--data data/judge": "trains Qwen2.5-Coder-1.5B: needs its weights and a GPU",
    "codejudge train --config recipes/qwen2.5-coder-1.5b.yaml --stages sft dpo --dpo-pairs templated": (
        "trains Qwen2.5-Coder-1.5B: needs its weights and a GPU"
    ),
    "accelerate launch --config_file codejudge/train/accelerate/ddp.yaml -m codejudge train "
    "--config recipes/qwen2.5-coder-7b.yaml": "several GPUs",
    "codejudge review --base origin/main --output-format github": [
        *"review --base origin/main --output-format github".split()
    ],
}
# The README commands that need a model, run by ``test_readme_model_commands_run_from_the_wheel``
# with a tiny local model (codejudge.testing.tiny) at runs/judge/merged and the wheel's own
# ``codejudge serve`` as the LLM server ({url}: its address; port 0, the machine is shared).
MODEL_RUNS: dict[str, list[str]] = {
    "codejudge serve runs/judge/merged --port 8000": [
        *"serve runs/judge/merged --port 0 --model-name judge".split()
    ],
    "codejudge judge --input pairs.jsonl --llm transformers:runs/judge/merged --swap --out v.jsonl": [
        *"judge --input pairs.jsonl --llm transformers:runs/judge/merged --swap --out v.jsonl".split(),
        *("--max-tokens", "4", "--no-progress"),
    ],
    "codejudge judge --input pairs.jsonl --llm openai:http://localhost:8000/v1 --model judge --swap --out v.jsonl": [
        *"judge --input pairs.jsonl --llm openai:{url} --model judge --swap --out v.jsonl".split(),
        *("--max-tokens", "4", "--no-progress"),
    ],
    "codejudge data sample --data data/judge --llm openai:http://localhost:8000/v1 --model teacher --n 4 "
    "--out data/rise": [
        *"data sample --data data/judge --llm openai:{url} --model teacher --n 4 --out data/rise".split(),
        *("--max-new-tokens", "4", "--limit", "2"),
    ],
}
# What each run must show besides exiting as the CLI documents (0 clean, 1 findings or a failed verdict).
_EXPECT: dict[str, tuple[set[int], str]] = {
    "eval humaneval": ({0}, "pass@1"),
    "eval mbpp": ({0}, "pass@1"),
    "eval humanevalpack": ({0}, "pass@1"),
    "sandbox doctor": ({0, 1}, "bwrap"),
    "sandbox run": ({0, 1}, ""),
    "analyze": ({1}, "CJ702"),
    "rule": ({0}, "What it does:"),
    "judge": ({0}, ""),
    "eval judge": ({0}, "decided_by"),
    "data synthesize": ({0}, ""),
    "data import-cuf": ({0}, ""),
    "review": ({1}, "CJ702"),
}


def readme_commands() -> list[str]:
    """The command lines of README.md's code blocks that run codejudge."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S):
        for line in re.sub(r"\\\n\s*", " ", block).splitlines():
            line = re.split(r"\s#\s", line)[0].strip()
            if line.startswith(("codejudge ", "accelerate launch")):
                out.append(" ".join(line.split()))
    return out


def test_every_readme_command_is_covered() -> None:
    commands = readme_commands()
    assert len(commands) > 20, commands
    covered = {**README_RUNS, **MODEL_RUNS}
    assert set(commands) == set(covered), (
        f"README commands not covered: {sorted(set(commands) - set(covered))}; "
        f"entries no longer in the README: {sorted(set(covered) - set(commands))}"
    )
    for command, run in covered.items():
        if isinstance(run, list):  # the same subcommand, every README flag kept
            words = command.split()[1:]
            assert run[: len(_subcommand(run))] == words[: len(_subcommand(run))], command
            assert {w for w in words if w.startswith("--")} <= set(run), command


def _subcommand(argv: list[str]) -> list[str]:
    return argv[:2] if argv[0] in ("eval", "sandbox", "data") else argv[:1]


def _files(folder: Path, argv: list[str]) -> None:
    """The README's placeholder inputs of one command, in its folder."""
    from codejudge.resources import resource_path

    if "samples.jsonl" in argv and argv[1] == "humaneval" or "--executor" in argv:
        shutil.copy(resource_path("datasets", "humaneval-demo", "samples.jsonl"), folder / "samples.jsonl")
    for name, target in (
        ("HumanEvalPlus-v0.1.10.jsonl.gz", HEP),
        ("MbppPlus-v0.2.0.jsonl.gz", MBPP),
        ("humanevalpack", PACK),
        ("humaneval--model.eval_results.json", EVALPLUS_SAMPLES),
    ):
        if name in argv:
            if not target.exists():
                pytest.skip(f"public test data not found at {target}")
            (folder / name).symlink_to(target)
    if "samples_dir/" in argv:
        from codejudge.problems import load

        for p in load("mbppplus", MBPP):
            if p.id in ("Mbpp/2", "Mbpp/3"):
                (folder / "samples_dir" / p.id.replace("/", "_")).mkdir(parents=True)
                (folder / "samples_dir" / p.id.replace("/", "_") / "0.py").write_text(p.reference or "")
    if argv[:2] == ["eval", "humanevalpack"] and "--samples" in argv:
        from codejudge.problems.humanevalpack import load_humanevalpack

        (go0,) = [p for p in load_humanevalpack(PACK, "go") if p.id == "Go/0"]
        (folder / "samples.jsonl").write_text(
            json.dumps({"task_id": "Go/0", "solution": go0.reference}) + "\n"
        )
    if "jobs.jsonl" in argv:
        job = {"id": "j", "kind": "function", "source": "def f(x):\n    return x\n", "entry_point": "f"}
        job["tests"] = [{"id": "0", "args": [5], "expected": 5}]
        (folder / "jobs.jsonl").write_text(json.dumps(job) + "\n")
    buggy = "def last(xs):\n    return xs[len(xs)]\n"
    if argv[0] in ("analyze", "review"):
        for name in ("src/a.py", "tests/solution.py", "solution.py"):
            (folder / name).parent.mkdir(exist_ok=True)
            (folder / name).write_text(buggy)
        (folder / "correct.py").write_text("def last(xs):\n    return xs[-1]\n")
    add = {"instruction": "Add two ints.", "entry_point": "add"}
    rows = {
        "pairs.jsonl": {
            "response_a": "def add(a, b):\n    return a - b\n",
            "tests": [{"input": [1, 2], "output": 3}],
        },
        "untested.jsonl": {"response_a": "def add(a, b):\n    return a - b\n"},
        "answers.jsonl": {"tests": [{"input": [1, 2], "output": 3}]},
    }
    for name, extra in rows.items():
        if name in argv:
            row = {"id": "q1", **add, **extra}
            row["response_b" if "response_a" in row else "response"] = "def add(a, b):\n    return a + b\n"
            (folder / name).write_text(json.dumps(row) + "\n")
    if "rewardbench_code.jsonl" in argv:
        from codejudge.evaluate.pairs import humanevalpack_pairs

        rows_ = humanevalpack_pairs(PACK, ["python"])[:2]
        (folder / "rewardbench_code.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows_))
    if "codeultrafeedback.jsonl" in argv:
        shutil.copy(
            REPO / "tests" / "data" / "fixtures" / "cuf_published.jsonl", folder / "codeultrafeedback.jsonl"
        )
    if argv[0] == "review":  # a repository whose origin/main lacks the change under review
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
        subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
        (folder / "src" / "a.py").write_text("def last(xs):\n    return xs[-1]\n")
        subprocess.run([*git, "add", "-A"], cwd=folder, check=True)
        subprocess.run([*git, "commit", "-qm", "base"], cwd=folder, check=True)
        subprocess.run([*git, "remote", "add", "origin", str(folder)], cwd=folder, check=True)
        subprocess.run([*git, "fetch", "-q", "origin"], cwd=folder, check=True)
        (folder / "src" / "a.py").write_text(buggy)
        subprocess.run([*git, "commit", "-qam", "change"], cwd=folder, check=True)


_RUNNABLE = {c: r for c, r in README_RUNS.items() if isinstance(r, list)}


@pytest.mark.parametrize("command", sorted(_RUNNABLE))
def test_readme_command_runs_from_the_wheel(
    installed: tuple[Path, Path, dict[str, str]], tmp_path: Path, command: str
) -> None:
    argv = _RUNNABLE[command]
    backend = argv[argv.index("--backend") + 1] if "--backend" in argv else "bwrap"
    needs_sandbox = argv[0] in ("eval", "judge", "data") or argv[:2] == ["sandbox", "run"]
    if needs_sandbox:
        _need_backend(backend)
    if "--executor" in argv:
        pytest.importorskip("ray")
    _files(tmp_path, argv)
    proc = _run(installed, *argv, cwd=tmp_path)
    codes, shown = _EXPECT[" ".join(_subcommand(argv))]
    assert proc.returncode in codes, f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    assert shown in proc.stdout + proc.stderr, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr[-3000:]
    for out in ("--out", "--report"):
        if out in argv:
            assert (tmp_path / argv[argv.index(out) + 1]).exists(), f"{out} not written"


def _need_backend(name: str) -> None:
    if name == "docker":
        from codejudge.sandbox.docker import check as docker_check

        ok, why = docker_check()
    else:
        from codejudge.sandbox.bwrap import check

        ok, why = check()
    if not ok and name not in required_backends():
        pytest.skip(f"{name} unavailable: {why}")


def test_readme_model_commands_run_from_the_wheel(
    installed: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    """serve, judge with an LLM (in-process and over HTTP) and data sample, on a tiny CPU model."""
    pytest.importorskip("transformers")
    _need_backend("bwrap")
    from codejudge.testing.tiny import build_tiny_model, teach_reply

    bin_dir, _, env = installed
    model = tmp_path / "runs" / "judge" / "merged"
    teach_reply(build_tiny_model(model), "[[A]]")
    _files(tmp_path, ["judge", "--input", "pairs.jsonl"])

    def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return _run(installed, *argv, cwd=tmp_path)

    synth = run("data synthesize --problems toy:2 --out data/judge".split())  # data sample's input
    assert synth.returncode == 0, synth.stderr[-3000:]
    runs = {c.split()[1] + (" http" if "openai:" in c else ""): argv for c, argv in MODEL_RUNS.items()}
    proc = run(runs["judge"])
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert all(json.loads(line)["winner"] for line in (tmp_path / "v.jsonl").read_text().splitlines())
    server = subprocess.Popen(
        [str(bin_dir / "codejudge"), *runs["serve"]], cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        assert line.startswith("serving judge at http://127.0.0.1:"), line
        url = line.split(" at ")[1].split()[0]
        (tmp_path / "v.jsonl").unlink()
        proc = run([a.replace("{url}", url) for a in runs["judge http"]])
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert (tmp_path / "v.jsonl").read_text().strip()
        proc = run([a.replace("{url}", url) for a in runs["data http"]])
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert (tmp_path / "data" / "rise").is_dir()
    finally:
        server.terminate()
        server.wait(timeout=30)
