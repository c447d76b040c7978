"""Configs are dataclasses 1:1 with CLI flags: this module makes the flags from the fields.

``add_config_flags(parser, Config)`` adds one flag per field (``foo_bar`` ->
``--foo-bar``), its type, choices and help taken from the field: the help is the
field's ``metadata["help"]``, else the comment on its line in the class source;
a ``Literal`` type gives the choices; ``bool`` fields default False are switches
(``--x``), those default True are ``--no-x``. ``config_from_args`` builds the
config back from the parsed flags, and ``update_from_args`` lays the flags a user
actually gave over a config read from a file. Per-field exceptions (another flag
name, a parser for a list, old spellings kept as deprecated aliases) are ``Flag``
values passed alongside.

>>> import argparse, dataclasses
>>> @dataclasses.dataclass
... class Demo:
...     name: str = "x"  # what to call it
...     verbose: bool = False
...     progress: bool = True
>>> parser = argparse.ArgumentParser()
>>> add_config_flags(parser, Demo)
>>> config_from_args(Demo, parser.parse_args(["--name", "y", "--no-progress"]))
Demo(name='y', verbose=False, progress=False)
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import io
import sys
import textwrap
import tokenize
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

C = TypeVar("C")


@dataclass(frozen=True)
class Flag:
    """How one config field deviates from the default mapping.

    ``name``: the flag (default ``--field-name``); ``deprecated``: old spellings that
    still work but warn; ``parse``: turns the flag's text into the field's value
    (lists, sets, tables); ``help`` and ``metavar`` as in argparse; ``choices`` when
    the type does not say them; ``nargs``: a list given as several values after one flag
    (``--stages sft dpo``) instead of a comma list; ``action``: an argparse action instead of a
    type (``"append"`` for a repeatable ``KEY=VALUE``, which the command turns into a table);
    ``negatable``: a switch with both spellings, ``--x`` and ``--no-x``, for a setting a recipe
    file may set either way.
    """

    name: str | None = None
    deprecated: tuple[str, ...] = ()
    parse: Callable[[str], Any] | None = None
    help: str | None = None
    metavar: str | None = None
    choices: tuple[str, ...] | None = None
    required: bool = False
    nargs: str | None = None
    action: str | None = None
    negatable: bool = False


def _backends() -> tuple[str, ...]:
    from codejudge.sandbox import BACKENDS

    return tuple(BACKENDS)


# The sandbox backend flag, the same everywhere: --backend, choices from the registry.
BACKEND = Flag(choices=_backends(), help="sandbox backend that runs the code")
UNSAFE_LOCAL = Flag(help="allow --backend local (runs untrusted code WITHOUT isolation)")


def comma_list(text: str) -> list[str]:
    """``"a, b,c"`` -> ``["a", "b", "c"]`` (the flag form of a list field)."""
    return [t.strip() for t in text.split(",") if t.strip()]


def flag_name(field_name: str, default: Any = None) -> str:
    """The flag of a field: ``--foo-bar``; a bool that is on by default is turned off by ``--no-foo-bar``."""
    return ("--no-" if default is True else "--") + field_name.replace("_", "-")


def field_comments(cls: type) -> dict[str, str]:
    """The comment on each field's line in ``cls``'s source (empty when the source is not available)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    out: dict[str, str] = {}
    pending: str | None = None
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.start[1] == 4 and pending is None:
            pending = tok.string  # a statement at class-body indentation: maybe a field
        elif tok.type == tokenize.COMMENT and pending is not None:
            out.setdefault(pending, tok.string.lstrip("#").strip())
        elif tok.type == tokenize.NEWLINE:
            pending = None
    return out


def _unwrap_optional(tp: Any) -> Any:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else tp
    return tp


def _field_default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


def _describe_default(value: Any) -> str | None:
    if value is None or value is False or value == [] or value == {} or value == set():
        return None
    if isinstance(value, (set, frozenset)):
        return ",".join(sorted(map(str, value)))
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))  # in order: a list's order can matter (train stages)
    return str(value)


