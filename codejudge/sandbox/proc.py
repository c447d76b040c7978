"""Run one process with a wall clock and capped output channels.

Shared by the bwrap and local backends. The process starts in its own process
group, so the wall-clock kill reaches everything it forked (bwrap adds a pid
namespace on top). stdout and stderr are drained concurrently; a channel over
its cap kills the process at once rather than buffering without bound.

>>> out = run_capped(["/bin/echo", "hi"], b"", 5.0, 100, 100, env={})
>>> out.stdout, out.returncode
(b'hi\\n', 0)
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from typing import IO, cast

from codejudge.sandbox.base import RawOutcome, Watch

log = logging.getLogger(__name__)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass


def run_capped(
    argv: Sequence[str],
    stdin: bytes,
    timeout_s: float,
    stdout_cap: int,
    stderr_cap: int,
    env: dict[str, str],
    cwd: str | None = None,
    watch: Watch | None = None,
) -> RawOutcome:
    """Run ``argv`` with ``stdin``; kill the group on timeout, on an output cap, or when
    ``watch`` (fed the stdout chunks) returns True."""
    start = time.monotonic()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    bufs: dict[str, bytearray] = {"out": bytearray(), "err": bytearray()}
    over: dict[str, bool] = {"out": False, "err": False}
    stopped = False

    def drain(name: str, stream, cap: int) -> None:
        nonlocal stopped
        buf = bufs[name]
        watching = watch if name == "out" else None
        while True:
            try:
                chunk = stream.read1(65536)
            except (OSError, ValueError):  # closed under us after the process ended
                return
            if not chunk:
                return
            room = cap - len(buf)
            buf += chunk[: max(room, 0)]
            if len(chunk) > room:
                over[name] = True
                _kill_group(proc)
                return
            if watching is None:
                continue
            try:
                stop = watching(chunk)
            except Exception:  # noqa: BLE001 - this thread must keep draining whatever the watch
                # does: if it died, the runner would block on a full pipe and look timed out
                log.exception("output watch failed; reading on without it")
                stop, watching = False, None
            if stop:
                stopped = True
                _kill_group(proc)
                return

    pin, pout, perr = cast(IO[bytes], proc.stdin), cast(IO[bytes], proc.stdout), cast(IO[bytes], proc.stderr)

    def feed() -> None:
        try:
            pin.write(stdin)
        except (BrokenPipeError, OSError):
            pass  # the runner died or stopped reading; its outcome says why
        finally:
            try:
                pin.close()
            except OSError:
                pass

    threads = [
        threading.Thread(target=feed, daemon=True),
        threading.Thread(target=drain, args=("out", pout, stdout_cap), daemon=True),
        threading.Thread(target=drain, args=("err", perr, stderr_cap), daemon=True),
    ]
    for t in threads:
        t.start()
    # The wall clock is a timer thread, not proc.wait(timeout=...): that polls with a backoff
    # doubling up to 50 ms, which made a 60 ms job look like 117 ms (half the sandbox overhead).
    timed_out = False

    def wall_clock() -> None:
        nonlocal timed_out
        timed_out = True
        _kill_group(proc)

    timer = threading.Timer(timeout_s, wall_clock)
    timer.daemon = True
    timer.start()
    try:
        proc.wait()
    finally:
        timer.cancel()
    # A grandchild may still hold the pipes open: give the readers a moment, then kill the group.
    for t in threads[1:]:
        t.join(timeout=1.0)
        if t.is_alive():
            _kill_group(proc)
            t.join(timeout=1.0)
    for stream in (pout, perr):
        try:
            stream.close()
        except OSError:
            pass
    rc = proc.returncode
    return RawOutcome(
        stdout=bytes(bufs["out"]),
        stderr=bytes(bufs["err"]),
        returncode=rc if rc is not None and rc >= 0 else None,
        signal=-rc if rc is not None and rc < 0 else None,
        timed_out=timed_out,
        stdout_truncated=over["out"],
        stderr_truncated=over["err"],
        duration_s=time.monotonic() - start,
        stopped=stopped,
    )
