"""How long the static pre-commit hook takes on a 1,000-line change.

Builds a throwaway git repository, stages a change of ``--lines`` added lines
of ordinary Python (functions with loops, slicing, string formatting and a few
planted off-by-one mistakes) spread over ``--files`` files, then times:

- in-process: ``codejudge.review.run.review`` (git diff + analyze + diff filter),
- end to end: the ``codejudge review --files ...`` command pre-commit runs
  (includes interpreter start-up and imports).

Usage::

    python bench/review_speed.py [--lines 1000] [--files 4] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from codejudge.review.config import ReviewConfig
from codejudge.review.run import review

GIT_ENV = {
    "GIT_AUTHOR_NAME": "b",
    "GIT_AUTHOR_EMAIL": "b@example.invalid",
    "GIT_COMMITTER_NAME": "b",
    "GIT_COMMITTER_EMAIL": "b@example.invalid",
}


def _function(i: int) -> list[str]:
    bug = i % 7 == 0  # a planted off-by-one every seventh function
    return [
        f"def window_{i}(items, size={i % 5 + 2}):",
        f'    """Sliding windows of ``size`` over ``items`` (variant {i})."""',
        "    out = []",
        "    for start in range(len(items) - size + 1):",
        "        chunk = items[start:start + size]",
        "        out.append(sum(chunk) / size)",
        "    last = items[len(items)]" if bug else "    last = items[len(items) - 1]",
        f'    label = f"w{i}: {{len(out)}} windows, last={{last}}"',
        "    return out, label",
        "",
    ]


def make_change(root: Path, lines: int, files: int) -> list[str]:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    (root / "README.md").write_text("bench\n")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "base"], cwd=root, check=True, env=env)
    per_file = lines // files
    names = []
    for f in range(files):
        body: list[str] = []
        i = f * 1000
        while len(body) < per_file:
            body += _function(i)
            i += 1
        name = f"pkg/mod_{f}.py"
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_text("\n".join(body[:per_file]) + "\n")
        names.append(name)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    return names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="codejudge-bench-"))
    try:
        names = make_change(root, args.lines, args.files)
        added = sum(len(s) for s in review(root, ReviewConfig()).changes.values())
        inproc, cli = [], []
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = review(root, ReviewConfig(), files=names)
            inproc.append(time.perf_counter() - t)
        exe = shutil.which("codejudge")
        launcher = "import sys; from codejudge.cli import main; sys.exit(main(sys.argv[1:]))"
        cmd = [exe] if exe else [sys.executable, "-c", launcher]
        for _ in range(args.repeat):
            t = time.perf_counter()
            proc = subprocess.run(
                [*cmd, "review", "--files", *names], cwd=root, check=False, capture_output=True, text=True
            )
            cli.append(time.perf_counter() - t)
        assert proc.returncode == 1, proc.stderr  # the planted mistakes must be found
        n = len(result.findings)
        print(f"change: {added} added lines in {len(names)} files; findings on changed lines: {n}")
        rows = (("in-process review():          ", inproc), ("`codejudge review --files ...`:", cli))
        for label, times in rows:
            med, low = statistics.median(times), min(times)
            print(f"{label} median {med:.3f} s  (min {low:.3f}, n={args.repeat})")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
