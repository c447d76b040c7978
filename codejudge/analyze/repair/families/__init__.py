"""Edit families: one module per mistake category, each yielding the single edits that
would undo a mistake of that category (``edits(ctx, hints) -> Iterator[Edit]``).

A family module defines ``CATEGORY``, ``CODE`` (the CJx93 tag its repairs carry) and
``edits``; its docstring lists the edits and their costs. ``FAMILIES`` is discovered
from this package, so a new family needs no registration.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Family = Callable[[Any, Any], Iterable[Any]]


def _discover() -> dict[str, tuple[str, Family]]:
    out: dict[str, tuple[str, Family]] = {}
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        out[mod.CATEGORY] = (mod.CODE, mod.edits)
    return out


FAMILIES: dict[str, tuple[str, Family]] = _discover()  # category -> (repair code, edits)
