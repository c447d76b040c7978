"""Build the Docker sandbox image, with or without a registry.

The offline path (the default) needs no registry at all: it copies this
machine's CPython 3.11 interpreter, its standard library and exactly the shared
libraries ``ldd`` says they need into a minimal root filesystem, adds an
unprivileged user, the runner files and the in-container agent, and ``docker import``s
the tar. The result is ~40 MB, has no shell and no package manager, and builds
in seconds. ``offline=False`` builds ``sandbox/Dockerfile`` (python:3.11-slim).

>>> from codejudge.sandbox.image import build_image
>>> build_image()                                  # doctest: +SKIP
'codejudge-sandbox:latest'
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from codejudge.errors import BackendUnavailable, SandboxError, require
from codejudge.resources import resource_path
from codejudge.sandbox import image_toolchains, protocol
from codejudge.sandbox.docker_client import connect
from codejudge.sandbox.image_toolchains import Link
from codejudge.sandbox.toolchains import LANGUAGES as TOOLCHAINS
from codejudge.sandbox.toolchains import LIB_DIR, RUNTIMES, runtime_digest

# CODEJUDGE_DOCKER_IMAGE: another tag, e.g. one per checkout when several share a Docker engine.
DEFAULT_TAG = os.environ.get("CODEJUDGE_DOCKER_IMAGE") or "codejudge-sandbox:latest"
SANDBOX_UID = 1000  # runs untrusted code
RUNNER_LABEL = "org.codejudge.runner-sha256"
# Parts of the standard library nobody's solution needs; dropping them halves the image.
_STDLIB_SKIP = {
    "test",
    "idlelib",
    "tkinter",
    "turtledemo",
    "ensurepip",
    "lib2to3",
    "site-packages",
    "dist-packages",
    "__phello__",
    "venv",
}
_DYNLOAD_SKIP = ("_tkinter", "_test", "xxlimited", "_xxtest", "_ctypes_test")
BASE_REPO = "codejudge-sandbox-base"  # offline base images, tagged by content: shared by every tag built here
LANGUAGES_LABEL = "org.codejudge.languages"
SUPPORT_LABEL = "org.codejudge.support"  # language -> digest of the runtime sources its /cjlib was built from
_MERGED = ("bin", "lib", "lib64", "sbin")
# Shipped inside the package (codejudge/sandbox/assets/); a checkout's sandbox/Dockerfile links here.
_DOCKERFILE_PARTS = ("sandbox", "assets", "Dockerfile")

# The agent (codejudge/sandbox/agent.py) is the container's main process, as root with only
# CAP_SETUID/CAP_SETGID/CAP_KILL; it runs every runner as SANDBOX_UID (given on its command line).
AGENT_PARTS = ("sandbox", "agent.py")


def agent_command(uid: int = SANDBOX_UID) -> list[str]:
    """The container's command: the agent at /cj, told which uid runs untrusted code."""
    return ["/usr/bin/python3", "-I", "-S", "/cj/agent.py", str(uid)]


def runner_payload() -> dict[str, bytes]:
    """Files placed read-only at /cj: the shared runner files plus the agent."""
    files = dict(protocol.runner_files())
    files["agent.py"] = resource_path(*AGENT_PARTS).read_bytes()
    return files


def runner_digest(files: dict[str, bytes] | None = None) -> str:
    """sha256 over the /cj files and the language runtimes; stored as an image label to detect a stale image."""
    files = runner_payload() if files is None else files
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    for lang in TOOLCHAINS:
        h.update(f"{lang}:{runtime_digest(lang)}".encode())
    return h.hexdigest()


def _ldd(paths: list[str]) -> tuple[set[str], set[str]]:
    """Shared libraries the ELF files need (absolute paths) and the files that miss one."""
    libs: set[str] = set()
    broken: set[str] = set()
    for path in paths:
        out = subprocess.run(["ldd", path], capture_output=True, text=True, check=False).stdout
        if "not found" in out:
            broken.add(path)
            continue
        for m in re.finditer(r"(?:=>\s*)?(/\S+)\s+\(0x", out):
            libs.add(m.group(1))
    return libs, broken


