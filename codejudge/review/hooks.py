"""Pre-push: run the tests a change touches, with pytest, inside the sandbox.

Which tests: changed test files, plus test files that import a changed module
(``import pkg.mod``, ``from pkg import mod``, ``from pkg.mod import x``; a
``src/`` layout is understood). Imports are read with ``ast``, never executed.

How they run: the sandbox (``codejudge.sandbox.get_executor``) only offers
``function``/``script``/``stdio`` jobs on the system interpreter with nothing
but ``/usr`` visible. So the job is a ``stdio`` job whose program is a small
driver: its stdin carries a zip of the project's Python files plus pytest's
own pure-Python packages, the driver unpacks them into the sandbox's private
``/work`` tmpfs and calls ``pytest.main``. It prints one JSON line (pytest's
exit code and the tail of its report); the job computes output only
(``expected=None``) and the parent reads that line. Limits: the project's
third-party dependencies are not inside the sandbox, so tests that import them
fail there with ImportError (reported as test errors, not hidden).

>>> affected_tests(Path("."), ["codejudge/review/diff.py"])    # doctest: +SKIP
['tests/review/test_diff.py']
"""

from __future__ import annotations

import ast
import base64
import functools
import importlib.util
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from codejudge.resources import program_source
from codejudge.review import diff
from codejudge.review.config import ReviewConfig
from codejudge.review.run import ReviewResult

# pytest and what it imports at run time (``py`` is its one-file shim module). Pygments is
# only used for colored output, which the driver turns off.
PYTEST_PACKAGES = ("pytest", "_pytest", "py", "pluggy", "iniconfig", "packaging")
PROJECT_FILES = ("pyproject.toml", "setup.cfg", "pytest.ini", "tox.ini")


def module_name(path: str) -> str | None:
    """``src/pkg/mod.py`` -> ``pkg.mod``; ``pkg/__init__.py`` -> ``pkg``."""
    if not path.endswith(".py"):
        return None
    parts = list(Path(path).with_suffix("").parts)
    if parts and parts[0] == "src":
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or None


def is_test_file(path: str) -> bool:
    name = Path(path).name
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def imported_modules(source: str) -> set[str]:
    """Every module a file imports, including ``pkg.mod`` for ``from pkg import mod``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def affected_tests(root: Path, changed: list[str], files: dict[str, bytes] | None = None) -> list[str]:
    """Test files (relative to ``root``) that are changed or import a changed module.

    ``files``: the project's files (path -> content); default: the work tree's.
    """
    files = project_files(root) if files is None else files
    modules = {m for m in (module_name(p) for p in changed) if m}
    picked = {p for p in changed if is_test_file(p) and p in files}
    for test in sorted(p for p in files if is_test_file(p)):
        if test in picked:
            continue
        imports = imported_modules(files[test].decode("utf-8", errors="replace"))
        # A changed package module counts for importers of anything under it, and vice versa.
        if any(i == m or i.startswith(m + ".") or m.startswith(i + ".") for i in imports for m in modules):
            picked.add(test)
    return sorted(picked)


@dataclass
class TestRun:
    """Outcome of the sandboxed pytest run (a value: failing tests are not an exception)."""

    __test__ = False

    tests: list[str]
    exit_code: int | None  # pytest's exit code; None when the sandbox job itself did not finish
    report: str = ""  # tail of pytest's report, or why the job did not finish

    @property
    def ok(self) -> bool:
        return not self.tests or self.exit_code in (0, 5)  # 5: no tests collected

    def summary(self) -> str:
        if not self.tests:
            return "codejudge: no tests affected by this change"
        state = "passed" if self.ok else f"FAILED (pytest exit {self.exit_code})"
        return f"codejudge: {len(self.tests)} affected test file(s) in the sandbox: {state}\n{self.report}"


# The sandboxed program: unpacks the zips from its stdin and runs pytest (a real module).
DRIVER_PARTS = ("review", "pytest_driver.py")


def project_files(root: Path, rev: str | None = None) -> dict[str, bytes]:
    """The project's Python and test-config files: at ``rev``, or tracked + untracked in the work tree."""
    if rev is not None:
        names = diff.git(["ls-tree", "-r", "--name-only", rev], root).splitlines()
        wanted = [p for p in names if p.endswith(".py") or p in PROJECT_FILES]
        return {p: diff.git_bytes(["show", f"{rev}:{p}"], root) for p in wanted}
    listed = diff.git(["ls-files", "--cached", "--others", "--exclude-standard"], root).splitlines()
    return {
        p: (root / p).read_bytes()
        for p in listed
        if (p.endswith(".py") or p in PROJECT_FILES) and (root / p).is_file()
    }