def _spec(
    cls: type, f: dataclasses.Field, tp: Any, flag: Flag, comment: str | None
) -> tuple[list[str], dict]:
    default = _field_default(f)
    base = _unwrap_optional(tp)
    help_text = flag.help or f.metadata.get("help") or comment or ""
    kwargs: dict[str, Any] = {"dest": f.name, "default": None}
    if base is bool and flag.negatable:
        kwargs["action"] = argparse.BooleanOptionalAction
        names = [flag.name or flag_name(f.name)]
    elif base is bool:
        kwargs.update(action="store_const", const=default is not True)
        names = [flag.name or flag_name(f.name, default)]
    else:
        names = [flag.name or flag_name(f.name)]
        origin = typing.get_origin(base)
        if flag.action is not None:
            kwargs["action"] = flag.action
        elif flag.parse is not None:
            kwargs["type"] = flag.parse
        elif flag.nargs is not None and origin in (list, set, tuple):
            kwargs["nargs"] = flag.nargs
            kwargs["type"] = (typing.get_args(base) or (str,))[0]
        elif origin is typing.Literal:
            kwargs["choices"] = list(typing.get_args(base))
        elif origin in (list, set, tuple):
            kind = {list: list, set: set, tuple: tuple}[origin]
            kwargs["type"] = lambda text, kind=kind: kind(comma_list(text))
            kwargs.setdefault("metavar", "A,B,...")
        elif base in (int, float, str, Path):
            kwargs["type"] = base
        else:
            raise TypeError(f"{cls.__name__}.{f.name}: no flag for type {tp!r}; pass Flag(parse=...)")
        if flag.choices is not None:
            kwargs["choices"] = list(flag.choices)
        shown = _describe_default(default)
        if shown is not None and "default" not in help_text and not flag.required:
            help_text = f"{help_text} (default: {shown})" if help_text else f"default: {shown}"
    if flag.required:
        kwargs["required"] = True
    if flag.metavar:
        kwargs["metavar"] = flag.metavar
    elif (
        flag.name and base is not bool and "choices" not in kwargs and "nargs" not in kwargs
    ):  # --dataset for dataset_path: DATASET
        kwargs["metavar"] = flag.name.lstrip("-").replace("-", "_").upper()
    kwargs["help"] = help_text.replace("%", "%%")
    return names, kwargs


class _Deprecated(argparse.Action):
    """An old spelling of a flag: works like the new one, with a warning naming the new one."""

    def __init__(
        self, option_strings: list[str], dest: str, new: str = "", inner: dict | None = None, **kwargs: Any
    ) -> None:
        self.new, self.inner = new, inner or {}
        takes_value = self.inner.get("action") != "store_const"
        super().__init__(
            option_strings, dest, nargs=None if takes_value else 0, help=argparse.SUPPRESS, default=None
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        print(f"codejudge: {option_string} is deprecated, use {self.new}", file=sys.stderr)
        if self.inner.get("action") == "store_const":
            setattr(namespace, self.dest, self.inner["const"])
            return
        conv = self.inner.get("type")
        value = conv(values) if conv is not None else values
        choices = self.inner.get("choices")
        if choices is not None and value not in choices:
            parser.error(
                f"argument {self.new}: invalid choice: {value!r} (choose from {', '.join(map(str, choices))})"
            )
        setattr(namespace, self.dest, value)


def add_config_flags(
    parser: argparse.ArgumentParser | Any,
    cls: type,
    flags: Mapping[str, Flag] | None = None,
    skip: tuple[str, ...] = (),
) -> None:
    """One flag per field of the dataclass ``cls`` (but ``skip``); see the module docstring.

    Every flag defaults to None ("not given"): the config's own defaults apply in
    ``config_from_args`` and a file's values survive in ``update_from_args``.
    """
    flags = flags or {}
    hints = typing.get_type_hints(cls)
    comments = field_comments(cls)
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        flag = flags.get(f.name, Flag())
        names, kwargs = _spec(cls, f, hints[f.name], flag, comments.get(f.name))
        parser.add_argument(*names, **kwargs)
        for old in flag.deprecated:
            add_deprecated(
                parser,
                old,
                names[0],
                f.name,
                **{k: v for k, v in kwargs.items() if k in ("action", "const", "type", "choices")},
            )


def add_deprecated(
    parser: argparse.ArgumentParser | Any, old: str, new: str, dest: str, **inner: Any
) -> None:
    """``old`` as a deprecated spelling of the flag ``new`` (same ``dest``; ``inner`` as for ``new``:
    ``action="store_const", const=True`` for a switch, or its ``type`` and ``choices``)."""
    parser.add_argument(old, dest=dest, action=_Deprecated, new=new, inner=inner)


def add_sandbox_flags(parser: argparse.ArgumentParser | Any, deprecated_unsafe: bool = False) -> None:
    """``--backend`` and ``--unsafe-local`` for a command without a config dataclass (same words,
    choices and help as the configs' flags); ``--unsafe`` too where that spelling was once used."""
    parser.add_argument(
        "--backend", default="bwrap", choices=BACKEND.choices, help=f"{BACKEND.help} (default: bwrap)"
    )
    parser.add_argument("--unsafe-local", action="store_true", help=UNSAFE_LOCAL.help)
    if deprecated_unsafe:
        add_deprecated(parser, "--unsafe", "--unsafe-local", "unsafe_local", action="store_const", const=True)


def given(cls: type, args: argparse.Namespace, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The config fields the user set on the command line."""
    return {
        f.name: getattr(args, f.name)
        for f in dataclasses.fields(cls)
        if f.name not in skip and getattr(args, f.name, None) is not None
    }


def config_from_args(cls: type[C], args: argparse.Namespace, skip: tuple[str, ...] = (), **extra: Any) -> C:
    """``cls`` from the flags added by ``add_config_flags``; fields not given keep their defaults.
    ``extra`` sets fields that come from elsewhere (a positional argument, a skipped field)."""
    return cls(**{**given(cls, args, skip), **extra})


def update_from_args(cfg: C, args: argparse.Namespace, skip: tuple[str, ...] = ()) -> C:
    """``cfg`` with the flags the user gave laid over it (a flag wins over a config file)."""
    return dataclasses.replace(cfg, **given(type(cfg), args, skip))  # type: ignore[type-var]
