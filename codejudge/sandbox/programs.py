"""Program jobs: tests in JavaScript, C++, Java, Go and Rust, with verdicts decided outside.

A ``Job(kind="program", language=L)`` holds the candidate (``source``: the
solution file, already assembled with its imports) and tests of two kinds:

- ``call``: ``script`` is the expression the test program evaluates where the
  marker ``@@cj_emit(<id>)@@`` stands in ``Job.test_program``; the harness
  writes only its value, and the parent compares it with ``expected`` (tagged)
  using the trusted comparator (``Job.equality``, default "exact": plain
  ``==`` on the decoded values, as the language's own ``==``/``equals`` would;
  ``atol`` for a float tolerance; ``oracle`` for special checks).
  ``verdict_source`` = "outputs".
- ``exit``: ``Job.residual_program`` (the assertions that could not be turned
  into outputs) runs as it is; the test passes when it ends with status 0 *and*
  reaches its end (a nonce-stamped end marker, so an early ``exit(0)`` fails).
  ``expected`` = ``encode({"exit": 0, "completed": True})``; ``verdict_source``
  = "exit_status" (decided in the candidate's process: weaker, reported as such).
- ``stdio``: the candidate is a whole program (its own ``main``; JavaScript: top-level
  code) reading standard input. It is built once (``harness.render_program``, the
  build cache applies) and started once per test with ``stdin`` as its input, each
  under its own time limit; the parent compares what it printed with ``expected``
  (``compare.stdout_matches`` with ``Job.normalizer``, as for Python's stdio jobs), or
  takes it as it is when the job is compute-only. A non-zero exit status is an
  ``error`` naming it, a signal a crash. ``verdict_source`` = "outputs". A job's
  ``stdio`` tests cannot be mixed with ``call``/``exit`` tests (one is the program, the
  other a test program around a function).

Each program is compiled in the sandbox (``polyrun.py``: untrusted code is
compiled only there) under build limits, the artifact comes back and is cached
by content hash (plus the toolchain's identity), and runs in a fresh sandbox
under the job's limits (raised to the language's floors). The expected values
never enter the sandbox.

>>> job = Job(id="j", kind="program", language="js", source="const f = (x) => x * 2;",
...           tests=[TestCase(id="0", kind="call", script="f(2)", expected=encode(4))],
...           test_program="@@cj_emit(0)@@;")
>>> get_executor("bwrap").run(job, Limits()).passed                     # doctest: +SKIP
True
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from codejudge.errors import ConfigError, SandboxError, ToolchainMissing
from codejudge.sandbox import harness, protocol
from codejudge.sandbox.base import Job, Limits, RawOutcome
from codejudge.sandbox.toolchains import LANGUAGES as TOOLCHAINS
from codejudge.types import ExecResult, TestCase, TestResult, TestStatus
from codejudge.values import encode

SCRIPT = "polyrun.py"
EXIT_EXPECTED = encode({"exit": 0, "completed": True})
STARTUP_S = 2.0  # sandbox + supervisor start, on top of the program's own
_TEST_KINDS = ("call", "exit", "stdio")


@dataclass
class ProgramHost:
    """What a backend tells the program path: where support files are, what its toolchain is.

    ``ensure(language)`` makes the language runnable (builds or checks the support files)
    or raises ``ToolchainMissing`` naming the fix; ``fingerprint(language)`` identifies the
    toolchain, so a cached build is reused only by the same compiler and runtime.
    """

    backend: str
    lib_dir: str
    ensure: Callable[[str], None]
    fingerprint: Callable[[str], str]


# -- limits -------------------------------------------------------------------------------


def build_limits(limits: Limits, language: str) -> Limits:
    """Compilers need more than a test: memory, threads, files, a bigger scratch tmpfs."""
    tc = TOOLCHAINS[language]
    return dataclasses.replace(
        limits,
        memory_mb=max(limits.memory_mb, tc.build_memory_mb),
        nproc=max(limits.nproc, tc.nproc),
        nofile=max(limits.nofile, 512),
        fsize_mb=max(limits.fsize_mb, 128),
        workdir_mb=max(limits.workdir_mb, 512),
        workdir_inodes=max(limits.workdir_inodes, 65536),
        output_bytes=max(limits.output_bytes, 64 * 1024),
        result_bytes=max(limits.result_bytes, 64 * 1024 * 1024),
        job_timeout_s=harness.BUILD_TIMEOUT_S + 10,
    )


def run_limits(limits: Limits, language: str) -> Limits:
    """The job's limits, raised to what the language's runtime needs to start at all."""
    tc = TOOLCHAINS[language]
    return dataclasses.replace(
        limits,
        memory_mb=max(limits.memory_mb, tc.run_memory_mb),
        nproc=max(limits.nproc, tc.nproc),
        nofile=max(limits.nofile, 128),
    )


# -- build cache --------------------------------------------------------------------------


@dataclass
class Build:
    ok: bool
    artifact: bytes = b""
    diag: str = ""
    seconds: float = 0.0  # compile time in the sandbox (0 when from the cache)
    cached: bool = False


class BuildCache:
    """Builds by content hash: in memory (bounded), and on disk when ``CODEJUDGE_BUILD_CACHE`` names a folder.

    The same source compiled twice (both orders of a pair, the same answer in two runs)
    compiles once. Artifacts are untrusted binaries: they are only ever run in a sandbox.
    """

    def __init__(self, max_bytes: int = 512 << 20, disk: str | None = None) -> None:
        self.max_bytes = max_bytes
        self.disk = Path(disk) if disk else None
        self._mem: OrderedDict[str, Build] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._key_locks: dict[str, threading.Lock] = {}
        self.hits = self.misses = 0

    def key_lock(self, key: str) -> threading.Lock:
        with self._lock:
            return self._key_locks.setdefault(key, threading.Lock())

    def get(self, key: str) -> Build | None:
        with self._lock:
            build = self._mem.get(key)
            if build is not None:
                self._mem.move_to_end(key)
                self.hits += 1
                return dataclasses.replace(build, cached=True)
        if self.disk is not None:
            path = self.disk / key[:2] / key
            try:
                meta = json.loads(path.with_suffix(".json").read_text())
                art = path.read_bytes() if meta["ok"] else b""
            except (OSError, ValueError, KeyError):
                return None
            build = Build(ok=meta["ok"], artifact=art, diag=meta.get("diag", ""), cached=True)
            self.put(key, build, disk=False)
            with self._lock:
                self.hits += 1
            return build
        return None

    def put(self, key: str, build: Build, disk: bool = True) -> None:
        with self._lock:
            if key in self._mem:
                self._size -= len(self._mem.pop(key).artifact)
            self._mem[key] = build
            self._size += len(build.artifact)
            while self._size > self.max_bytes and len(self._mem) > 1:
                self._size -= len(self._mem.popitem(last=False)[1].artifact)
        if disk and self.disk is not None:
            path = self.disk / key[:2] / key
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(build.artifact)
            os.replace(tmp, path)
            path.with_suffix(".json").write_text(json.dumps({"ok": build.ok, "diag": build.diag}))


CACHE = BuildCache(disk=os.environ.get("CODEJUDGE_BUILD_CACHE") or None)


# -- one program --------------------------------------------------------------------------


def _records(raw: RawOutcome) -> list[dict]:
    out = []
    for line in raw.stdout.split(b"\n")[:-1]:
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if type(rec) is dict:
            out.append(rec)
    return out


def _special(raw: RawOutcome, host: ProgramHost, language: str) -> dict | None:
    """A ``__missing__`` (toolchain absent) raises; a ``__forged__`` record is returned."""
    for rec in _records(raw):
        if rec.get("id") == "__missing__" or (rec.get("id") == "__build__" and rec.get("missing")):
            raise ToolchainMissing(
                language, host.backend, str(rec.get("diag"))[:300], _fix(language, host.backend)
            )
        if rec.get("id") == "__forged__":
            return rec
    return None


def _fix(language: str, backend: str) -> str:
    apt = TOOLCHAINS[language].apt
    if backend == "docker":
        return (
            f"rebuild the sandbox image with the toolchains (codejudge sandbox build-image); the offline build "
            f"copies them from this machine, so first: apt-get install --no-install-recommends {apt}"
        )
    return f"apt-get install --no-install-recommends {apt}"


def build(
    spec: harness.ProgramSpec, limits: Limits, exec_one, host: ProgramHost, cache: BuildCache = CACHE
) -> Build:
    """Compile ``spec`` in the sandbox (or take it from the cache)."""
    key = hashlib.sha256((host.fingerprint(spec.language) + "\0" + spec.cache_key()).encode()).hexdigest()
    with cache.key_lock(key):  # one compile per content, however many threads ask
        hit = cache.get(key)
        if hit is not None:
            return hit
        cache.misses += 1
        blimits = build_limits(limits, spec.language)
        stdin = json.dumps(
            {
                "action": "build",
                "files": spec.files,
                "steps": spec.steps,
                "collect": spec.collect,
                "diag_bytes": 16384,
            }
        ).encode()
        raw = exec_one(
            stdin, float(blimits.job_timeout_s or harness.BUILD_TIMEOUT_S), 0, limits=blimits, script=SCRIPT
        )
        _special(raw, host, spec.language)
        rec = next((r for r in _records(raw) if r.get("id") == "__build__"), None)
        if rec is None:
            why = "timed out" if raw.timed_out else "crashed" if not raw.oom_killed else "ran out of memory"
            err = raw.stderr.decode("utf-8", "replace")[-2000:]
            return Build(
                ok=False, diag=f"the compiler {why} ({err.strip() or 'no output'})", seconds=raw.duration_s
            )
        if rec.get("ok") is True:
            try:
                art = base64.b64decode(rec.get("artifact", ""), validate=True)
            except ValueError as exc:
                raise SandboxError(f"malformed build artifact: {exc}") from exc
            result = Build(ok=True, artifact=art, seconds=float(rec.get("dur") or raw.duration_s))
        else:
            result = Build(
                ok=False, diag=str(rec.get("diag", ""))[-16384:], seconds=float(rec.get("dur") or 0.0)
            )
            if rec.get("timeout"):
                result.diag = "the compiler timed out\n" + result.diag
                return result  # not cached: may pass on a quieter machine
        cache.put(key, result)
        return result


def _first_error(diag: str) -> str:
    lines = [ln.strip() for ln in diag.splitlines() if ln.strip()]
    for ln in lines:
        if "error" in ln.lower():
            return ln[:300]
    return lines[0][:300] if lines else "compilation failed"


def _compile_failed(tests: list[TestCase], build_: Build, source: str) -> list[TestResult]:
    message = "CompileError: " + _first_error(build_.diag)
    return [
        TestResult(
            id=t.id,
            status=TestStatus.ERROR,
            expected=t.expected,
            exception=message,
            detail=build_.diag[-2000:],
            group=t.group,
            verdict_source=source,
        )
        for t in tests
    ]


def _run_one(
    job: Job,
    spec: harness.ProgramSpec,
    artifact: bytes,
    tests: list[TestCase],
    exit_test: TestCase | None,
    limits: Limits,
    exec_one,
    host: ProgramHost,
    backend: str,
) -> ExecResult:
    rlimits = run_limits(limits, spec.language)
    timeouts = [float(t.timeout_s or limits.timeout_s) for t in tests]
    exit_timeout = float(exit_test.timeout_s or limits.timeout_s) if exit_test else 0.0
    wall = STARTUP_S + spec.startup_s + sum(timeouts) + exit_timeout
    if limits.job_timeout_s is not None:
        wall = max(wall, float(limits.job_timeout_s))
    payload = {
        "action": "run",
        "argv": spec.argv,
        "env": spec.env,
        "output_bytes": limits.output_bytes,
        "tests": [{"id": t.id, "timeout_s": s} for t, s in zip(tests, timeouts)],
        "startup_s": spec.startup_s,
        "exit_test": exit_test.id if exit_test else None,
        "exit_timeout_s": exit_timeout + spec.startup_s,
    }
    if artifact:
        payload["artifact"] = base64.b64encode(artifact).decode("ascii")
    else:  # nothing compiled: the sources are the program
        payload["files"] = spec.files
    stdin = json.dumps(payload).encode()
    sub = dataclasses.replace(job, kind="program", tests=tests + ([exit_test] if exit_test else []))
    raws = []
    for seed in job.seeds:
        raw = exec_one(stdin, wall, seed, limits=rlimits, script=SCRIPT)
        forged = _special(raw, host, spec.language)
        if forged is not None:
            detail = f"forged record on the result channel: {str(forged.get('why'))[:200]}"
            return ExecResult(
                job_id=job.id,
                tests=[
                    TestResult(
                        id=t.id, status=TestStatus.CRASHED, expected=t.expected, detail=detail, group=t.group
                    )
                    for t in sub.tests
                ],
                stderr=raw.stderr.decode("utf-8", "replace"),
                duration_s=raw.duration_s,
                backend=backend,
                detail=detail,
            )
        raws.append(raw)
    return protocol.parse(sub, rlimits, raws, backend)


def _split(job: Job) -> tuple[list[TestCase], list[TestCase], list[TestCase]]:
    calls: list[TestCase] = []
    exits: list[TestCase] = []
    stdio: list[TestCase] = []
    for t in job.tests:
        if t.kind not in _TEST_KINDS:
            raise ConfigError(
                f"program job {job.id}: test {t.id} has kind {t.kind!r}; use one of: {', '.join(_TEST_KINDS)}"
            )
        {"call": calls, "exit": exits, "stdio": stdio}[t.kind].append(t)
    if stdio and (calls or exits):
        raise ConfigError(
            f"program job {job.id}: 'stdio' tests run the source as a whole program; they cannot be "
            "mixed with 'call' or 'exit' tests (use two jobs)"
        )
    if len(exits) > 1:
        raise ConfigError(
            f"program job {job.id}: at most one 'exit' test (the residual program), got {len(exits)}"
        )
    if calls and not job.test_program:
        raise ConfigError(
            f"program job {job.id}: 'call' tests need the job's test_program with their markers"
        )
    if exits and not job.residual_program:
        raise ConfigError(f"program job {job.id}: an 'exit' test needs the job's residual_program")
    return calls, exits, stdio


def _run_stdio(
    job: Job, tests: list[TestCase], limits: Limits, exec_one, backend: str, host: ProgramHost
) -> ExecResult:
    """The answer's own program, built once, started once per test on that test's stdin."""
    start = time.monotonic()
    rlimits = run_limits(limits, job.language)
    spec = harness.render_program(job.language, job.source, host.lib_dir, rlimits.memory_mb)
    artifact = b""
    if spec.steps:
        built = build(spec, limits, exec_one, host)
        if not built.ok:
            return ExecResult(
                job_id=job.id,
                tests=_compile_failed(tests, built, "outputs"),
                stderr=built.diag[-4000:],
                duration_s=time.monotonic() - start,
                backend=backend,
            )
        artifact = built.artifact
    timeouts = [float(t.timeout_s or limits.timeout_s) for t in tests]
    wall = STARTUP_S + sum(s + spec.startup_s + 0.6 for s in timeouts)  # + the pipes' grace per test
    if limits.job_timeout_s is not None:
        wall = max(wall, float(limits.job_timeout_s))
    payload: dict = {
        "action": "stdio",
        "argv": spec.argv,
        "env": spec.env,
        "output_bytes": limits.output_bytes,
        "tests": [{"id": t.id, "timeout_s": s, "stdin": t.stdin or ""} for t, s in zip(tests, timeouts)],
        "startup_s": spec.startup_s,
    }
    if artifact:
        payload["artifact"] = base64.b64encode(artifact).decode("ascii")
    else:  # nothing compiled: the sources are the program
        payload["files"] = spec.files
    stdin = json.dumps(payload).encode()
    raws = []
    for seed in job.seeds:
        raw = exec_one(stdin, wall, seed, limits=rlimits, script=SCRIPT)
        _special(raw, host, job.language)  # a missing runtime raises; no nonce channel to forge here
        raws.append(raw)
    res = protocol.parse(dataclasses.replace(job, tests=tests), rlimits, raws, backend)
    for r in res.tests:
        r.verdict_source = "outputs"
    res.duration_s = time.monotonic() - start
    return res


def run_program_job(job: Job, limits: Limits, exec_one, backend: str, host: ProgramHost | None) -> ExecResult:
    """Build and run ``job`` (kind "program") with a backend's ``exec_one``; decide every verdict here."""
    if host is None:
        raise ConfigError(f"backend '{backend}' cannot run program jobs")
    language = job.language
    if language not in harness.LANGUAGES:
        raise ConfigError(
            f"program job {job.id}: language {language!r} is not one of "
            f"{', '.join(harness.LANGUAGES)} (Python runs as 'function' or 'script' jobs)"
        )
    calls, exits, stdio = _split(job)
    host.ensure(language)
    if stdio:
        return _run_stdio(job, stdio, limits, exec_one, backend, host)
    start = time.monotonic()
    results: dict[str, TestResult] = {}
    stdout, stderr, details = [], [], []
    parts: list[tuple[str, list[TestCase], TestCase | None, str]] = []
    if calls:
        parts.append((job.test_program or "", calls, None, "outputs"))  # checked by _split
    if exits:
        parts.append((job.residual_program or "", [], exits[0], "exit_status"))
    rmem = run_limits(limits, language).memory_mb
    for program, tests, exit_test, source in parts:
        spec = harness.render(
            language, job.source, program, {t.id: t.script or "" for t in tests}, host.lib_dir, rmem
        )
        artifact = b""
        if spec.steps:
            built = build(spec, limits, exec_one, host)
            if not built.ok:
                for r in _compile_failed(tests + ([exit_test] if exit_test else []), built, source):
                    results[r.id] = r
                stderr.append(built.diag[-4000:])
                continue
            artifact = built.artifact
        res = _run_one(job, spec, artifact, tests, exit_test, limits, exec_one, host, backend)
        for r in res.tests:
            r.verdict_source = source
            results[r.id] = r
        stdout.append(res.stdout)
        stderr.append(res.stderr)
        if res.detail:
            details.append(res.detail)
    ordered = [results[t.id] for t in job.tests]
    return ExecResult(
        job_id=job.id,
        tests=ordered,
        stdout="".join(stdout)[: limits.output_bytes],
        stderr="".join(stderr)[-limits.output_bytes :],
        duration_s=time.monotonic() - start,
        backend=backend,
        detail="; ".join(details),
    )
