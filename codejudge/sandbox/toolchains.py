"""Language toolchains: where each compiler lives, and the trusted support files codejudge builds once.

Standard library only: it is used on both sides of the sandbox. The host builds
commands from it; inside the sandbox ``polyrun.py`` resolves tool names with
``resolve``; and ``python3 toolchains.py prepare DIR`` builds the support
directory (mounted read-only at ``/cjlib``): the per-language test runtimes,
the C++ precompiled header, the Java runtime classes and the Rust crates
HumanEvalPack's tests use (rand, regex, md5, from Debian's packaged sources under
``/usr/share/cargo/registry``, built offline). Only trusted code is compiled
here; candidates are compiled inside the sandbox.

>>> sorted(LANGUAGES)
['cpp', 'go', 'java', 'js', 'python', 'rust']
>>> LANGUAGES["rust"].apt
'rustc librust-rand-dev librust-regex-dev librust-md5-dev'
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIMES = os.path.join(HERE, "runtimes")
LIB_DIR = "/cjlib"  # where the support directory appears inside a sandbox

# Tool name -> places to look, first match wins. Real paths under /usr: the sandbox binds /usr
# only, so /usr/bin/java (a link through /etc/alternatives) would not resolve there.
TOOLS: dict[str, tuple[str, ...]] = {
    "python3": ("/usr/bin/python3",),
    "node": ("/usr/bin/node", "/usr/bin/nodejs"),
    "g++": ("/usr/bin/g++", "/usr/bin/g++-*"),
    "gcc": ("/usr/bin/gcc", "/usr/bin/gcc-*"),
    "javac": ("/usr/lib/jvm/java-17-openjdk-amd64/bin/javac", "/usr/lib/jvm/java-*-openjdk-*/bin/javac"),
    "java": ("/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "/usr/lib/jvm/java-*-openjdk-*/bin/java"),
    "go": ("/usr/lib/go-1.19/bin/go", "/usr/lib/go-*/bin/go", "/usr/lib/go/bin/go"),
    "rustc": ("/usr/bin/rustc",),
}


@dataclass(frozen=True)
class Language:
    """One language's toolchain: the tools it needs, how to install them, its resource floors."""

    name: str
    tools: tuple[str, ...]
    apt: str  # Debian packages (apt-get install --no-install-recommends ...)
    # Address space a program of this language needs at the least (bwrap enforces memory as
    # RLIMIT_AS, which counts reservations: the JVM and the Go runtime reserve far more than they use).
    run_memory_mb: int = 0
    build_memory_mb: int = 2048
    nproc: int = 64  # threads: JVM and V8 start a dozen each
    compiled: bool = True


LANGUAGES: dict[str, Language] = {
    "python": Language("python", ("python3",), "python3", compiled=False),
    "js": Language("js", ("node",), "nodejs", run_memory_mb=4096, compiled=False),
    "cpp": Language("cpp", ("g++",), "g++ libssl-dev"),
    "java": Language(
        "java", ("javac", "java"), "openjdk-17-jdk-headless", run_memory_mb=2048, build_memory_mb=3072
    ),
    "go": Language("go", ("go",), "golang-go", run_memory_mb=2048),
    "rust": Language("rust", ("rustc", "gcc"), "rustc librust-rand-dev librust-regex-dev librust-md5-dev"),
}

CPP_FLAGS = ("-std=c++17", "-O0", "-pipe", "-w")
# The JVM under an address-space limit: small reserved areas, one GC thread, C1 only (fast start).
JVM_FLAGS = (
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:-UsePerfData",
    "-Xshare:auto",
    "-XX:CompressedClassSpaceSize=64m",
    "-XX:ReservedCodeCacheSize=48m",
    "-Xss8m",
)
RUST_FLAGS = ("--edition", "2021", "-C", "debuginfo=0", "-C", "strip=symbols", "--cap-lints", "allow")
GO_ENV = {
    "GO111MODULE": "off",
    "CGO_ENABLED": "0",
    "GOPROXY": "off",
    "GOSUMDB": "off",
    "GOFLAGS": "-mod=mod",
    "GOTOOLCHAIN": "local",
    "GOTELEMETRY": "off",
}

