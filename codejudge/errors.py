"""Every exception codejudge raises on purpose.

A failed test, a timeout or a mistake tag is a *result* and never an exception.
Exceptions mean codejudge itself could not do the job::

    CodejudgeError
    ├── ConfigError                 bad configuration value or unknown name
    │   └── UnknownNameError        unknown backend / rule / command, with suggestions
    ├── InputError                  unreadable or malformed input file (file, line, field)
    │   └── DatasetHashError        a pinned dataset file does not match its hash
    ├── SandboxError                the sandbox itself malfunctioned
    │   ├── BackendUnavailable      a backend cannot start here (names cause and fix)
    │   └── ToolchainMissing        a language's compiler/runtime is not installed for a backend
    ├── UnsafeExecutionRefused      local execution without explicit opt-in
    ├── LLMError                    an LLM backend failed after retries
    └── MissingExtraError           an optional dependency is not installed
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


class CodejudgeError(Exception):
    """Base class: codejudge could not do what was asked."""

    exit_code = 3


class ConfigError(CodejudgeError):
    """A configuration value is invalid."""

    exit_code = 2


class UnknownNameError(ConfigError):
    """A name (backend, rule code, command...) is not known.

    >>> str(UnknownNameError("backend", "dokcer", ["bwrap", "docker", "local"]))
    "Unknown backend 'dokcer'. Did you mean: docker? Available: bwrap, docker, local"
    """

    def __init__(
        self, kind: str, name: str, available: Iterable[str], listed: Iterable[str] | None = None
    ) -> None:
        # ``listed``: the names to print when ``available`` (matched for suggestions) is long,
        # e.g. every alias of a language is matched but only the canonical names are listed.
        self.kind, self.name = kind, name
        self.available = sorted(available)
        close = difflib.get_close_matches(name, self.available, n=3, cutoff=0.5)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        shown = ", ".join(self.available if listed is None else listed)
        super().__init__(f"Unknown {kind} '{name}'.{hint} Available: {shown}")


class InputError(CodejudgeError):
    """An input file is unreadable or malformed. Always names where and what."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.path, self.line, self.field, self.fix = path, line, field, fix
        where = ""
        if path is not None:
            where = str(path)
            if line is not None:
                where += f":{line}"
            where += ": "
        what = f"field '{field}': " if field else ""
        tail = f" Fix: {fix}" if fix else ""
        super().__init__(f"{where}{what}{message}{tail}")


class DatasetHashError(InputError):
    """A dataset file does not have the pinned hash."""


class SandboxError(CodejudgeError):
    """The sandbox malfunctioned (not the code under test)."""


class BackendUnavailable(SandboxError):
    """A sandbox backend cannot run on this machine."""

    def __init__(self, backend: str, cause: str, fix: str) -> None:
        self.backend, self.cause, self.fix = backend, cause, fix
        super().__init__(f"Backend '{backend}' is unavailable: {cause}. Fix: {fix}")


class ToolchainMissing(SandboxError):
    """A language cannot run on a backend: its toolchain (or codejudge's support files) is missing."""

    def __init__(self, language: str, backend: str, cause: str, fix: str) -> None:
        self.language, self.backend, self.cause, self.fix = language, backend, cause, fix
        super().__init__(f"Cannot run {language} on '{backend}': {cause}. Fix: {fix}")


class UnsafeExecutionRefused(CodejudgeError):
    """Untrusted code would run without isolation and the caller did not opt in."""

    exit_code = 2


class LLMError(CodejudgeError):
    """An LLM backend failed (after retries)."""


class MissingExtraError(CodejudgeError):
    """An optional dependency is missing; names the extra that provides it."""

    exit_code = 2

    def __init__(self, module: str, extra: str) -> None:
        self.module, self.extra = module, extra
        super().__init__(f"'{module}' is not installed. Install it with: pip install 'codejudge[{extra}]'")


def require(module: str, extra: str):  # noqa: ANN201 - returns a module
    """Import an optional dependency or raise MissingExtraError naming the extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(module, extra) from exc