def _zip(entries: dict[str, bytes]) -> str:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return base64.b64encode(out.getvalue()).decode("ascii")


@functools.lru_cache(maxsize=1)
def pytest_payload() -> str:
    """pytest's own pure-Python packages, zipped and base64-encoded (built once per process)."""
    entries: dict[str, bytes] = {}
    for pkg in PYTEST_PACKAGES:
        spec = importlib.util.find_spec(pkg)
        if spec is None or spec.origin is None:
            continue
        if spec.submodule_search_locations is None:  # a single-file module
            entries[Path(spec.origin).name] = Path(spec.origin).read_bytes()
            continue
        pkg_dir = Path(spec.origin).parent
        for path in sorted(pkg_dir.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                entries[f"{pkg}/{path.relative_to(pkg_dir).as_posix()}"] = path.read_bytes()
    return _zip(entries)


def run_affected_tests(
    root: Path, changed: list[str], config: ReviewConfig, executor=None, rev: str | None = None
) -> TestRun:
    """Find the affected tests and run them with pytest in the sandbox.

    ``rev``: test the project as of this commit (pre-push) instead of the work tree.
    """
    from codejudge.sandbox import Job, Limits, get_executor
    from codejudge.types import TestCase

    files = project_files(root, rev)
    tests = affected_tests(root, changed, files)
    if not tests:
        return TestRun(tests, 0)
    stdin = json.dumps(
        {"site": pytest_payload(), "project": _zip(files), "args": config.test_command or [], "tests": tests}
    )
    job = Job(
        id="codejudge-review-tests",
        kind="stdio",
        source=program_source(*DRIVER_PARTS),
        tests=[
            TestCase(id="pytest", kind="stdio", stdin=stdin, expected=None, timeout_s=config.test_timeout_s)
        ],
    )
    limits = Limits(timeout_s=config.test_timeout_s, memory_mb=2048, workdir_mb=256, nofile=256)
    own = executor is None
    executor = executor or get_executor(config.backend)
    try:
        result = executor.run(job, limits)
    finally:
        if own:
            executor.close()
    test = result.tests[0] if result.tests else None
    if test is None or not test.passed:
        why = f"{test.status.value}: {test.exception or test.detail}" if test else result.detail
        return TestRun(tests, None, f"sandbox job did not finish: {why}\n{result.stderr[-2000:]}")
    from codejudge.values import decode

    line = str(decode(test.actual)).strip().splitlines()[-1]
    record = json.loads(line)
    return TestRun(tests, int(record["exit"]), record["report"])


def check_change(
    cwd: Path, result: ReviewResult, config: ReviewConfig, base: str | None, head: str | None
) -> tuple[str, bool]:
    """The pre-push checks after the static review: affected tests, then the judge if configured.

    Returns (report for the terminal, whether the change passes).
    """
    top = diff.repo_root(cwd) or cwd
    outcome = run_affected_tests(top, sorted(result.changes), config, rev=head)
    text, ok = outcome.summary(), outcome.ok
    if config.judge_endpoint:
        from codejudge.review import llm_judge

        message = diff.git(["log", "--format=%B", f"{base}..{head}"], top) if base and head else ""
        verdicts = llm_judge.ask_judge(result.sources, config, message.strip())
        judged, judge_ok = llm_judge.report(verdicts, config.judge_min_score)
        text, ok = f"{text}\n{judged}", ok and judge_ok
    return text, ok
