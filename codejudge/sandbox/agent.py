"""The Docker sandbox's agent: the container's main process, started as
``python3 -I -S /cj/agent.py UID`` (``codejudge.sandbox.image.agent_command``).

It runs as root under init with only CAP_SETUID/CAP_SETGID/CAP_KILL; untrusted code runs
as ``UID`` and can neither signal nor trace it. Per request it runs the runner as ``UID``
in a fresh /work/job, relays its stdout/stderr with caps, enforces the wall clock and,
afterwards, kills every ``UID`` process and wipes /work and /tmp, so the next job in this
container starts clean.

Framing on the agent's stdout (the candidate cannot write there): 1 byte channel
(1 stdout, 2 stderr, 3 status JSON, 4 ready) + 4 bytes big-endian length + data.
Request on stdin: one JSON line {"wall", "cpu", "env", "argv", "stdin_len", "out_cap",
"err_cap"} then stdin_len bytes for the runner.

Shipped as a file at /cj beside the runner (``image.runner_payload``) and never imported
by codejudge itself: standard library only, like the runner.

>>> frame(3, b"{}")
b'\\x03\\x00\\x00\\x00\\x02{}'
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import shutil
import signal
import struct
import subprocess
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:  # the agent starts with -S; typing is only for the checkers
    from collections.abc import Callable
    from typing import IO, Any

OUT_CHANNEL, ERR_CHANNEL, STATUS_CHANNEL, READY_CHANNEL = 1, 2, 3, 4


def frame(chan: int, data: bytes) -> bytes:
    """One frame of the agent's stdout: channel, big-endian length, data."""
    return struct.pack(">BL", chan, len(data)) + data


