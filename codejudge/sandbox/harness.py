"""Per-language test harnesses: a candidate plus a test program, made to report outputs only.

A *test program* is the language's usual test form (a C++ ``main``, a Java ``Main``
class, Go ``TestX(t *testing.T)`` functions, Rust ``#[test]`` functions, a
JavaScript script). Where a test's assertion stood, it holds a marker
``@@cj_emit(ID)@@``; the test's ``script`` is the expression to evaluate there
(the call of the candidate). ``render`` turns the marker into a call of the
language's runtime (``codejudge/sandbox/runtimes/<lang>``), which evaluates the
expression and writes only its value, tagged, on the record channel; the
program's own entry point gets the runtime's start (nonce) and end marker
around it. The same program without markers (the assertions left as they were)
is an *exit-status* program: it passes when it ends normally with status 0.

>>> spec = render("js", "const f = (x) => x + 1;\\n", "@@cj_emit(0)@@;\\n", {"0": "f(1)"})
>>> "__cj.emit(\\"0\\", () => (f(1)))" in spec.files["prog.js"]
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codejudge.errors import ConfigError
from codejudge.sandbox.toolchains import (
    CPP_FLAGS,
    GO_ENV,
    JVM_FLAGS,
    LIB_DIR,
    RUNTIMES,
    RUST_EXTERNS,
    RUST_FLAGS,
)

MARKER = re.compile(r"@@cj_emit\(([A-Za-z0-9_.:-]+)\)@@")
RUN_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
}
BUILD_TIMEOUT_S = 120.0


@dataclass
class ProgramSpec:
    """Everything polyrun needs: sources, build steps, what to keep, how to run."""

    language: str
    files: dict[str, str]
    steps: list[dict] = field(default_factory=list)  # empty: nothing to compile (JavaScript)
    collect: list[str] = field(default_factory=list)
    argv: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    startup_s: float = 1.0  # interpreter / JVM start, added to the first test's time

    def cache_key(self) -> str:
        """The build's content: what a cached artifact must match."""
        return json.dumps(
            {"lang": self.language, "files": self.files, "steps": self.steps, "collect": self.collect},
            sort_keys=True,
        )


def _runtime(*parts: str) -> str:
    return Path(RUNTIMES, *parts).read_text(encoding="utf-8")


def _emit_call(language: str, test_id: str, expr: str) -> str:
    expr = expr.strip()
    if language == "cpp":
        return f'cj::emit("{test_id}", [&]() {{ return ({expr}); }})'
    if language == "java":
        return f'CjRt.emit("{test_id}", () -> ({expr}))'
    if language == "go":
        return f'cjEmit("{test_id}", func() any {{ return {expr} }})'
    if language == "rust":
        return f'cj_rt::emit("{test_id}", || {{ {expr} }})'
    if language == "js":
        return f'__cj.emit("{test_id}", () => ({expr}))'
    raise ConfigError(f"no harness for language {language!r}")


def expand(language: str, test_program: str, calls: dict[str, str]) -> str:
    """Replace every marker by the runtime call for its test; an unknown id is a configuration error."""

    def repl(m: re.Match[str]) -> str:
        if m.group(1) not in calls:
            raise ConfigError(f"test program marks test {m.group(1)!r}, which the job does not have")
        return _emit_call(language, m.group(1), calls[m.group(1)])

    return MARKER.sub(repl, test_program)


def render(
    language: str,
    candidate: str,
    test_program: str,
    calls: dict[str, str],
    lib: str = LIB_DIR,
    memory_mb: int = 1024,
) -> ProgramSpec:
    """The program for ``candidate`` + ``test_program`` in ``language`` (see the module doc)."""
    program = expand(language, test_program, calls)
    return _RENDER[language](candidate, program, lib, memory_mb)


def _cpp(candidate: str, program: str, lib: str, memory_mb: int) -> ProgramSpec:
    m = re.search(r"\bint\s+main\s*\(\s*(void)?\s*\)", program)
    if m is None:  # nothing to run (an empty test program): the program only has to build and start
        program += "\nint cj_test_main() { return 0; }\n"
    else:
        program = program[: m.start()] + "int cj_test_main()" + program[m.end() :]
    # The runtime (precompiled with the standard library) must be the first thing the compiler sees.
    source = (
        '#include "cj_pch.hpp"\n#line 1 "solution.cpp"\n'
        + candidate
        + '\n#line 1 "tests.cpp"\n'
        + program
        + "\nint main() { cj::init(); cj_test_main(); cj::end(); return 0; }\n"
    )
    libs = ["-lcrypto"] if "openssl/" in candidate + program else []
    step = {
        "argv": [
            "@g++",
            *CPP_FLAGS,
            "-I",
            f"{lib}/cpp",
            "main.cpp",
            f"{lib}/cpp/cj_io.o",
            "-o",
            "prog",
            *libs,
        ],
        "env": dict(RUN_ENV),
        "timeout_s": BUILD_TIMEOUT_S,
    }
    return ProgramSpec("cpp", {"main.cpp": source}, [step], ["prog"], ["./prog"], dict(RUN_ENV), 0.5)


