"""``[tool.codejudge]`` in pyproject.toml: what ``codejudge review`` checks and when it fails.

Every key is also a CLI flag of ``codejudge review`` (same name, ``-`` for ``_``);
a flag given on the command line wins over the file.

>>> cfg = parse({"select": ["CJ7"], "fail_level": "error"}, "pyproject.toml")
>>> cfg.fail_level, sorted(cfg.select)
('error', ['CJ7'])
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from codejudge.errors import ConfigError
from codejudge.types import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = __import__("tomli")

LEVELS = ("note", "warning", "error")  # ascending; fail_level "never" disables failing
_CODE = re.compile(r"^[A-Z]+[0-9]*$")


@dataclass
class ReviewConfig:
    """Options of ``codejudge review`` (1:1 with its flags)."""

    select: set[str] | None = None  # rule codes or prefixes to run; None: all
    ignore: set[str] = field(default_factory=set)  # rule codes or prefixes to skip
    severity: dict[str, Severity] = field(default_factory=dict)  # code -> note|warning|error
    fail_level: Literal["note", "warning", "error", "never"] = "warning"  # exit 1 at this severity or worse
    test_command: list[str] | None = None  # extra pytest arguments for the pre-push test hook
    test_timeout_s: float = 120.0  # wall clock of the sandboxed pytest run, seconds
    backend: str = "bwrap"  # sandbox backend for --tests (the old key `sandbox` still works, deprecated)
    judge_endpoint: str | None = None  # OpenAI-compatible base URL; None: no LLM judge
    judge_model: str | None = None  # model name to send to judge_endpoint
    judge_min_score: float | None = None  # with --tests: fail when the judge rates a file lower
    max_comments: int = 50  # review comments per pull request review


def _expect(ok: bool, path: Path | str, key: str, expected: str, got: Any) -> None:
    if not ok:
        raise ConfigError(f"{path}: [tool.codejudge] key '{key}': expected {expected}, got {got!r}")


def _codes(value: Any, path: Path | str, key: str) -> set[str]:
    ok = isinstance(value, list) and all(isinstance(v, str) and _CODE.match(v) for v in value)
    _expect(ok, path, key, 'a list of rule codes or prefixes like ["CJ701", "CJ7"]', value)
    return set(value)


def parse(table: dict[str, Any], path: Path | str) -> ReviewConfig:
    """Validate a ``[tool.codejudge]`` table; errors name the file, the key and what was expected."""
    known = {f.name for f in fields(ReviewConfig)}
    if "sandbox" in table:  # the old name of `backend`
        if "backend" in table:
            raise ConfigError(f"{path}: [tool.codejudge] has both 'sandbox' and 'backend': keep 'backend'")
        print(
            f"codejudge: {path}: [tool.codejudge] key 'sandbox' is deprecated, use 'backend'", file=sys.stderr
        )
        table = {("backend" if k == "sandbox" else k): v for k, v in table.items()}
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ConfigError(
                f"{path}: [tool.codejudge] unknown key '{key}'.{hint} Known: {', '.join(sorted(known))}"
            )
    cfg = ReviewConfig()
    if "select" in table:
        cfg.select = _codes(table["select"], path, "select")
    if "ignore" in table:
        cfg.ignore = _codes(table["ignore"], path, "ignore")
    if "severity" in table:
        sev = table["severity"]
        ok = isinstance(sev, dict) and all(_CODE.match(k) and v in LEVELS for k, v in sev.items())
        _expect(ok, path, "severity", f"a table of rule code = one of {', '.join(LEVELS)}", sev)
        cfg.severity = dict(sev)
    if "fail_level" in table:
        _expect(
            table["fail_level"] in (*LEVELS, "never"),
            path,
            "fail_level",
            f"one of {', '.join(LEVELS)}, never",
            table["fail_level"],
        )
        cfg.fail_level = table["fail_level"]
    if "test_command" in table:
        tc = table["test_command"]
        _expect(
            isinstance(tc, list) and all(isinstance(x, str) for x in tc),
            path,
            "test_command",
            'a list of pytest arguments like ["-x", "-q"]',
            tc,
        )
        cfg.test_command = list(tc)
    for key, kind, label in (
        ("test_timeout_s", (int, float), "a positive number of seconds"),
        ("judge_min_score", (int, float), "a positive number (the judge's 1-5 scale)"),
        ("max_comments", int, "a positive integer"),
    ):
        if key in table:
            v = table[key]
            _expect(isinstance(v, kind) and not isinstance(v, bool) and v > 0, path, key, label, v)
            setattr(cfg, key, v)
    for key in ("backend", "judge_endpoint", "judge_model"):
        if key in table:
            _expect(
                isinstance(table[key], str) and table[key] != "", path, key, "a non-empty string", table[key]
            )
            setattr(cfg, key, table[key])
    from codejudge.sandbox import BACKENDS

    _expect(cfg.backend in BACKENDS, path, "backend", f"one of {', '.join(BACKENDS)}", cfg.backend)
    if cfg.judge_endpoint is not None:
        _expect(
            cfg.judge_endpoint.startswith(("http://", "https://")),
            path,
            "judge_endpoint",
            "an http(s) URL like http://127.0.0.1:8000/v1",
            cfg.judge_endpoint,
        )
    return cfg


def find_pyproject(start: str | Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``."""
    here = Path(start).resolve()
    for d in (here, *here.parents):
        if (d / "pyproject.toml").is_file():
            return d / "pyproject.toml"
    return None


def load(path: str | Path | None = None, start: str | Path = ".") -> ReviewConfig:
    """Read ``[tool.codejudge]`` from ``path`` (or the nearest pyproject.toml); defaults if absent."""
    pyproject = Path(path) if path is not None else find_pyproject(start)
    if pyproject is None:
        return ReviewConfig()
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc}") from exc
    return loads(text, pyproject)


def loads(text: str, where: str | Path) -> ReviewConfig:
    """``[tool.codejudge]`` of a pyproject.toml's text; ``where`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}. Fix the syntax at that line.") from exc
    table = data.get("tool", {}).get("codejudge", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.codejudge] must be a table, got {table!r}")
    return parse(table, where)
