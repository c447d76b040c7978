"""In-sandbox supervisor for programs in other languages: builds them, runs them, relays outputs only.

Started inside the sandbox as ``python3 -s -B /cj/polyrun.py`` (like ``runner.py``;
standard library only) with one JSON object on stdin:

    {"action": "build", "files": {path: text}, "steps": [{"argv", "env", "timeout_s"}],
     "collect": [dir, ...], "diag_bytes": 16384}
    {"action": "run", "artifact": "<base64 tar>", "files": {...}, "argv": [...], "env": {...},
     "tests": [{"id", "timeout_s"}], "startup_s": 2.0, "exit_test": id | null, "output_bytes": N}
    {"action": "stdio", "artifact": ..., "files": ..., "argv": [...], "env": {...},
     "tests": [{"id", "timeout_s", "stdin"}], "startup_s": 0.5, "output_bytes": N}

Build: writes the sources, runs the compiler steps (untrusted code is compiled only here) and
reports one ``__build__`` record: the packed artifact, or the compiler's diagnostics.

Run: starts the program with fd 3 = a pipe for its records and fd 4 = a pipe holding a nonce
drawn now (unknown when the program was compiled); stdout and stderr are drained with caps,
so the candidate's prints never reach the result channel. The program's test runtime writes
``<nonce> {"id": ..., "v": <tagged value>}`` per test; this process checks every line (the
nonce, a known test id) and re-emits it in the runner's record format on its own stdout,
the result channel. A line with another nonce ends the job as forged (the parent marks every
test crashed). A per-test watchdog turns a test that runs past its time into ``timeout`` records.
When the program dies without reporting every test, this process exits the way it did (same
signal, or its exit code), so the parent attributes the missing tests exactly as for Python.
The verdicts are decided in the parent; expected outputs never come here.

Stdio: the answer is a whole program reading stdin. It starts once per test, in its own process
group, with that test's input as stdin (a file already unlinked: reading past its end gives EOF at
once), its own time limit (plus the runtime's start), stdout and stderr drained with caps. Each
test's record is what it printed (``value``: the stdout text) when it exited with status 0, else
the exit status (``error``), the signal (``signal``), ``timeout`` or ``output_limit``. The program
never sees this process's stdout, so its prints cannot reach the result channel.
"""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import selectors
import signal
import subprocess
import sys
import tarfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from toolchains import resolve  # noqa: E402

del sys.path[0]

RESERVED = ("__setup__",)


