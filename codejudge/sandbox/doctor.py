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


def languages(docker_ok: bool = True) -> list[tuple[str, str, bool, str]]:
    """(language, backend, works, toolchain or what is missing and how to install it).

    bwrap and local run this machine's toolchains (under /usr); docker runs the image's
    (its ``org.codejudge.languages`` label, set when the image was built)."""
    from codejudge.sandbox.toolchains import LANGUAGES, missing_tools, resolve, tool_version

    rows = []
    image_langs: list[str] | None = None
    if docker_ok:
        try:
            from codejudge.sandbox.docker import DEFAULT_TAG, _image_labels, connect
            from codejudge.sandbox.image import LANGUAGES_LABEL

            image_langs = (
                _image_labels(connect(timeout=10.0), DEFAULT_TAG).get(LANGUAGES_LABEL) or "python"
            ).split(",")
        except Exception:  # noqa: BLE001 - no daemon or image: said in the backend lines
            image_langs = None
    for lang, tc in LANGUAGES.items():
        missing = missing_tools(lang)
        if missing:
            rows.append(
                (
                    lang,
                    "bwrap/local",
                    False,
                    f"{', '.join(missing)} not found. Fix: apt-get install --no-install-recommends {tc.apt}",
                )
            )
        else:
            tools = "; ".join(f"{resolve(t)} ({tool_version(t)[:40]})" for t in tc.tools)
            rows.append((lang, "bwrap/local", True, tools))
        if image_langs is not None:
            ok = lang in image_langs
            rows.append(
                (
                    lang,
                    "docker",
                    ok,
                    "in the image"
                    if ok
                    else (
                        f"not in the image. Fix: apt-get install --no-install-recommends {tc.apt}, then "
                        "codejudge sandbox build-image (or build-image --dockerfile)"
                    ),
                )
            )
    return rows


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
    lines.append("languages:")
    docker_ok = any(ok for name, ok, _ in rows if name == "docker")
    for lang, backend, ok, message in languages(docker_ok):
        lines.append(f"{'ok ' if ok else 'NO '} {lang:<7} {backend:<12} {message}")
    return "\n".join(lines), isolated
