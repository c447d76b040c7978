"""Tests for non-Python answers (JavaScript, C++) run inside the Python sandbox.

The sandbox runner speaks Python. For other languages the job's source is a
small Python shim that writes the program (candidate + test program) into the
sandbox's private work directory, compiles it if needed and runs it there with
the toolchain found under ``/usr`` (the only tree the bubblewrap sandbox binds).
The shim returns ``[stage, exit_status, stderr_tail]``; a test passes when the
program compiles and exits 0.

Caveat, stated plainly: the verdict is the test program's exit status, decided
*inside* the candidate's process tree (as HumanEvalPack's own harness does), not
by codejudge's trusted comparator as for Python. A hostile answer could exit 0
early; use these verdicts for benchmarks of honest answers.

>>> sorted(SUPPORTED)
['cpp', 'js']
"""

from __future__ import annotations

from codejudge.extract import assemble_program
from codejudge.sandbox.base import Executor, Job, Limits
from codejudge.sandbox.values import NotPlainData, decode, encode
from codejudge.types import ExecResult, TestCase, TestStatus

# language -> (file name, compile command or None, run command); run in the work dir.
TOOLCHAINS: dict[str, tuple[str, list[str] | None, list[str]]] = {
    "js": ("main.js", None, ["/usr/bin/node", "main.js"]),
    "cpp": ("main.cpp", ["/usr/bin/g++", "-std=c++17", "-O1", "-o", "main", "main.cpp"], ["./main"]),
}
# Not supported: Java (the JDK's configuration lives under /etc, which the sandbox
# does not bind: javac fails to start), Go (no toolchain here), Rust (the toolchain
# is outside /usr and HumanEvalPack's Rust tests need crates: rand, regex, md5).
SUPPORTED = frozenset(TOOLCHAINS)

# console.assert only logs in Node; make a failed assertion fail the program.
_JS_PRELUDE = (
    "console.assert = (cond, ...msg) => { if (!cond) { "
    "throw new Error('Assertion failed' + (msg.length ? ': ' + msg.join(' ') : '')); } };\n"
)

_SHIM = '''
def _cj_polyglot(program, filename, compile_cmd, run_cmd, timeout_s):
    import os, subprocess, tempfile
    work = tempfile.mkdtemp()
    with open(os.path.join(work, filename), "w") as fh:
        fh.write(program)
    env = {"PATH": "/usr/bin:/bin", "HOME": work, "TMPDIR": work, "LANG": "C.UTF-8"}
    if compile_cmd:
        p = subprocess.run(compile_cmd, cwd=work, env=env, capture_output=True, text=True, timeout=timeout_s)
        if p.returncode != 0:
            return ["compile", p.returncode, p.stderr[-1500:]]
    try:
        p = subprocess.run(run_cmd, cwd=work, env=env, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return ["timeout", -1, ""]
    return ["run", p.returncode, p.stderr[-1500:]]
'''

# Compilers and the JVM need far more address space than a Python test.
LIMITS = Limits(timeout_s=60.0, memory_mb=8192, nproc=256)


def polyglot_job(job_id: str, code: str, test_program: str, language: str) -> Job:
    """A sandbox job running ``code`` + ``test_program`` in ``language``; the test expects exit 0."""
    filename, compile_cmd, run_cmd = TOOLCHAINS[language]
    # The answer's own main() goes (it would redefine the test program's), missing includes come in.
    program = (_JS_PRELUDE if language == "js" else "") + assemble_program(code, language, test_program).program
    return Job(
        id=job_id,
        kind="function",
        source=_SHIM,
        entry_point="_cj_polyglot",
        tests=[TestCase(id="0", args=encode([program, filename, compile_cmd, run_cmd, 30.0]),
                        expected=None, timeout_s=60.0)],
        language="python",  # the shim is Python; the program it runs is not
    )


def run_polyglot(executor: Executor, job_id: str, code: str, test_program: str, language: str) -> ExecResult:
    """Run the tests and turn the shim's report into a pass/fail per test."""
    result = executor.run(polyglot_job(job_id, code, test_program, language), LIMITS)
    for t in result.tests:
        if t.status is not TestStatus.PASSED:
            continue  # the shim itself timed out or crashed: keep the sandbox's status
        try:
            stage, status, stderr = decode(t.actual)
        except (NotPlainData, TypeError, ValueError):
            t.status, t.detail = TestStatus.CRASHED, "malformed shim report"
            continue
        if stage == "run" and status == 0:
            continue
        t.status = TestStatus.TIMEOUT if stage == "timeout" else TestStatus.FAILED
        lines = [ln.strip() for ln in str(stderr).splitlines() if ln.strip()]
        # The telling line: node prints the source location first, the error after it.
        why = next((ln for ln in lines if "rror" in ln or "ssert" in ln), lines[0] if lines else "")
        t.exception = f"{stage} failed (exit {status}): {why[:200]}" if stage != "timeout" else None
        t.detail = str(stderr)[-500:]
    return result
