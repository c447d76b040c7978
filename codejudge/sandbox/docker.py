"""Docker backend: a warm pool of locked-down containers, each serving many jobs.

Each container is created once with no network, a read-only root, sized
tmpfs for ``/work`` and ``/tmp`` (size *and* inodes), every capability dropped
but CAP_SETUID/CAP_SETGID/CAP_KILL (the agent's), ``no-new-privileges``, a memory cgroup without swap,
a pids cgroup, ulimits, an init process (the candidate is never pid 1) and no
log driver (output is read from the attached stream with a cap and never stored
by the daemon).

Its main process is a small trusted agent (``codejudge/sandbox/agent.py``)
that the untrusted uid can neither signal nor trace. Per run the host writes a
request on the container's attached stdin; the agent starts the runner as the
sandbox uid in a fresh ``/work/job``, relays its output with caps, enforces the
wall clock, then kills every sandbox-uid process and wipes the tmpfs. That
avoids a ``docker exec`` (~40 ms of runc) per job. The host keeps its own wall
clock (agent's + grace) and checks the container's pids cgroup itself. A
container that misbehaved - wall clock, OOM, an output cap, leftover
processes, a broken agent - is thrown away and replaced, never reused.

>>> ex = DockerExecutor()                                   # doctest: +SKIP
>>> ex.run(job, Limits()).tests[0].status                   # doctest: +SKIP
<TestStatus.PASSED: 'passed'>
>>> ex.close()                                              # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import socket
import struct
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from codejudge.errors import BackendUnavailable, SandboxError, ToolchainMissing, require
from codejudge.sandbox import dispatch, protocol
from codejudge.sandbox.agent import ERR_CHANNEL as _ERR
from codejudge.sandbox.agent import OUT_CHANNEL as _OUT
from codejudge.sandbox.agent import READY_CHANNEL as _READY
from codejudge.sandbox.agent import STATUS_CHANNEL as _STATUS
from codejudge.sandbox.base import Job, Limits, RawOutcome, Watch
from codejudge.sandbox.docker_client import connect
from codejudge.sandbox.image import (
    DEFAULT_TAG,
    LANGUAGES_LABEL,
    RUNNER_LABEL,
    SUPPORT_LABEL,
    agent_command,
    runner_digest,
    runner_payload,
)
from codejudge.sandbox.programs import ProgramHost
from codejudge.sandbox.toolchains import LANGUAGES as TOOLCHAINS
from codejudge.sandbox.toolchains import LIB_DIR, runtime_digest
from codejudge.types import ExecResult

log = logging.getLogger(__name__)

GRACE_S = 2.0  # host wall clock = the agent's wall clock + this
START_TIMEOUT_S = 30.0  # a fresh container's agent must say "ready" within this
OVERHEAD_MB = 48  # agent and init, on top of limits.memory_mb


def _pid_namespace() -> str:
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return "?"


_PID_NS = _pid_namespace()
_OWNER = f"{os.getpid()}@{_PID_NS}"  # label value: which live process owns a pool container
POOL_LABEL = "org.codejudge.pool"
_FIX_IMAGE = "build it with: codejudge sandbox build-image"


def _fix_language(language: str) -> str:
    return (
        f"install it here (apt-get install --no-install-recommends {TOOLCHAINS[language].apt}) and rebuild the "
        "image offline (codejudge sandbox build-image), or build from the Dockerfile (--dockerfile)"
    )


def _image_labels(client, image: str) -> dict[str, str]:
    docker = require("docker", "docker")
    try:
        attrs = client.api.inspect_image(image)
    except docker.errors.ImageNotFound as exc:
        raise BackendUnavailable("docker", f"sandbox image '{image}' not found", _FIX_IMAGE) from exc
    return (attrs.get("Config") or {}).get("Labels") or {}


def check(image: str = DEFAULT_TAG) -> tuple[bool, str]:
    """For ``codejudge sandbox doctor``: (ok, server version or what is wrong and how to fix it)."""
    try:
        client = connect(timeout=10.0)
        labels = _image_labels(client, image)
        version = client.version().get("Version", "?")
    except BackendUnavailable as exc:
        return False, f"{exc.cause}. Fix: {exc.fix}"
    if labels.get(RUNNER_LABEL) != runner_digest():
        if not os.environ.get("DOCKER_HOST", "unix://").startswith("unix://"):
            return False, f"image '{image}' was built for another runner version. Fix: {_FIX_IMAGE}"
        return True, (
            f"Docker {version}, image {image} is stale: current runner files are bind-mounted "
            f"(to stop this: {_FIX_IMAGE})"
        )
    return True, f"Docker {version}, image {image}"


@dataclass
class _Box:
    """One pooled container and the limits it was created for."""

    id: str
    key: tuple
    sock: socket.socket  # attached stdin/stdout/stderr of the agent
    stream: _Stream
    pids_path: str | None = None  # host cgroup file counting the container's processes
    jobs: int = 0


def _pids_file(container_id: str) -> str | None:
    """The container's pids.current on this host (cgroup v1 or v2), when we can read it."""
    for path in (
        f"/sys/fs/cgroup/pids/docker/{container_id}/pids.current",
        f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/pids.current",
        f"/sys/fs/cgroup/docker/{container_id}/pids.current",
    ):
        if os.access(path, os.R_OK):
            return path
    return None


