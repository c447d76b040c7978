"""``codejudge sandbox doctor``: which backends work here, and how to fix the others.

>>> for name, ok, message in diagnose():                  # doctest: +SKIP
...     print(name, ok, message)
bwrap True bubblewrap 0.8.0
"""

from __future__ import annotations

import importlib

from codejudge.sandbox import BACKENDS


def _check(name: str) -> tuple[bool, str]:
    module_name = BACKENDS[name].split(":")[0]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return False, f"not installed ({exc}). Fix: pip install 'codejudge[{name}]'"
    check = getattr(module, "check", None)
    if check is None:
        return False, f"{module_name} has no check()"
    try:
        ok, message = check()
    except Exception as exc:  # noqa: BLE001 - the doctor reports, it does not crash
        return False, f"check failed: {type(exc).__name__}: {exc}"
    if not ok and name == "bwrap" and "Fix:" not in message:
        message += ". Fix: apt-get install bubblewrap util-linux; allow unprivileged user namespaces"
    return bool(ok), message


def diagnose() -> list[tuple[str, bool, str]]:
    """(backend, works, version or cause-and-fix) for every registered backend."""
    return [(name, *_check(name)) for name in BACKENDS]


def report() -> tuple[str, bool]:
    """Printable report; ok when at least one isolating backend (not local) works."""
    rows = diagnose()
    lines = []
    for name, ok, message in rows:
        mark = "ok " if ok else "NO "
        note = "  (no isolation: needs --unsafe-local)" if name == "local" else ""
        lines.append(f"{mark} {name:<7} {message}{note if ok else ''}")
    isolated = any(ok for name, ok, _ in rows if name != "local")
    if not isolated:
        lines.append("No isolating backend works here: untrusted code cannot be run safely.")
    return "\n".join(lines), isolated