def _find_python() -> tuple[str, str, str]:
    """(interpreter, stdlib dir, lib-dynload dir) of a CPython 3.11 on this machine.

    The system /usr/bin/python3.11 is preferred; CODEJUDGE_SANDBOX_PYTHON picks another.
    """
    probe = (
        "import json, sys, sysconfig; print(json.dumps([sys.version_info[:2], os.path.realpath(sys.executable), "
        "sysconfig.get_paths()['stdlib'], sysconfig.get_config_var('DESTSHARED')]))"
    )
    override = os.environ.get("CODEJUDGE_SANDBOX_PYTHON", "")  # e.g. a pyenv build
    for cand in (
        override,
        "/usr/bin/python3.11",
        "/usr/local/bin/python3.11",
        shutil.which("python3.11") or "",
    ):
        if not cand or not os.path.exists(cand):
            continue
        res = subprocess.run(
            [cand, "-I", "-c", "import os; " + probe], capture_output=True, text=True, check=False
        )
        if res.returncode == 0:
            version, exe, stdlib, dynload = json.loads(res.stdout)
            if tuple(version) == (3, 11):
                return exe, stdlib, dynload
    raise BackendUnavailable(
        "docker",
        "no CPython 3.11 found to copy into the offline image",
        "install python3.11 (apt-get install python3.11), or build with a registry: "
        "codejudge sandbox build-image --dockerfile",
    )


def _rootfs_entries(
    languages: tuple[str, ...] = (), with_runner: bool = True
) -> Iterator[tuple[str, str | bytes | Link | None, int]]:
    """(path in image, host file or bytes or Link or None for a dir, mode) for the root filesystem."""
    exe, stdlib, dynload = _find_python()
    yield "usr/bin/python3.11", exe, 0o755
    for root, dirs, files in os.walk(stdlib):
        rel = os.path.relpath(root, stdlib)
        dirs[:] = sorted(
            d
            for d in dirs
            if not (rel == "." and (d in _STDLIB_SKIP or d.startswith("config-"))) and d != "lib-dynload"
        )
        for f in sorted(files):
            pyc = rel.endswith("__pycache__")
            if f.endswith(".py") or (pyc and f.endswith(".cpython-311.pyc")):
                yield os.path.normpath(f"usr/lib/python3.11/{rel}/{f}"), os.path.join(root, f), 0o644
    modules = sorted(
        os.path.join(dynload, f)
        for f in os.listdir(dynload)
        if f.endswith(".so") and not f.startswith(_DYNLOAD_SKIP)
    )
    libs, broken = _ldd([exe, *modules])
    for mod in modules:
        if mod not in broken:  # e.g. a module whose library is not installed here
            yield f"usr/lib/python3.11/lib-dynload/{os.path.basename(mod)}", mod, 0o644
    for lib in sorted(libs):
        yield lib.lstrip("/"), os.path.realpath(lib), 0o755
    yield from image_toolchains.entries(languages)
    yield (
        "etc/passwd",
        (
            f"root:x:0:0:root:/root:/usr/sbin/nologin\n"
            f"sandbox:x:{SANDBOX_UID}:{SANDBOX_UID}:sandbox:/work:/usr/sbin/nologin\n"
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
        ).encode(),
        0o644,
    )
    yield "etc/group", f"root:x:0:\nsandbox:x:{SANDBOX_UID}:\nnogroup:x:65534:\n".encode(), 0o644
    for d in ("work", "tmp", "proc", "sys", "dev", "root", "cj", LIB_DIR.strip("/")):
        yield d, None, 0o1777 if d in ("tmp", "work") else 0o755
    if with_runner:
        for name, data in runner_payload().items():
            yield f"cj/{name}", data, 0o644


def _merged_usr(path: str) -> str:
    """Debian's /lib, /lib64, /bin, /sbin live under /usr (the image links them there, as hosts do)."""
    head, _, rest = path.partition("/")
    return f"usr/{head}/{rest}" if head in _MERGED and rest else path