# Crates the Rust tests use (their `use rand::Rng; use regex::Regex; use md5;` header), built from
# Debian's sources with the features Cargo would enable by default, minus those whose crates
# Debian does not ship (regex's perf-literal needs aho-corasick and memchr).
# (directory prefix, crate name, features, dependencies, extra --cfg)
_LIBC_CFGS = (
    "freebsd11",
    "libc_priv_mod_use",
    "libc_union",
    "libc_const_size_of",
    "libc_align",
    "libc_int128",
    "libc_core_cvoid",
    "libc_packedN",
    "libc_cfg_target_vendor",
    "libc_non_exhaustive",
    "libc_ptr_addr_of",
    "libc_underscore_const_names",
    "libc_const_extern_fn",
)  # what libc's build.rs sets for rustc 1.63
_UNICODE = (
    "unicode",
    "unicode-age",
    "unicode-bool",
    "unicode-case",
    "unicode-gencat",
    "unicode-perl",
    "unicode-script",
    "unicode-segment",
)
RUST_CRATES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("cfg-if", "cfg_if", (), (), ()),
    ("libc", "libc", ("std",), (), _LIBC_CFGS),
    ("getrandom", "getrandom", ("std",), ("cfg_if", "libc"), ()),
    ("rand_core", "rand_core", ("std", "alloc", "getrandom"), ("getrandom",), ()),
    ("ppv-lite86", "ppv_lite86", ("std", "simd"), (), ()),
    ("rand_chacha", "rand_chacha", ("std", "simd"), ("ppv_lite86", "rand_core"), ()),
    (
        "rand",
        "rand",
        ("std", "std_rng", "alloc", "getrandom", "libc", "rand_chacha", "small_rng"),
        ("rand_core", "rand_chacha", "libc"),
        (),
    ),
    ("regex-syntax", "regex_syntax", _UNICODE, (), ()),
    ("regex", "regex", ("std", "perf-cache", "perf-dfa", "perf-inline") + _UNICODE, ("regex_syntax",), ()),
    ("md5", "md5", ("std",), (), ()),
)
RUST_EXTERNS = ("rand", "regex", "md5", "cj_rt")  # what every Rust program may `use`
CARGO_REGISTRY = "/usr/share/cargo/registry"


def resolve(tool: str) -> str | None:
    """The path of ``tool`` here (inside or outside a sandbox), or None."""
    for pattern in TOOLS.get(tool, (tool,)):
        for path in sorted(glob.glob(pattern), reverse=True) if "*" in pattern else [pattern]:
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return os.path.realpath(path) if os.path.realpath(path).startswith("/usr/") else path
    return None


def missing_tools(language: str) -> list[str]:
    return [t for t in LANGUAGES[language].tools if resolve(t) is None]


def etc_dirs(language: str) -> list[str]:
    """Directories under /etc the toolchain reads (bound read-only into the sandbox).

    The Debian JDK keeps its configuration (jvm.cfg, security and logging properties) in
    /etc/java-N-openjdk behind links from the JDK's own tree; without it the JVM cannot start.
    """
    if language != "java":
        return []
    java = resolve("java")
    if java is None:
        return []
    home = os.path.dirname(os.path.dirname(java))
    found = set()
    for root, _dirs, files in os.walk(home):
        for f in files:
            path = os.path.join(root, f)
            if os.path.islink(path):
                target = os.path.realpath(path)
                parts = target.split("/")
                if target.startswith("/etc/") and len(parts) > 2 and parts[2].startswith("java"):
                    found.add("/etc/" + parts[2])
    return sorted(found)


def tool_version(tool: str) -> str:
    path = resolve(tool)
    if path is None:
        return "missing"
    flag = {"go": ["version"], "java": ["-version"], "javac": ["-version"]}.get(tool, ["--version"])
    try:
        out = subprocess.run(
            [path, *flag],
            capture_output=True,
            text=True,
            timeout=30,
            env={"PATH": "/usr/bin:/bin", "HOME": tempfile.gettempdir()},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"broken ({exc})"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else f"exit {out.returncode}"


def _runtime_files(language: str) -> list[str]:
    base = os.path.join(RUNTIMES, language)
    out = []
    for root, _dirs, files in os.walk(base):
        out += [os.path.join(root, f) for f in files]
    return sorted(out)


def runtime_digest(language: str) -> str:
    """What codejudge's side of a language's support files comes from: runtime sources and this recipe."""
    h = hashlib.sha256()
    for path in _runtime_files(language) + [os.path.abspath(__file__)]:
        with open(path, "rb") as fh:
            h.update(os.path.relpath(path, HERE).encode() + b"\0" + hashlib.sha256(fh.read()).digest())
    return h.hexdigest()[:16]


def support_digest(language: str) -> str:
    """What the prepared files of ``language`` depend on: the runtime digest and the tool versions."""
    h = hashlib.sha256(runtime_digest(language).encode())
    for tool in LANGUAGES[language].tools:
        h.update(tool_version(tool).encode())
    if language == "rust":
        for d in _crate_dirs():
            h.update(d.encode())
    return h.hexdigest()[:16]


def _crate_dirs() -> list[str]:
    dirs = []
    for prefix, *_ in RUST_CRATES:
        found = sorted(glob.glob(os.path.join(CARGO_REGISTRY, f"{prefix}-[0-9]*")))
        if not found:
            raise RuntimeError(
                f"crate sources for {prefix} not found under {CARGO_REGISTRY}: "
                "apt-get install librust-rand-dev librust-regex-dev librust-md5-dev"
            )
        dirs.append(found[-1])
    return dirs


def _edition(crate_dir: str) -> str:
    with open(os.path.join(crate_dir, "Cargo.toml")) as fh:
        m = re.search(r'^edition\s*=\s*"(\d+)"', fh.read(), re.M)
    return m.group(1) if m else "2015"


def _run(argv: list[str], cwd: str | None = None, env: dict[str, str] | None = None) -> None:
    base = {"PATH": "/usr/bin:/bin", "HOME": tempfile.gettempdir(), "LANG": "C.UTF-8"}
    res = subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, env={**base, **(env or {})}, timeout=900
    )
    if res.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv[:3])}... failed ({res.returncode}): {(res.stderr or res.stdout)[-2000:]}"
        )


