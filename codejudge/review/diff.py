"""Which lines a change added or modified, per file, from ``git diff``.

Only the *new* side matters: a finding is reported when it sits on a line the
change added or rewrote. Deleted lines have no new-side number, and an
unchanged file never appears, so an old finding there stays quiet.

>>> parse_unified_diff("+++ b/a.py\\n@@ -3,0 +4,2 @@\\n+x = 1\\n+y = 2\\n")
{'a.py': {4, 5}}
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from codejudge.errors import ConfigError

# "@@ -old[,n] +new[,n] @@": with -U0 each hunk is exactly the changed lines.
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_GIT_ESCAPES = {
    "n": "\n",
    "t": "\t",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "r": "\r",
    "v": "\v",
}

Changes = dict[str, set[int]]


def _unquote(path: str) -> str:
    """Undo git's C-style quoting ("\\303\\251.py") of unusual file names."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    raw, out, i = path[1:-1], bytearray(), 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in "01234567":
                out.append(int(raw[i + 1 : i + 4], 8))
                i += 4
                continue
            out += _GIT_ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        out += ch.encode()
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_unified_diff(text: str) -> Changes:
    """Map each new-side path to the line numbers (1-based) the diff added.

    Expects ``git diff -U0`` output with ``a/``/``b/`` prefixes. Deleted files
    (``+++ /dev/null``) and pure renames contribute no lines.
    """
    changes: Changes = {}
    current: str | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            target = _unquote(line[4:].rstrip("\t"))
            current = None if target == "/dev/null" else target[2:] if target[:2] == "b/" else target
            if current is not None:
                changes.setdefault(current, set())
            continue
        match = _HUNK.match(line)
        if match and current is not None:
            start, count = int(match.group(1)), int(match.group(2) or 1)
            changes[current].update(range(start, start + count))  # count 0: pure deletion
    return changes


def git(args: list[str], cwd: str | Path) -> str:
    """Run git with settings that make its output parseable whatever the user config."""
    cmd = ["git", "-c", "core.quotepath=off", "-c", "diff.noprefix=false", "-c", "color.ui=never", *args]
    proc = subprocess.run(
        cmd, cwd=cwd, check=False, capture_output=True, text=True, encoding="utf-8", errors="surrogateescape"
    )
    if proc.returncode != 0:
        raise ConfigError(f"git {' '.join(args)} failed in {cwd}: {proc.stderr.strip()}")
    return proc.stdout


def git_bytes(args: list[str], cwd: str | Path) -> bytes:
    """Like ``git`` but returns raw bytes (file contents)."""
    proc = subprocess.run(["git", *args], cwd=cwd, check=False, capture_output=True)
    if proc.returncode != 0:
        raise ConfigError(
            f"git {' '.join(args)} failed in {cwd}: {proc.stderr.decode(errors='replace').strip()}"
        )
    return proc.stdout


def repo_root(cwd: str | Path = ".") -> Path | None:
    """The top of the git work tree containing ``cwd``, or None outside git."""
    proc = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=cwd, check=False, capture_output=True, text=True
    )
    return Path(proc.stdout.strip()) if proc.returncode == 0 else None


def changed_lines(
    cwd: str | Path, base: str | None = None, head: str | None = None, paths: list[str] | None = None
) -> Changes:
    """Added/changed lines per file (paths relative to the repository root).

    - ``base`` None: the staged change (index vs HEAD), what a commit would add;
    - ``base`` set, ``head`` None: merge-base(base, HEAD) vs the working tree;
    - both set: merge-base(base, head) vs ``head``, like a pull request's diff.
    """
    args = [
        "diff",
        "--no-color",
        "--no-ext-diff",
        "-U0",
        "-M",
        "--diff-filter=ACMR",
        "--src-prefix=a/",
        "--dst-prefix=b/",
    ]
    if base is None:
        args.append("--cached")
        if not _has_head(cwd):  # first commit: everything staged is new
            args.append(_EMPTY_TREE)
    else:
        try:
            merge_base = git(["merge-base", base, head or "HEAD"], cwd).strip()
        except ConfigError as exc:
            raise ConfigError(
                f"{exc}. Fix: make sure both revisions are in the clone "
                "(git fetch origin REV; in CI: actions/checkout with fetch-depth: 0)"
            ) from exc
        args += [merge_base] + ([head] if head else [])
    if paths:
        args += ["--", *paths]
    return parse_unified_diff(git(args, cwd))


_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known empty tree id


def _has_head(cwd: str | Path) -> bool:
    proc = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=cwd, check=False, capture_output=True
    )
    return proc.returncode == 0


def read_source(root: str | Path, path: str, base: str | None, head: str | None) -> str:
    """The new-side text of ``path``: the index (staged), ``head``, or the work tree."""
    if base is None:
        return git(["show", f":{path}"], root)
    if head is not None:
        return git(["show", f"{head}:{path}"], root)
    return (Path(root) / path).read_text(encoding="utf-8", errors="surrogateescape")