def _nondumpable() -> None:
    """Other processes of this uid (the candidate) may not ptrace us or open /proc/<pid>/fd/1."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except (ImportError, OSError, AttributeError):
        pass  # best effort: records are still checked for the nonce and exactly-once ids


def _emit(rec: dict) -> None:
    data = (json.dumps(rec, separators=(",", ":")) + "\n").encode()
    view = memoryview(data)
    while view:
        view = view[os.write(1, view) :]


def _argv(argv: list[str]) -> list[str]:
    """``@tool`` (or ``flag=@tool``) names resolve to the toolchain here (the sandbox's own /usr)."""
    out = []
    for arg in argv:
        head, at, tool = arg.rpartition("@") if (arg.startswith("@") or "=@" in arg) else ("", "", "")
        if at:
            path = resolve(tool)
            if path is None:
                raise FileNotFoundError(f"{tool} is not installed in this sandbox")
            arg = head + path
        out.append(arg)
    return out


def _write_files(base: str, files: dict) -> None:
    for rel, text in files.items():
        path = os.path.normpath(os.path.join(base, rel))
        if not path.startswith(base + os.sep):
            raise ValueError(f"file outside the work dir: {rel}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)


def _run_capped(
    argv: list[str], env: dict, cwd: str, timeout: float, cap: int
) -> tuple[int | None, bytes, bool]:
    """Run a build step: (exit code or None on timeout, combined output tail, timed out)."""
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        close_fds=True,
    )
    out = bytearray()
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        events = sel.select(min(left, 0.5))
        if not events and proc.poll() is not None:
            break
        for _ in events:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                sel.unregister(fd)
                break
            out += chunk
            if len(out) > 4 * cap:
                del out[: len(out) - cap]
        if not sel.get_map():
            break
    sel.close()
    _kill(proc)
    rc = None if timed_out else proc.wait()
    return rc, bytes(out[-cap:]), timed_out


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass


def build(spec: dict) -> None:
    base = os.path.abspath(spec.get("dir") or "build")
    os.makedirs(base, exist_ok=True)
    _write_files(base, spec.get("files", {}))
    cap = int(spec.get("diag_bytes", 16384))
    t0 = time.monotonic()
    for step in spec.get("steps", []):
        try:
            argv = _argv(step["argv"])
        except FileNotFoundError as exc:
            _emit({"id": "__build__", "ok": False, "missing": True, "diag": str(exc)})
            return
        env = {k: str(v).replace("{dir}", base) for k, v in step.get("env", {}).items()}
        rc, out, timed_out = _run_capped(
            argv, env, os.path.join(base, step.get("cwd", "")), float(step.get("timeout_s", 60.0)), cap
        )
        if rc != 0:
            diag = out.decode("utf-8", "replace")
            _emit(
                {
                    "id": "__build__",
                    "ok": False,
                    "rc": rc,
                    "timeout": timed_out,
                    "diag": diag,
                    "dur": round(time.monotonic() - t0, 3),
                }
            )
            return
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", compresslevel=1) as tar:
        for rel in spec.get("collect", []):
            tar.add(os.path.join(base, rel), arcname=rel)
    _emit(
        {
            "id": "__build__",
            "ok": True,
            "artifact": base64.b64encode(buf.getvalue()).decode("ascii"),
            "dur": round(time.monotonic() - t0, 3),
        }
    )


def _unpack(data: str, dest: str) -> None:
    with tarfile.open(fileobj=io.BytesIO(base64.b64decode(data)), mode="r:gz") as tar:
        for member in tar.getmembers():
            if (
                member.name.startswith(("/", ".."))
                or ".." in member.name.split("/")
                or not (member.isfile() or member.isdir())
            ):
                raise ValueError(f"unexpected artifact entry {member.name!r}")
        tar.extractall(dest)


class Relay:
    """Checks the program's records and re-emits them; tracks what is still missing."""

    def __init__(self, spec: dict, nonce: str) -> None:
        self.prefix = nonce.encode() + b" "
        self.tests = [str(t["id"]) for t in spec.get("tests", [])]
        self.timeouts = {str(t["id"]): float(t.get("timeout_s") or 3.0) for t in spec.get("tests", [])}
        self.exit_test = spec.get("exit_test")
        self.exit_timeout = float(spec.get("exit_timeout_s") or 3.0)
        self.known = set(self.tests) | {"__end__", *RESERVED}
        self.seen: set[str] = set()
        self.pending = b""
        self.ended = False
        self.forged = ""
        self.outbox: list[dict] = []

    def feed(self, chunk: bytes) -> None:
        lines = (self.pending + chunk).split(b"\n")
        self.pending = lines.pop()
        if len(self.pending) > (16 << 20):
            self.forged = "a record line over 16 MiB"
        for line in lines:
            if not self.forged:
                self.line(line)

    def line(self, line: bytes) -> None:
        if not line.startswith(self.prefix):
            self.forged = "a record without this run's nonce"
            return
        try:
            rec = json.loads(line[len(self.prefix) :])
            rid = rec.get("id") if type(rec) is dict else None
        except (ValueError, RecursionError):
            rid = None
        if type(rid) is not str or rid not in self.known:
            self.forged = f"a malformed record ({line[len(self.prefix) :][:60]!r})"
            return
        if rid == "__end__":
            self.ended = True
            return
        out: dict = {"id": rid, "dur": rec.get("t") if type(rec.get("t")) in (int, float) else 0.0}
        if "v" in rec:
            out["value"] = rec["v"]
        elif "e" in rec and type(rec["e"]) is dict:
            out["error"] = {
                "type": str(rec["e"].get("type"))[:200],
                "message": str(rec["e"].get("message"))[:2000],
                "line": None,
                "in_library": False,
            }
        elif rec.get("m") == 1:
            out["memory"] = True
        elif "u" in rec:
            out["unserializable"] = str(rec["u"])[:200]
        else:
            self.forged = f"a record without an outcome for test {rid!r}"
            return
        self.seen.add(rid)
        # Held until the program is done: output past the cap voids every test (see run), and a
        # duplicate passes through so that the parent marks the whole job crashed.
        self.outbox.append(out)

    def flush(self) -> None:
        for out in self.outbox:
            _emit(out)
        self.outbox.clear()

    def next_timeout(self) -> float:
        for t in self.tests:
            if t not in self.seen:
                return self.timeouts[t]
        return self.exit_timeout

    def missing(self) -> list[str]:
        return [t for t in self.tests if t not in self.seen]


def run(spec: dict) -> None:
    base = os.path.abspath(spec.get("dir") or "prog")
    os.makedirs(base, exist_ok=True)
    if spec.get("artifact"):
        _unpack(spec["artifact"], base)
    _write_files(base, spec.get("files", {}))
    nonce = os.urandom(16).hex()
    relay = Relay(spec, nonce)
    # The program sees its records pipe as fd 3 and the nonce as fd 4, nothing else of ours.
    # Our ends first go high, so that 3 and 4 are free (os.pipe hands out the lowest numbers).
    ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100) for fd in (*os.pipe(), *os.pipe())]
    for fd in range(3, 100):
        if fd not in ends:
            try:
                os.close(fd)
            except OSError:
                pass
    rec_r, rec_w, key_r, key_w = ends
    os.write(key_w, nonce.encode() + b"\n")  # 33 bytes: fits the pipe buffer, no reader needed yet
    os.close(key_w)
    os.dup2(rec_w, 3)
    os.dup2(key_r, 4)
    os.close(rec_w)
    os.close(key_r)
    try:
        argv = _argv(spec["argv"])
    except FileNotFoundError as exc:
        _emit({"id": "__missing__", "diag": str(exc)})
        return
    proc = subprocess.Popen(
        argv,
        cwd=os.path.join(base, spec.get("cwd", "")),
        env=spec.get("env", {}),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=(3, 4),
        start_new_session=True,
    )
    os.close(3)
    os.close(4)
    cap = int(spec.get("output_bytes", 65536))
    assert proc.stdout is not None and proc.stderr is not None
    streams: dict[int, list] = {proc.stdout.fileno(): ["out", 0], proc.stderr.fileno(): ["err", 0]}
    err_tail = bytearray()
    sel = selectors.DefaultSelector()
    for fd in [rec_r, *streams]:
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ)
    start = time.monotonic()
    deadline = start + float(spec.get("startup_s", 2.0)) + relay.next_timeout()
    seen_before = 0
    why = ""  # "timeout" | "output" | "forged"
    while sel.get_map():
        now = time.monotonic()
        if len(relay.seen) != seen_before:  # a test finished: the next one gets its own budget
            seen_before = len(relay.seen)
            deadline = now + relay.next_timeout()
        if now >= deadline:
            why = "timeout"
            break
        for key, _ in sel.select(min(deadline - now, 0.5)):
            try:
                chunk = os.read(key.fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                sel.unregister(key.fd)
                continue
            if key.fd == rec_r:
                relay.feed(chunk)
                if relay.forged:
                    why = "forged"
            else:
                stream = streams[key.fd]
                stream[1] += len(chunk)
                if stream[0] == "err":
                    err_tail += chunk
                    del err_tail[: max(0, len(err_tail) - 4096)]
                if stream[1] > cap:
                    why = "output"
        if why:
            break
    sel.close()
    if why:
        _kill(proc)
    else:
        try:
            rc_wait = max(deadline - time.monotonic(), 0.05)
            proc.wait(timeout=rc_wait)
        except subprocess.TimeoutExpired:
            why = "timeout"
            _kill(proc)
    status = proc.wait()
    _kill(proc)  # whatever it left in its process group
    if err_tail:
        os.write(2, bytes(err_tail[-4096:]))
    if why == "output":
        # Every test, not only those still missing: a runtime may write stdout asynchronously
        # (Node.js on a pipe), so a flood can reach us after the record of the test that wrote
        # it, and no byte can be attributed to one test.
        for t in relay.tests:
            _emit({"id": t, "output_limit": True, "dur": 0.0})
        if relay.exit_test:
            _emit({"id": relay.exit_test, "output_limit": True, "dur": 0.0})
        return
    relay.flush()
    if why == "forged":
        _emit({"id": "__forged__", "why": relay.forged})
        return
    missing = relay.missing()
    if why == "timeout":
        for t in missing:
            _emit({"id": t, "timeout": True, "dur": 0.0})
        if relay.exit_test:
            _emit({"id": relay.exit_test, "timeout": True, "dur": 0.0})
        return
    if relay.exit_test:
        value = {"$dict": [["exit", status], ["completed", relay.ended]]}
        _emit({"id": relay.exit_test, "value": value, "dur": round(time.monotonic() - start, 6)})
    if missing:
        sys.stdout.flush()
        if status < 0:  # die the way the program died: the parent attributes it (SIGXCPU = timeout...)
            signal.signal(-status, signal.SIG_DFL)
            os.kill(os.getpid(), -status)
            time.sleep(1)
        os._exit(min(max(status, 1), 125))


def _stdio_one(argv: list[str], env: dict, cwd: str, data: bytes, limit: float, cap: int) -> dict:
    """Run the program once on ``data``: its record (see the module doc)."""
    path = os.path.abspath("cj_stdin")
    with open(path, "wb") as fh:
        fh.write(data)
    stdin_fd = os.open(path, os.O_RDONLY)
    os.unlink(path)  # the program gets the open file only
    t0 = time.monotonic()
    usage: list = []  # the kernel's rusage of the program, from wait4 (Popen.wait drops it)
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=stdin_fd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            close_fds=True,
        )
    finally:
        os.close(stdin_fd)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = bytearray(), bytearray()
    bufs = {proc.stdout.fileno(): out, proc.stderr.fileno(): err}
    sel = selectors.DefaultSelector()
    for fd in bufs:
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ)
    deadline = t0 + limit
    why, exited_at = "", None
    while sel.get_map():
        now = time.monotonic()
        if exited_at is None and _reap(proc, usage, block=False):
            exited_at = now
            try:  # what it left behind in its group must not hold the pipes open
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if exited_at is not None and now - exited_at > 0.5:
            break  # a child that left the group still holds a pipe: what came is the output
        if exited_at is None and now >= deadline:
            why = "timeout"
            break
        for key, _ in sel.select(max(min(deadline - now, 0.1), 0.0)):
            try:
                chunk = os.read(key.fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                sel.unregister(key.fd)
                continue
            buf = bufs[key.fd]
            buf += chunk
            if len(buf) > cap:
                why = "output"
        if why:
            break
    sel.close()
    if not why and exited_at is None:  # it closed its pipes but runs on: it still has its time
        while not _reap(proc, usage, block=False):
            if time.monotonic() >= deadline:
                why = "timeout"
                break
            time.sleep(0.005)
    _kill(proc)
    _reap(proc, usage, block=True)
    status = proc.returncode
    dur = round(time.monotonic() - t0, 6)
    for stream in (proc.stdout, proc.stderr):
        stream.close()
    if why == "timeout" or status == -signal.SIGXCPU:
        return {"timeout": True, "dur": dur}
    if why == "output" or status == -signal.SIGXFSZ:
        return {"output_limit": True, "dur": dur}
    if status < 0:
        return {"signal": -status, "dur": dur, "stderr": err[-2000:].decode("utf-8", "replace")}
    if status > 0:
        tail = err[-2000:].decode("utf-8", "replace").strip()
        message = f"exit status {status}" + (f"; stderr: {tail}" if tail else "")
        return {
            "error": {"type": "ExitStatus", "message": message, "line": None, "in_library": False},
            "dur": dur,
        }
    rec: dict = {"value": out.decode("utf-8", "replace"), "dur": dur}
    if usage:  # CPU seconds of the program and its threads (and reaped children); peak RSS in KiB
        ru = usage[0]
        rec["cpu"] = round(ru.ru_utime + ru.ru_stime, 6)
        rec["rss"] = int(ru.ru_maxrss)
    return rec


def _reap(proc: subprocess.Popen, usage: list, block: bool) -> bool:
    """Whether ``proc`` has exited, reaping it with ``wait4`` to keep its resource use in ``usage``."""
    if proc.returncode is not None:
        return True
    try:
        pid, wstatus, ru = os.wait4(proc.pid, 0 if block else os.WNOHANG)
    except ChildProcessError:  # reaped elsewhere: its status is lost, so it is not a success
        proc.returncode = 125
        return True
    if pid == 0:
        return False
    proc.returncode = os.waitstatus_to_exitcode(wstatus)
    usage.append(ru)
    return True


def run_stdio(spec: dict) -> None:
    base = os.path.abspath(spec.get("dir") or "prog")
    os.makedirs(base, exist_ok=True)
    if spec.get("artifact"):
        _unpack(spec["artifact"], base)
    _write_files(base, spec.get("files", {}))
    try:
        argv = _argv(spec["argv"])
    except FileNotFoundError as exc:
        _emit({"id": "__missing__", "diag": str(exc)})
        return
    cwd = os.path.join(base, spec.get("cwd", ""))
    cap = int(spec.get("output_bytes", 65536))
    startup = float(spec.get("startup_s", 0.5))
    for test in spec.get("tests", []):
        data = str(test.get("stdin") or "").encode("utf-8")
        limit = float(test.get("timeout_s") or 3.0) + startup  # every test starts the runtime anew
        rec = _stdio_one(argv, spec.get("env", {}), cwd, data, limit, cap)
        _emit({"id": str(test["id"]), **rec})


def main() -> None:
    spec = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    _nondumpable()
    if spec.get("action") == "build":
        build(spec)
    elif spec.get("action") == "run":
        run(spec)
    elif spec.get("action") == "stdio":
        run_stdio(spec)
    else:
        raise SystemExit(f"unknown action {spec.get('action')!r}")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