class DockerExecutor:
    """Sandbox backend on Docker with a thread-safe warm pool.

    ``pool_size``: idle containers kept warm (default: CPU count). Any number of
    threads may call ``run`` at once; each run checks one container out.
    """

    name = "docker"

    def __init__(
        self, image: str = DEFAULT_TAG, pool_size: int | None = None, cpus: float = 1.0, client=None
    ) -> None:
        self.image, self.cpus = image, cpus
        self.pool_size = pool_size if pool_size is not None else (os.cpu_count() or 2)
        self._docker = require("docker", "docker")
        self.client = client or connect()
        self._runner_dir: str | None = None
        self._image_id: str | None = None
        self.labels = _image_labels(self.client, image)
        if self.labels.get(RUNNER_LABEL) != runner_digest():
            self._runner_dir = self._stale_image_fallback()
        self._idle: list[_Box] = []
        self._lock = threading.RLock()  # _release discards while holding it
        self._closed = False
        self._reapers: list[threading.Thread] = []
        self.started: list[str] = []  # ids of every container this executor started (for tests, stats)
        self._prune_orphans()

    def _stale_image_fallback(self) -> str:
        """The image's /cj files are older than this checkout's runner: bind-mount current ones.

        Only possible when the daemon shares our filesystem (a local unix socket).
        """
        host = os.environ.get("DOCKER_HOST", "unix://")
        if not host.startswith("unix://"):
            raise BackendUnavailable(
                "docker", f"sandbox image '{self.image}' was built for another runner version", _FIX_IMAGE
            )
        log.warning(
            "sandbox image '%s' is stale; mounting the current runner files (%s)", self.image, _FIX_IMAGE
        )
        path = tempfile.mkdtemp(prefix="codejudge-docker-cj-")
        os.chmod(path, 0o755)
        for name, data in runner_payload().items():
            Path(path, name).write_bytes(data)
            os.chmod(Path(path, name), 0o444)
        return path

    # -- program jobs (other languages) ----------------------------------------------
    def _ensure_language(self, language: str) -> None:
        """The image must carry the language's toolchain and support files built from current runtimes."""
        have = (self.labels.get(LANGUAGES_LABEL) or "python").split(",")
        if language not in have:
            raise ToolchainMissing(
                language,
                self.name,
                f"image '{self.image}' has no {language} toolchain (it has: {', '.join(have)})",
                _fix_language(language),
            )
        try:
            built = json.loads(self.labels.get(SUPPORT_LABEL) or "{}").get(language)
        except ValueError:
            built = None
        if built != runtime_digest(language):
            raise ToolchainMissing(
                language,
                self.name,
                f"image '{self.image}' carries {language} support files older than this checkout's runtime",
                _FIX_IMAGE,
            )

    def _fingerprint(self, language: str) -> str:
        if self._image_id is None:
            self._image_id = self.client.api.inspect_image(self.image).get("Id", self.image)
        return f"docker:{self._image_id}"

    def _prune_orphans(self) -> None:
        """Remove pool containers left by codejudge processes on this host that died without close()."""
        try:
            found = self.client.api.containers(all=True, filters={"label": POOL_LABEL}, quiet=False)
        except Exception:  # noqa: BLE001 - best effort
            return
        for c in found:
            pid, _, ns = (c.get("Labels") or {}).get(POOL_LABEL, "").partition("@")
            if ns != _PID_NS:
                continue  # another pid namespace (e.g. another CI container on this daemon)
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                self._discard_id(c["Id"])  # its owner is gone
            except (ValueError, PermissionError):
                pass  # not ours to judge (another user's process, or no pid)

    # -- pool ----------------------------------------------------------------
    @staticmethod
    def _key(limits: Limits) -> tuple:
        return (
            limits.memory_mb,
            limits.nproc,
            limits.nofile,
            limits.fsize_mb,
            limits.workdir_mb,
            limits.workdir_inodes,
        )

    def _create(self, limits: Limits) -> _Box:
        api, types = self.client.api, self._docker.types
        tmpfs = f"size={limits.workdir_mb}m,nr_inodes={limits.workdir_inodes}"
        mem = f"{limits.memory_mb + OVERHEAD_MB}m"
        fsize = limits.fsize_mb * 1024 * 1024
        host_config = api.create_host_config(
            network_mode="none",
            read_only=True,
            # /work is exec: programs in other languages are compiled there and run (Docker's tmpfs default is noexec)
            tmpfs={"/work": tmpfs + ",exec", "/tmp": tmpfs},
            shm_size="8m",
            cap_drop=["ALL"],
            # the agent (root) starts the runner as the sandbox uid and kills what it leaves
            cap_add=["SETUID", "SETGID", "KILL"],
            security_opt=["no-new-privileges"],
            mem_limit=mem,
            memswap_limit=mem,  # no swap: memory over the limit is an OOM kill
            pids_limit=limits.nproc + 4,  # + init, agent, its helper, slack
            init=True,  # the candidate is never pid 1 (pid 1 ignores default signal actions)
            log_config=types.LogConfig(type="none"),  # never let the daemon store output
            ulimits=[
                types.Ulimit(name="nofile", soft=limits.nofile, hard=limits.nofile),
                types.Ulimit(name="fsize", soft=fsize, hard=fsize),
                types.Ulimit(name="core", soft=0, hard=0),
            ],
            nano_cpus=int(self.cpus * 1e9),
            auto_remove=False,  # State.OOMKilled must stay readable
            binds={self._runner_dir: {"bind": "/cj", "mode": "ro"}} if self._runner_dir else None,
        )
        cid = None
        try:
            cid = api.create_container(
                self.image,
                command=agent_command(),
                user="0:0",
                working_dir="/work",
                network_disabled=True,
                host_config=host_config,
                stdin_open=True,
                labels={POOL_LABEL: _OWNER},
            )["Id"]
            raw = api.attach_socket(cid, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
            api.start(cid)
        except self._docker.errors.APIError as exc:
            if cid:
                self._discard_id(cid)
            raise SandboxError(f"cannot start a sandbox container from '{self.image}': {exc}") from exc
        self.started.append(cid)
        sock = getattr(raw, "_sock", raw)
        box = _Box(id=cid, key=self._key(limits), sock=sock, stream=_Stream(sock), pids_path=_pids_file(cid))
        frame = box.stream.frame(time.monotonic() + START_TIMEOUT_S)
        if frame is None or frame[0] != _READY:
            self._discard(box)
            raise SandboxError(
                f"the sandbox agent in '{self.image}' did not start: {box.stream.agent_err[-500:]!r}"
            )
        return box

    def _acquire(self, limits: Limits) -> _Box:
        key = self._key(limits)
        with self._lock:
            if self._closed:
                raise SandboxError("DockerExecutor is closed")
            for i, box in enumerate(self._idle):
                if box.key == key:
                    return self._idle.pop(i)
        return self._create(limits)

    def _release(self, box: _Box, healthy: bool) -> None:
        with self._lock:
            if healthy and not self._closed:
                self._idle.append(box)
                while len(self._idle) > self.pool_size:  # drop the oldest, e.g. of other limits
                    self._discard(self._idle.pop(0))
                return
        self._discard(box)

    def _discard(self, box: _Box) -> None:
        try:
            box.sock.close()
        except OSError:
            pass
        self._discard_id(box.id)

    def _discard_id(self, cid: str) -> None:
        """Kill and remove in the background: the caller does not wait for the daemon."""

        def reap() -> None:
            try:
                self.client.api.remove_container(cid, force=True)
            except Exception:  # noqa: BLE001, S110 - already gone, or the daemon went away
                pass

        thread = threading.Thread(target=reap, daemon=True)
        thread.start()
        with self._lock:
            self._reapers = [t for t in self._reapers if t.is_alive()] + [thread]

    # -- one runner process --------------------------------------------------
    def _exec_one(
        self,
        stdin: bytes,
        wall_s: float,
        seed: int,
        limits: Limits,
        watch: Watch | None = None,
        script: str = "runner.py",
    ) -> RawOutcome:
        box = self._acquire(limits)
        healthy = False
        try:
            raw, healthy = self._exec_in(box, stdin, wall_s, seed, limits, watch, script)
        finally:
            self._release(box, healthy)
        return raw

    def _exec_in(
        self,
        box: _Box,
        stdin: bytes,
        wall_s: float,
        seed: int,
        limits: Limits,
        watch: Watch | None = None,
        script: str = "runner.py",
    ) -> tuple[RawOutcome, bool]:
        request = {
            "wall": wall_s,
            "cpu": math.ceil(wall_s) + 1,
            "env": protocol.runner_env(seed),
            "argv": protocol.runner_command(script=script),
            "stdin_len": len(stdin),
            "out_cap": limits.result_bytes,
            "err_cap": limits.output_bytes,
        }
        start = time.monotonic()
        deadline = start + wall_s + GRACE_S
        out, err = bytearray(), bytearray()
        status: dict | None = None
        stopped = False
        try:
            box.sock.sendall(json.dumps(request).encode() + b"\n" + stdin)
            while status is None:
                frame = box.stream.frame(deadline)
                if frame is None:
                    break  # host wall clock, or the agent died (EOF)
                chan, data = frame
                if chan == _OUT:
                    out += data[: max(limits.result_bytes - len(out), 0)]
                    if watch is not None and watch(data):
                        stopped = True
                        break
                elif chan == _ERR:
                    err += data[: max(limits.output_bytes - len(err), 0)]
                elif chan == _STATUS:
                    status = json.loads(data)
        except (OSError, ValueError):
            status = None
        duration = time.monotonic() - start
        box.jobs += 1
        raw = RawOutcome(stdout=bytes(out), stderr=bytes(err), returncode=None, duration_s=duration)
        if stopped:  # the runner is still going: throw the container away (a cold start later)
            self._kill(box)
            raw.stopped = True
            return raw, False
        if status is None:  # host wall clock, or the agent itself was killed (e.g. OOM)
            raw.timed_out = time.monotonic() >= deadline
            self._kill(box)
            raw.oom_killed = not raw.timed_out and self._oom_killed(box)
            if not raw.timed_out and not raw.oom_killed:  # the candidate cannot reach the agent
                raise SandboxError(f"the sandbox agent failed: {box.stream.agent_err[-800:]!r}")
            return raw, False
        log.debug("agent status %s", status)
        raw.returncode, raw.signal = status.get("rc"), status.get("sig")
        raw.timed_out = status.get("timed_out") is True
        raw.duration_s = float(status.get("dur") or duration)
        raw.stdout_truncated = status.get("over_out") is True
        raw.stderr_truncated = status.get("over_err") is True
        raw.oom_killed = status.get("oom") is True
        if raw.signal == 9 and not raw.timed_out and not raw.oom_killed:
            raw.oom_killed = self._oom_killed(box)
        misbehaved = raw.timed_out or raw.oom_killed or raw.stdout_truncated or raw.stderr_truncated
        healthy = (
            status.get("clean") is True
            and status.get("leftover") == 0
            and not misbehaved
            and self._only_agent_left(box)
        )
        return raw, healthy

    def _kill(self, box: _Box) -> None:
        try:
            self.client.api.kill(box.id)
        except Exception:  # noqa: BLE001, S110 - it may already be dead
            pass

    def _oom_killed(self, box: _Box) -> bool:
        """Did the memory cgroup kill something? Docker records it as State.OOMKilled."""
        for _ in range(10):  # the daemon learns of the OOM event asynchronously
            try:
                state = self.client.api.inspect_container(box.id)["State"]
            except Exception:  # noqa: BLE001 - removed meanwhile
                return False
            if state.get("OOMKilled"):
                return True
            if not state.get("Running"):
                return False
            time.sleep(0.01)
        return False

    def _only_agent_left(self, box: _Box) -> bool:
        """Independent of the agent's word: only init and the agent remain."""
        if box.pids_path is None:
            return True  # remote daemon: the agent's own count is all we have
        for _ in range(50):  # the exec's process may take a moment to be reaped
            try:
                with open(box.pids_path) as fh:
                    if int(fh.read().strip()) <= 2:
                        return True
            except (OSError, ValueError):
                return False
            time.sleep(0.001)
        return False

    # -- Executor ------------------------------------------------------------
    def run(self, job: Job, limits: Limits) -> ExecResult:
        """Run ``job``; every verdict is decided by ``protocol`` in this process."""

        def exec_one(
            stdin: bytes,
            wall_s: float,
            seed: int,
            watch: Watch | None = None,
            limits: Limits = limits,
            script: str = "runner.py",
        ) -> RawOutcome:
            return self._exec_one(stdin, wall_s, seed, limits, watch, script)

        programs = ProgramHost(self.name, LIB_DIR, self._ensure_language, self._fingerprint)
        return dispatch.run_job(job, limits, exec_one, self.name, programs)

    def close(self) -> None:
        """Remove every pooled container (waits for the removals)."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for box in idle:
            self._discard(box)
        for thread in self._reapers:
            thread.join(timeout=30)
        self._reapers.clear()
        if self._runner_dir:
            shutil.rmtree(self._runner_dir, ignore_errors=True)

    def __enter__(self) -> DockerExecutor:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Stream:
    """The agent's frames, read from Docker's multiplexed attach stream.

    Docker wraps the agent's stdout/stderr in 8-byte headers (stream, 0, 0, 0,
    big-endian size); inside stdout the agent writes its own frames (1 byte
    channel + 4 bytes size). The agent's own stderr (a crash) is kept apart.
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.eof = False
        self._raw = bytearray()  # docker frames not yet unwrapped
        self._agent = bytearray()  # agent stdout bytes not yet split into frames
        self.agent_err = b""

    def frame(self, deadline: float) -> tuple[int, bytes] | None:
        """The next agent frame, or None at EOF or when the deadline passes."""
        while True:
            if len(self._agent) >= 5:
                chan, size = struct.unpack(">BL", self._agent[:5])
                if len(self._agent) >= 5 + size:
                    data = bytes(self._agent[5 : 5 + size])
                    del self._agent[: 5 + size]
                    return chan, data
            if self.eof:
                return None
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(262144)
            except TimeoutError:
                return None
            except OSError:
                chunk = b""
            if not chunk:
                self.eof = True
                continue
            self._raw += chunk
            while len(self._raw) >= 8:
                kind, size = struct.unpack(">BxxxL", self._raw[:8])
                if len(self._raw) < 8 + size:
                    break
                if kind == 1:
                    self._agent += self._raw[8 : 8 + size]
                else:
                    self.agent_err = (self.agent_err + bytes(self._raw[8 : 8 + size]))[-4096:]
                del self._raw[: 8 + size]