def _prepare_language(language: str, out: str) -> None:
    src = os.path.join(RUNTIMES, language)
    if language == "cpp":
        shutil.copytree(src, out, dirs_exist_ok=True)
        gxx = resolve("g++") or "g++"
        _run([gxx, *CPP_FLAGS, "-x", "c++-header", "-I", out, "cj_pch.hpp", "-o", "cj_pch.hpp.gch"], cwd=out)
        _run([gxx, *CPP_FLAGS, "-c", "cj_io.cpp", "-o", "cj_io.o"], cwd=out)
    elif language == "java":
        _run(
            [
                resolve("javac") or "javac",
                *(f"-J{f}" for f in JVM_FLAGS),
                "-proc:none",
                "-d",
                out,
                os.path.join(src, "CjRt.java"),
            ]
        )
    elif language == "go":
        shutil.copy(os.path.join(src, "cj_rt.go"), os.path.join(out, "cj_rt.go"))
        pkg = os.path.join(out, "gopath", "src", "github.com", "stretchr", "testify", "assert")
        os.makedirs(pkg)
        shutil.copy(os.path.join(src, "testify", "assert", "assert.go"), pkg)
    elif language == "rust":
        deps = os.path.join(out, "deps")
        os.makedirs(deps)
        rustc = resolve("rustc") or "rustc"
        linker = resolve("gcc") or "cc"
        built: dict[str, str] = {}
        for (_prefix, name, features, dep_names, cfgs), crate in zip(RUST_CRATES, _crate_dirs()):
            target = os.path.join(deps, f"lib{name}.rlib")
            argv = [
                rustc,
                "--crate-name",
                name,
                "--crate-type",
                "rlib",
                "--edition",
                _edition(crate),
                os.path.join(crate, "src", "lib.rs"),
                "-C",
                "opt-level=2",
                "-C",
                "debuginfo=0",
                "-C",
                f"metadata=codejudge-{name}",
                "-C",
                f"linker={linker}",
                "--cap-lints",
                "allow",
                "-L",
                f"dependency={deps}",
                "-o",
                target,
            ]
            for f in features:
                argv += ["--cfg", f'feature="{f}"']
            for c in cfgs:
                argv += ["--cfg", c]
            for d in dep_names:
                argv += ["--extern", f"{d}={built[d]}"]
            _run(argv)
            built[name] = target
        _run(
            [
                rustc,
                "--crate-name",
                "cj_rt",
                "--crate-type",
                "rlib",
                *RUST_FLAGS,
                "-C",
                "metadata=codejudge-cj_rt",
                os.path.join(src, "cj_rt.rs"),
                "-o",
                os.path.join(deps, "libcj_rt.rlib"),
            ]
        )
    else:  # js, python: sources only
        if os.path.isdir(src):
            shutil.copytree(src, out, dirs_exist_ok=True)


def prepare(language: str, root: str) -> str:
    """Build ``root/<language>`` (once per digest; safe against concurrent callers). Returns its path."""
    final = os.path.join(root, language)
    digest = support_digest(language)
    stamp = os.path.join(final, "STAMP")
    if os.path.exists(stamp) and open(stamp).read().strip() == digest:
        return final
    missing = missing_tools(language)
    if missing:
        raise RuntimeError(
            f"{language}: {', '.join(missing)} not found; install: apt-get install "
            f"--no-install-recommends {LANGUAGES[language].apt}"
        )
    os.makedirs(root, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f".{language}-", dir=root)
    try:
        _prepare_language(language, tmp)
        with open(os.path.join(tmp, "STAMP"), "w") as fh:
            fh.write(digest + "\n")
        for dirpath, dirnames, filenames in os.walk(tmp):  # readable by the sandbox uid
            os.chmod(dirpath, 0o755)
            for f in filenames:
                os.chmod(os.path.join(dirpath, f), 0o644)
        old = final + f".old-{os.getpid()}"
        if os.path.exists(final):
            os.rename(final, old)
        os.rename(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if os.path.exists(stamp) and open(stamp).read().strip() == digest:
            return final  # a concurrent caller won the race
        raise
    return final


def main(argv: list[str]) -> int:
    """``python3 toolchains.py prepare DIR [LANG ...]``: build the support directory (Dockerfile, image)."""
    if len(argv) < 2 or argv[0] != "prepare":
        print("usage: toolchains.py prepare DIR [LANGUAGE ...]", file=sys.stderr)
        return 2
    root, langs = argv[1], argv[2:] or [lang for lang in LANGUAGES if lang != "python"]
    for lang in langs:
        if missing_tools(lang):
            print(f"skip {lang}: {', '.join(missing_tools(lang))} not installed", file=sys.stderr)
            continue
        print(prepare(lang, root))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
