"""Sandboxed execution of untrusted code.

>>> from codejudge.sandbox import get_executor
>>> ex = get_executor("bwrap")                       # doctest: +SKIP
>>> result = ex.run(job, Limits())                   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

from codejudge.errors import UnknownNameError
from codejudge.sandbox.base import Executor, Job, Limits

# A plain dict registry: name -> "module:Class". Imported lazily so that the
# docker SDK (an extra) is only needed when the docker backend is used.
BACKENDS: dict[str, str] = {
    "bwrap": "codejudge.sandbox.bwrap:BwrapExecutor",
    "docker": "codejudge.sandbox.docker:DockerExecutor",
    "local": "codejudge.sandbox.local:LocalExecutor",
}

DEFAULT_BACKEND = "bwrap"


def get_executor(name: str = DEFAULT_BACKEND, **options: Any) -> Executor:
    """Build the backend called ``name``; unknown names fail with suggestions."""
    if name not in BACKENDS:
        raise UnknownNameError("backend", name, BACKENDS)
    module_name, cls_name = BACKENDS[name].split(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(**options)


__all__ = ["BACKENDS", "DEFAULT_BACKEND", "Executor", "Job", "Limits", "get_executor"]