class Agent:
    """Serves requests from ``inp`` and writes frames to ``out``; untrusted code runs as ``uid``."""

    def __init__(self, uid: int, inp: IO[bytes], out: IO[bytes]) -> None:
        self.uid, self.inp, self.out = uid, inp, out

    def send(self, chan: int, data: bytes) -> None:
        self.out.write(frame(chan, data))
        self.out.flush()

    def as_sandbox(self, fn: Callable[[], int]) -> bool:
        """Run fn in a child that is the sandbox uid (files it makes belong to the sandbox)."""
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.setgroups([])
                os.setresgid(self.uid, self.uid, self.uid)
                os.setresuid(self.uid, self.uid, self.uid)
                code = fn()
            finally:
                os._exit(code)
        return os.waitpid(pid, 0)[1] == 0

    def sandbox_alive(self) -> int:
        n = 0
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    if os.stat("/proc/" + name).st_uid == self.uid:
                        n += 1
                except OSError:
                    pass
        return n

    def kill_all(self, proc: subprocess.Popen[bytes]) -> int:
        """Kill every sandbox-uid process; return how many there were besides the runner (-1: some survived)."""
        runner_alive = proc.poll() is None  # a reaped runner is gone from /proc
        killed = n = self.sandbox_alive()
        killed -= runner_alive
        for _ in range(500):
            proc.poll()  # reap the runner once killed (a zombie still counts in /proc)
            if n == 0:
                return killed
            try:  # CAP_KILL: no fork needed, so a fork bomb that fills the pids cgroup cannot stop this
                os.kill(-1, signal.SIGKILL)  # every process but init and the agent
            except ProcessLookupError:
                pass
            n = self.sandbox_alive()
            if n:
                time.sleep(0.002)
        return -1

    def wipe(self) -> bool:
        """Empty /work and /tmp as the sandbox uid and make a fresh /work/job; False if anything stayed."""
        return self.as_sandbox(_wipe)

    def run(self, req: dict[str, Any], data: bytes) -> None:
        """Run one request's argv as the sandbox uid with ``data`` on its stdin; frames go out as they come."""
        clean = self.wipe()
        ooms = oom_kills()
        cpu = int(req["cpu"])

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # soft < hard: SIGXCPU first

        start = time.monotonic()
        proc = subprocess.Popen(
            req["argv"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=req["env"],
            cwd="/work/job",
            user=self.uid,
            group=self.uid,
            extra_groups=[],
            start_new_session=True,
            preexec_fn=limit,
            close_fds=True,
        )
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None  # all PIPEs
        out, err = [OUT_CHANNEL, int(req["out_cap"]), 0], [ERR_CHANNEL, int(req["err_cap"]), 0]
        caps = {proc.stdout.fileno(): out, proc.stderr.fileno(): err}
        sel = selectors.DefaultSelector()
        for fd in caps:
            os.set_blocking(fd, False)
            sel.register(fd, selectors.EVENT_READ)
        view = memoryview(data)
        win = proc.stdin.fileno()
        os.set_blocking(win, False)
        if view:
            sel.register(win, selectors.EVENT_WRITE)
        else:
            proc.stdin.close()
        deadline = start + float(req["wall"])
        timed_out = over = False
        status: int | None = None
        early = 0
        while sel.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if status is None and proc.poll() is not None:
                status = proc.returncode
                early = self.kill_all(proc)  # nothing may keep the pipes open past the runner
            for key, _ in sel.select(min(left, 0.05)):
                fd = key.fd
                if fd == win:
                    try:
                        view = view[os.write(win, view[:65536]) :]
                    except BlockingIOError:
                        continue
                    except OSError:
                        view = view[:0]
                    if not view:
                        sel.unregister(win)
                        proc.stdin.close()
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not chunk:
                    sel.unregister(fd)
                    continue
                chan, cap, seen = caps[fd]
                room = cap - seen
                caps[fd][2] = seen + len(chunk)
                if room > 0:
                    self.send(chan, chunk[:room])
                if len(chunk) > room:
                    over = True
                    break
            if over:
                break
        sel.close()
        if status is None and not (timed_out or over):  # pipes closed: the runner should be exiting
            try:
                status = proc.wait(timeout=max(deadline - time.monotonic(), 0.001))
            except subprocess.TimeoutExpired:
                timed_out = True
        dur = time.monotonic() - start
        leftover = self.kill_all(proc)
        leftover = -1 if -1 in (early, leftover) else early + leftover
        if status is None:
            status = proc.wait()
        for f in (proc.stdout, proc.stderr):
            f.close()
        if proc.stdin and not proc.stdin.closed:
            try:
                proc.stdin.close()
            except OSError:
                pass
        clean = self.wipe() and clean and leftover == 0
        oom = oom_kills()
        self.send(
            STATUS_CHANNEL,
            json.dumps(
                {
                    "rc": status if status >= 0 else None,
                    "sig": -status if status < 0 else None,
                    "timed_out": timed_out,
                    "dur": round(dur, 6),
                    "clean": clean,
                    "leftover": leftover,
                    "oom": oom > ooms >= 0,
                    "over_out": out[2] > out[1],
                    "over_err": err[2] > err[1],
                }
            ).encode(),
        )

    def serve(self) -> None:
        """Say ready, then run requests until stdin closes."""
        self.send(READY_CHANNEL, b"ready")
        while True:
            line = self.inp.readline()
            if not line:
                return
            req = json.loads(line)
            n, chunks = int(req["stdin_len"]), []
            while n > 0:
                c = self.inp.read(n)
                if not c:
                    return
                chunks.append(c)
                n -= len(c)
            self.run(req, b"".join(chunks))


def _wipe() -> int:
    """(As the sandbox uid.) Empty /work and /tmp, undoing chmod 000 traps; 0 when both are empty."""
    for top in ("/work", "/tmp"):
        for name in os.listdir(top):
            p = os.path.join(top, name)
            for root, dirs, _ in os.walk(p):  # undo chmod 000 traps
                for d in dirs:
                    try:
                        os.chmod(os.path.join(root, d), 0o700)
                    except OSError:
                        pass
            if os.path.isdir(p) and not os.path.islink(p):
                try:
                    os.chmod(p, 0o700)
                except OSError:
                    pass
                shutil.rmtree(p, ignore_errors=True)
            else:
                try:
                    os.unlink(p)
                except OSError:
                    pass
        if os.listdir(top):
            return 1
    os.mkdir("/work/job", 0o755)  # root (no DAC override) must be able to chdir into it
    return 0


def oom_kills(
    files: tuple[tuple[str, str], ...] = (
        ("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill"),
        ("/sys/fs/cgroup/memory.events", "oom_kill"),
    ),
) -> int:
    """The container cgroup's OOM-kill count (cgroup v1 or v2); -1 when neither file says."""
    for path, key in files:
        try:
            with open(path) as fh:
                for line in fh:
                    k, _, v = line.partition(" ")
                    if k == key:
                        return int(v)
        except OSError:
            pass
    return -1


def parse_uid(argv: list[str]) -> int:
    """The sandbox uid from ``agent.py UID``: a positive integer (never root)."""
    if len(argv) != 2 or not argv[1].isdigit() or int(argv[1]) == 0:
        raise SystemExit(f"usage: {argv[0] if argv else 'agent.py'} UID  (the sandbox user's uid, not 0)")
    return int(argv[1])


def main(argv: list[str]) -> None:
    uid = parse_uid(argv)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.umask(0o022)
    Agent(uid, sys.stdin.buffer, sys.stdout.buffer).serve()


if __name__ == "__main__":
    main(sys.argv)