def _rootfs_digest(entries: list[tuple[str, str | bytes | Link | None, int]]) -> str:
    """Identity of a root filesystem from its entries' paths, sizes, times and modes (no file reads)."""
    h = hashlib.sha256()
    for path, src, mode in sorted(entries, key=lambda e: e[0]):
        if isinstance(src, str):
            st = os.stat(src)
            meta = f"{st.st_size}:{int(st.st_mtime)}"
        elif isinstance(src, bytes):
            meta = hashlib.sha256(src).hexdigest()
        elif isinstance(src, Link):
            meta = "->" + src.target
        else:
            meta = "dir"
        h.update(f"{path}\0{meta}\0{mode}\n".encode())
    return h.hexdigest()


def _write_rootfs(
    out: io.BufferedIOBase,
    languages: tuple[str, ...] = (),
    with_runner: bool = True,
    entries: list | None = None,
) -> int:
    """Write a deterministic tar (sorted, root-owned, host mtimes) of the rootfs; return file count."""
    seen: set[str] = set()
    count = 0
    items = entries if entries is not None else list(_rootfs_entries(languages, with_runner))
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for head in _MERGED:
            tar.addfile(_symlink(head, f"usr/{head}"))
        for path, src, mode in sorted(
            ((_merged_usr(os.path.normpath(p)), s, m) for p, s, m in items), key=lambda e: e[0]
        ):
            if path in _MERGED:  # the host's own /lib -> usr/lib links: the image has them already
                continue
            parts = path.split("/")
            for i in range(1, len(parts)):  # parent directories first
                parent = "/".join(parts[:i])
                if parent not in seen:
                    seen.add(parent)
                    tar.addfile(_info(parent, tarfile.DIRTYPE, 0o755))
            if path in seen:
                continue
            seen.add(path)
            if src is None:
                tar.addfile(_info(path, tarfile.DIRTYPE, mode))
                continue
            if isinstance(src, Link):
                tar.addfile(_symlink(path, src.target))
                continue
            data = src if isinstance(src, bytes) else Path(src).read_bytes()
            info = _info(path, tarfile.REGTYPE, mode)
            if not isinstance(src, bytes):  # .pyc files are only used when the .py mtime matches
                info.mtime = int(os.stat(src).st_mtime)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            count += 1
        tar.addfile(_symlink("usr/bin/python3", "python3.11"))
        tar.addfile(_symlink("usr/bin/python", "python3.11"))
    return count


