"""What compiling answers costs in each language, and what codejudge's sharing saves.

    python bench/program_compile_cost.py                       # cpp, java, go, rust; 9 answers; bwrap
    python bench/program_compile_cost.py --languages rust --answers 9 --plain 2

For one HumanEvalPack task per language, N distinct answers (the canonical and buggy
solutions and variants of them that differ by a comment) are judged three ways:

* plain loop: each answer compiled from scratch with everything it needs, as a naive
  harness would: C++ without the precompiled header (the runtime and standard headers
  parsed every time), Java compiling the runtime class with every answer, Rust building
  rand/regex/md5 and their dependencies for every answer (what ``cargo build`` does in a
  fresh project), Go with a fresh build cache. Timed on the host (trusted code), only
  the compile, for the first ``--plain`` answers;
* codejudge, cold: the support files built once (timed apart), then each answer compiled
  in the sandbox against them and run (compile + run per answer);
* codejudge, repeated: the same answers again (both orders of a judged pair, a rerun):
  content-hash cache hits, run only.

The machine is shared: figures are medians over answers, and comparable only within a run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codejudge.problems.humanevalpack import load_humanevalpack
from codejudge.problems.testprograms.jobs import program_job
from codejudge.sandbox import get_executor, harness, programs, support, toolchains
from codejudge.sandbox.base import Limits

COMMENT = {"cpp": "//", "java": "//", "go": "//", "rust": "//", "js": "//"}


def answers(problem, n: int) -> list[str]:
    base = [problem.reference, problem.meta["buggy"]]
    out = []
    for i in range(n):
        out.append(base[i % 2] + f"\n{COMMENT[problem.language]} variant {i}\n")
    return out


def _host(argv: list[str], cwd: Path, env: dict | None = None) -> None:
    argv = [toolchains.resolve(a[1:]) if a.startswith("@") else a for a in argv]
    argv = [a.replace("=@gcc", "=" + (toolchains.resolve("gcc") or "gcc")) for a in argv]
    res = subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, env={**harness.RUN_ENV, **(env or {})}
    )
    if res.returncode != 0:
        raise RuntimeError(res.stdout[-1500:] + res.stderr[-1500:])


def plain_compile(job, work: Path) -> float:
    """One answer compiled from nothing (see the module doc); returns seconds."""
    lang = job.language
    lib = work / "lib"
    lib.mkdir()
    t0 = time.perf_counter()
    if lang in ("java", "rust"):  # the shared part rebuilt for this answer alone
        toolchains._prepare_language(lang, str(lib / lang))
    spec = harness.render(
        lang, job.source, job.test_program, {t.id: t.script for t in job.tests if t.kind == "call"}, str(lib)
    )
    src = work / "src"
    src.mkdir()
    for name, text in spec.files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    if lang == "cpp":
        rt = toolchains.RUNTIMES + "/cpp"
        (src / "main.cpp").write_text(
            (src / "main.cpp")
            .read_text()
            .replace(
                '#include "cj_pch.hpp"',
                "\n".join(
                    f"#include <{h}>"
                    for h in ("stdio.h", "math.h", "stdlib.h", "algorithm", "string", "vector")
                )
                + '\n#include "cj_rt.hpp"',
            )
        )
        _host(
            [
                "@g++",
                *toolchains.CPP_FLAGS,
                "-I",
                rt,
                "main.cpp",
                rt + "/cj_io.cpp",
                "-o",
                "prog",
                "-lcrypto",
            ],
            src,
        )
    else:
        for step in spec.steps:
            env = {
                k: str(v).replace("{dir}", str(src)).replace("/tmp/gocache", str(work / "gocache"))
                for k, v in step.get("env", {}).items()
            }
            _host(step["argv"], src / step.get("cwd", ""), env)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "humanevalpack"))
    ap.add_argument("--languages", default="cpp,java,go,rust")
    ap.add_argument("--task", type=int, default=0, help="task number (the same in every language)")
    ap.add_argument("--answers", type=int, default=9)
    ap.add_argument("--plain", type=int, default=3, help="answers timed in the plain loop")
    ap.add_argument("--backend", default="bwrap")
    args = ap.parse_args()

    print(
        f"{'language':8} {'support s':>9} {'plain s/ans':>11} {'cold s/ans':>10} {'repeat s/ans':>12} "
        f"{'plain/cold':>10}"
    )
    for lang in args.languages.split(","):
        problem = load_humanevalpack(args.data, lang)[args.task]
        jobs = [
            program_job(
                f"{lang}-{i}",
                lang,
                code,
                problem.tests[0].script,
                problem.entry_point,
                header=problem.header,
            )
            for i, code in enumerate(answers(problem, args.answers))
        ]
        plain = []
        for job in jobs[: args.plain]:
            work = Path(tempfile.mkdtemp(prefix="cj-plain-"))
            try:
                plain.append(plain_compile(job, work))
            finally:
                shutil.rmtree(work, ignore_errors=True)
        t0 = time.perf_counter()
        prepared = Path(support.support_root(), lang)
        if prepared.exists() and lang in ("cpp", "java", "rust"):
            shutil.rmtree(prepared)  # time the one-off build of the support files too
        support._prepared.cache_clear()
        support.ensure(lang, args.backend)
        support_s = time.perf_counter() - t0
        programs.CACHE.__init__()  # cold: nothing compiled yet
        ex = get_executor(args.backend)
        cold, repeat = [], []
        for job in jobs:
            t0 = time.perf_counter()
            res = ex.run(job, Limits())
            cold.append(time.perf_counter() - t0)
            assert res.tests, res.to_dict()
        for job in jobs:
            t0 = time.perf_counter()
            ex.run(job, Limits())
            repeat.append(time.perf_counter() - t0)
        ex.close()
        med = statistics.median
        ratio = med(plain) / med(cold) if plain else float("nan")
        print(
            f"{lang:8} {support_s:9.1f} {med(plain) if plain else float('nan'):11.2f} {med(cold):10.2f} "
            f"{med(repeat):12.2f} {ratio:10.1f}x   (cache: {programs.CACHE.hits} hits, {programs.CACHE.misses} "
            f"compiles)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
