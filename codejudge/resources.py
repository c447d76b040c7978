"""Data files shipped inside the package, found the same way from a checkout or a wheel.

The package is the single source of truth for everything codejudge reads at run
time: ``codejudge/taxonomies/`` (mistakes, reasons, preferences + schemas),
``codejudge/sandbox/assets/`` (the registry Dockerfile) and
``codejudge/datasets/`` (the demo samples). The top-level ``taxonomies/``,
``sandbox/Dockerfile`` and ``datasets/humaneval-demo`` of a checkout are
symlinks into the package, so a user browsing the repository and an installed
wheel see the same files.

>>> resource_path("taxonomies", "mistakes.yaml").name
'mistakes.yaml'
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from codejudge.errors import InputError


def package_root() -> Path:
    """The installed ``codejudge`` package folder (a checkout's or site-packages')."""
    # A regular (non-namespace) package installed on disk: files() is a real Path.
    return Path(str(resources.files("codejudge")))


def resource_path(*parts: str, must_exist: bool = True) -> Path:
    """Path of a shipped data file or folder, e.g. ``resource_path("taxonomies", "reasons.yaml")``.

    A missing file means a broken install (or a wheel built without its package
    data): an ``InputError`` that says so and how to fix it, never a bare traceback.
    """
    path = package_root().joinpath(*parts)
    if must_exist and not path.exists():
        raise InputError(
            f"codejudge's data file {'/'.join(parts)} is missing from the installed package",
            path=path,
            fix="reinstall codejudge (`pip install --force-reinstall codejudge`); when building a wheel "
            "yourself, build it from a checkout so the package data under codejudge/ is included",
        )
    return path


def program_source(*parts: str, **settings: object) -> str:
    """Source of a shipped in-sandbox program (a real module of this package, linted and typed
    like the rest) with ``settings`` appended as ``NAME = repr(value)`` lines, so the settings
    arrive as plain assignments rather than text substituted into code.

    Each setting must be a name the program assigns at its top level (its default), so a typo
    fails here instead of inside the sandbox.

    >>> program_source("judge", "cost_harness.py", _CJ_ENTRY="f").rstrip().splitlines()[-1]
    "_CJ_ENTRY = 'f'"
    """
    text = resource_path(*parts).read_text(encoding="utf-8")
    lines = [text.rstrip("\n"), ""]
    for name, value in settings.items():
        if not re.search(rf"^{re.escape(name)}\b[^=\n]*=", text, re.MULTILINE):
            raise ValueError(f"{'/'.join(parts)} has no top-level setting {name}")
        lines.append(f"{name} = {value!r}")
    return "\n".join(lines) + "\n"