def _info(name: str, kind: bytes, mode: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.mtime, info.uid, info.gid = kind, mode, 0, 0, 0
    return info


def _symlink(name: str, target: str) -> tarfile.TarInfo:
    info = _info(name, tarfile.SYMTYPE, 0o777)
    info.linkname = target
    return info


def image_languages(languages: list[str] | tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The languages an offline image built here can run: Python, and each whose toolchain is installed."""
    wanted = [lang for lang in (languages or TOOLCHAINS) if lang != "python"]
    return ("python", *image_toolchains.available(wanted))


def _support_labels(languages: tuple[str, ...]) -> dict[str, str]:
    return {
        LANGUAGES_LABEL: ",".join(languages),
        SUPPORT_LABEL: json.dumps(
            {lang: runtime_digest(lang) for lang in languages if lang != "python"}, sort_keys=True
        ),
    }


def image_is_current(labels: dict[str, str]) -> bool:
    """Whether an image with these labels was built from this checkout's runner and from the
    current runtime sources of every language it carries (a stale /cjlib is refused at run time).

    >>> image_is_current({})
    False
    """
    if labels.get(RUNNER_LABEL) != runner_digest():
        return False
    languages = tuple((labels.get(LANGUAGES_LABEL) or "python").split(","))
    try:
        built = json.loads(labels.get(SUPPORT_LABEL) or "{}")
    except ValueError:
        return False
    return all(built.get(lang) == runtime_digest(lang) for lang in languages if lang != "python")


def build_image(
    tag: str = DEFAULT_TAG,
    offline: bool = True,
    client=None,
    languages: list[str] | tuple[str, ...] | None = None,
) -> str:
    """Build the sandbox image and return its tag.

    ``offline=True`` needs no registry: a base image (Python and the language toolchains,
    copied from this machine's files) is ``docker import``ed once per content, and the
    runner files and prepared support files go on top with a local ``docker build``
    (FROM that base, COPY only: no shell is needed). ``offline=False`` runs
    ``sandbox/Dockerfile`` (Debian packages from a registry). ``languages``: which
    toolchains to include (default: every one installed here).
    """
    docker = require("docker", "docker")
    if client is None:
        client = connect()
    digest = runner_digest()
    if not offline:
        return _build_dockerfile(client, tag, digest)
    langs = image_languages(languages)
    entries = list(_rootfs_entries(langs[1:], with_runner=False))
    base = f"{BASE_REPO}:{_rootfs_digest(entries)[:20]}"
    try:
        client.api.inspect_image(base)
    except docker.errors.ImageNotFound:
        _import_base(client, base, entries)
    return _build_top(client, tag, base, langs, digest)


def _import_base(client, base: str, entries: list) -> None:
    docker = require("docker", "docker")
    changes = [
        "CMD " + json.dumps(agent_command()),
        "USER 0:0",
        "WORKDIR /work",
        "ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 TZ=UTC",
    ]
    repo, _, version = base.rpartition(":")
    with tempfile.TemporaryDirectory() as tmpdir:
        path = os.path.join(tmpdir, "rootfs.tar")
        with open(path, "wb") as out:
            _write_rootfs(out, entries=entries)
        try:  # from a file: the SDK's chunked streaming upload is rejected by some daemons
            client.api.import_image_from_file(path, repository=repo, tag=version, changes=changes)
        except docker.errors.APIError as exc:
            raise SandboxError(f"docker import of the sandbox base image failed: {exc}") from exc


def _build_top(client, tag: str, base: str, languages: tuple[str, ...], digest: str) -> str:
    """FROM the base: the prepared support files (/cjlib) and the runner files (/cj), by COPY only."""
    from codejudge.sandbox import support

    with tempfile.TemporaryDirectory() as ctx:
        lib = Path(ctx, "cjlib")
        lib.mkdir()
        for lang in languages[1:]:
            support.ensure(lang, "docker")  # builds them on this machine, with the same toolchain binaries
            prepared = Path(support.support_root(), lang)
            if prepared.is_dir():
                shutil.copytree(prepared, lib / lang)
        _write_payload(Path(ctx, "cj"), runner_payload())
        Path(ctx, "Dockerfile").write_text(f"FROM {base}\nCOPY cjlib {LIB_DIR}\nCOPY cj /cj\n")
        try:
            client.images.build(
                path=ctx,
                tag=tag,
                rm=True,
                pull=False,
                labels={RUNNER_LABEL: digest, **_support_labels(languages)},
            )
        except Exception as exc:  # BuildError / APIError: name the cause
            raise SandboxError(f"docker build of the sandbox image on {base} failed: {exc}") from exc
    return tag


def _write_payload(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _build_dockerfile(client, tag: str, digest: str) -> str:
    """Registry path: build sandbox/Dockerfile with the /cj files and the runtimes as build context."""
    dockerfile = resource_path(*_DOCKERFILE_PARTS)
    with tempfile.TemporaryDirectory() as ctx:
        shutil.copy(dockerfile, os.path.join(ctx, "Dockerfile"))
        _write_payload(Path(ctx, "cj"), runner_payload())
        shutil.copytree(RUNTIMES, Path(ctx, "cj", "runtimes"))
        try:
            client.images.build(
                path=ctx,
                tag=tag,
                rm=True,
                labels={RUNNER_LABEL: digest, **_support_labels(tuple(TOOLCHAINS))},
                buildargs={"SANDBOX_UID": str(SANDBOX_UID)},
            )
        except Exception as exc:  # BuildError / APIError: name the cause
            raise SandboxError(f"docker build of {dockerfile} failed: {exc}") from exc
    return tag