def _java(candidate: str, program: str, lib: str, memory_mb: int) -> ProgramSpec:
    if not re.search(r"^\s*import\s", program, re.M):
        program = "import java.util.*;\nimport java.lang.*;\n\n" + program
    flags = [f"-J{f}" for f in JVM_FLAGS] + ["-J-Xmx512m"]
    step = {
        "argv": [
            "@javac",
            *flags,
            "-proc:none",
            "-nowarn",
            "-encoding",
            "UTF-8",
            "-cp",
            f"{lib}/java",
            "-d",
            "classes",
            "Solution.java",
            "Main.java",
        ],
        "env": dict(RUN_ENV),
        "timeout_s": BUILD_TIMEOUT_S,
    }
    heap = max(128, min(512, memory_mb // 4))
    argv = ["@java", *JVM_FLAGS, f"-Xmx{heap}m", "-cp", f"{lib}/java:classes", "CjRt"]
    return ProgramSpec(
        "java",
        {"Solution.java": candidate, "Main.java": program},
        [step],
        ["classes"],
        argv,
        dict(RUN_ENV),
        1.5,
    )


_GO_TEST = re.compile(r"^func\s+(Test\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)", re.M)


def _go(candidate: str, program: str, lib: str, memory_mb: int) -> ProgramSpec:
    names = _GO_TEST.findall(program)  # none (an empty test program): it only has to build and start
    main = (
        ('package main\n\nimport "testing"\n\n' if names else "package main\n\n")
        + "func main() {\n\tcjInit()\n"
        + "".join(f"\t{n}(&testing.T{{}})\n" for n in names)
        + "\tcjEnd()\n}\n"
    )
    files = {
        "src/solution.go": candidate,
        "src/cj_tests.go": program,
        "src/cj_main.go": main,
        "src/cj_rt.go": _runtime("go", "cj_rt.go"),
        "gopath/src/github.com/stretchr/testify/assert/assert.go": _runtime(
            "go", "testify", "assert", "assert.go"
        ),
    }
    step = _go_step(RUN_ENV)
    return ProgramSpec("go", files, [step], ["prog"], ["./prog"], {**RUN_ENV, "GOMAXPROCS": "1"}, 0.5)


def _go_step(env: dict[str, str]) -> dict[str, Any]:
    """The build step of ``src/`` -> ``prog`` (one CPU, the image's module cache and GOPATH)."""
    genv = {**env, **GO_ENV, "GOCACHE": "/tmp/gocache", "GOPATH": "{dir}/gopath", "GOMAXPROCS": "1"}
    argv = ["@go", "build", "-p", "1", "-ldflags=-s -w", "-o", "../prog", "."]
    return {"argv": argv, "env": genv, "cwd": "src", "timeout_s": BUILD_TIMEOUT_S}


def _rustc_step(lib: str, env: dict[str, str], extra: list[str]) -> dict[str, Any]:
    """The build step of ``main.rs`` -> ``prog`` against the image's vendored crates (``extra``:
    more rustc flags, e.g. the optimisation level of a whole program judged on stdin)."""
    deps = f"{lib}/rust/deps"
    externs = [a for name in RUST_EXTERNS for a in ("--extern", f"{name}={deps}/lib{name}.rlib")]
    argv = ["@rustc", *RUST_FLAGS, *extra, "-C", "linker=@gcc", "-L", f"dependency={deps}", *externs]
    return {"argv": [*argv, "main.rs", "-o", "prog"], "env": env, "timeout_s": BUILD_TIMEOUT_S}


def _rust(candidate: str, program: str, lib: str, memory_mb: int) -> ProgramSpec:
    program = re.sub(r"#\[cfg\(test\)\]\s*", "", program)
    names = re.findall(r"#\[test\]\s*(?:pub\s+)?fn\s+(\w+)", program)  # none: it only has to build and start
    program = re.sub(r"#\[test\]\s*(?:pub\s+)?fn\s+", "pub fn ", program)
    prefix = "tests::" if re.search(r"\bmod\s+tests\s*\{", program) else ""
    main = (
        "\nfn main() {\n    cj_rt::init();\n"
        + "".join(f"    {prefix}{n}();\n" for n in names)
        + "    cj_rt::end();\n}\n"
    )
    step = _rustc_step(lib, dict(RUN_ENV), [])
    source = candidate + "\n" + program + main
    return ProgramSpec(
        "rust", {"main.rs": source}, [step], ["prog"], ["./prog"], {**RUN_ENV, "RUST_BACKTRACE": "0"}, 0.5
    )


_JS_MAIN = """'use strict';
const __cj = require('./cj_rt.js');
__cj.init();
// Node's console.assert only logs: make a failed assertion fail the program, as a test expects.
console.assert = (cond, ...msg) => {
  if (!cond) throw new Error('Assertion failed' + (msg.length ? ': ' + msg.join(' ') : ''));
};
let ok = true;
try {
  require('./prog.js');
} catch (e) {
  ok = false;
  __cj.setupError(e);
  process.exitCode = 1;
  try { console.error(e && e.stack ? e.stack : String(e)); } catch (x) { /* unprintable */ }
}
if (ok) __cj.end();
"""


def _js(candidate: str, program: str, lib: str, memory_mb: int) -> ProgramSpec:
    prog = "const __cj = require('./cj_rt.js');\n" + candidate + "\n" + program + "\n"
    files = {
        "main.js": _JS_MAIN,
        "prog.js": prog,
        "cj_rt.js": _runtime("js", "cj_rt.js"),
        "node_modules/js-md5/index.js": _runtime("js", "js-md5.js"),
    }
    heap = max(128, min(1024, memory_mb // 2))
    return ProgramSpec(
        "js", files, [], [], ["@node", f"--max-old-space-size={heap}", "main.js"], dict(RUN_ENV), 0.5
    )


_RENDER = {"cpp": _cpp, "java": _java, "go": _go, "rust": _rust, "js": _js}
LANGUAGES = tuple(_RENDER)


# -- whole programs (stdin -> stdout) ------------------------------------------------------------
# The answer is the program: no runtime, no test program, no nonce channel. polyrun starts it once
# per test with the test's input on stdin and relays what it printed; the parent compares.

# Competitive-programming judges build with optimisation: a correct O(n log n) answer built -O0
# can run past a limit its -O2 build meets (compile time is dominated by the headers either way).
CPP_PROGRAM_FLAGS = tuple("-O2" if f == "-O0" else f for f in CPP_FLAGS)
_JAVA_NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
_JAVA_TOKEN = re.compile(
    r"[{}]|\b(public\s+)?(?:(?:final|abstract|static|strictfp|sealed)\s+)*(?:class|interface|enum|record)\s+(\w+)"
)


def java_main_class(source: str) -> tuple[str | None, str | None]:
    """(the top-level class holding ``static void main``, the public top-level class) of a Java file.

    >>> java_main_class("import java.util.*;\\npublic class A { static class B {} public static void main(String[] a) {} }")
    ('A', 'A')
    """
    clean = _JAVA_NOISE.sub(lambda m: " " * len(m.group()), source)
    depth, spans, current = 0, [], None
    for m in _JAVA_TOKEN.finditer(clean):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0 and current is not None:
                spans.append((*current, m.end()))
                current = None
        elif depth == 0 and current is None:
            current = (m.group(2), bool(m.group(1)), m.start())
    if current is not None:
        spans.append((*current, len(clean)))
    mains = [m.start() for m in re.finditer(r"\bstatic\s+(?:final\s+)?void\s+main\s*\(", clean)]
    main_cls = next((n for n, _, a, b in spans if any(a < x < b for x in mains)), None)
    public = next((n for n, pub, _, _ in spans if pub), None)
    return main_cls, public


def render_program(language: str, source: str, lib: str = LIB_DIR, memory_mb: int = 1024) -> ProgramSpec:
    """The answer's own program (it has its ``main``; JavaScript: top-level code), built as it is.

    >>> render_program("cpp", "int main() { return 0; }").argv
    ['./prog']
    """
    env = dict(RUN_ENV)
    if language == "cpp":
        libs = ["-lcrypto"] if "openssl/" in source else []
        step = {
            "argv": ["@g++", *CPP_PROGRAM_FLAGS, "main.cpp", "-o", "prog", *libs],
            "env": env,
            "timeout_s": BUILD_TIMEOUT_S,
        }
        return ProgramSpec("cpp", {"main.cpp": source}, [step], ["prog"], ["./prog"], env, 0.5)
    if language == "java":
        main_cls, public = java_main_class(source)
        if main_cls is None:
            raise ConfigError("the Java program has no class with a static void main(String[])")
        flags = [f"-J{f}" for f in JVM_FLAGS] + ["-J-Xmx512m"]
        name = f"{public or main_cls}.java"
        step = {
            "argv": ["@javac", *flags, "-proc:none", "-nowarn", "-encoding", "UTF-8", "-d", "classes", name],
            "env": env,
            "timeout_s": BUILD_TIMEOUT_S,
        }
        heap = max(128, min(512, memory_mb // 4))
        argv = ["@java", *JVM_FLAGS, f"-Xmx{heap}m", "-cp", "classes", main_cls]
        return ProgramSpec("java", {name: source}, [step], ["classes"], argv, env, 1.5)
    if language == "go":
        step = _go_step(env)
        return ProgramSpec(
            "go", {"src/main.go": source}, [step], ["prog"], ["./prog"], {**env, "GOMAXPROCS": "1"}, 0.5
        )
    if language == "rust":
        step = _rustc_step(lib, env, ["-C", "opt-level=2"])
        return ProgramSpec(
            "rust", {"main.rs": source}, [step], ["prog"], ["./prog"], {**env, "RUST_BACKTRACE": "0"}, 0.5
        )
    if language == "js":
        heap = max(128, min(1024, memory_mb // 2))
        return ProgramSpec(
            "js", {"prog.js": source}, [], [], ["@node", f"--max-old-space-size={heap}", "prog.js"], env, 0.5
        )
    raise ConfigError(f"no program build for language {language!r}")
