"""Taxonomies as data: mistake categories, their reasons, coding preferences.

The YAML files ship inside the package in ``codejudge/taxonomies/`` (a checkout's
top-level ``taxonomies/`` links there; override with ``CODEJUDGE_TAXONOMIES``), each validated
against ``schemas/<name>.schema.json`` beside them
plus cross-checks a schema cannot express (unique ids and codes, code ranges).

>>> [c["id"] for c in load("mistakes")["categories"]][:2]
['conditional_error', 'garbage_code']
>>> len(load("preferences")["preferences"])
5
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import yaml

from codejudge.errors import InputError, UnknownNameError
from codejudge.resources import resource_path

NAMES = ("mistakes", "reasons", "preferences")


def directory() -> Path:
    env = os.environ.get("CODEJUDGE_TAXONOMIES")
    return Path(env) if env else resource_path("taxonomies")


@functools.cache
def load(name: str) -> dict[str, Any]:
    """Load and validate ``taxonomies/<name>.yaml``; raises InputError naming the bad field."""
    if name not in NAMES:
        raise UnknownNameError("taxonomy", name, NAMES)
    import jsonschema

    path = directory() / f"{name}.yaml"
    if not path.exists():
        raise InputError(
            f"taxonomy file {name}.yaml not found",
            path=path,
            fix="unset CODEJUDGE_TAXONOMIES or point it at a folder holding "
            f"{', '.join(n + '.yaml' for n in NAMES)} and schemas/"
            if os.environ.get("CODEJUDGE_TAXONOMIES")
            else "reinstall codejudge: the wheel ships its taxonomies in codejudge/taxonomies/",
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path,
            line=mark.line + 1 if mark else None,
            fix="quote values that contain ': '",
        ) from exc
    schema = json.loads((directory() / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        raise InputError(
            e.message,
            path=path,
            field="/".join(map(str, e.path)) or "<root>",
            fix=f"make the file match {name}.schema.json",
        )
    if name == "mistakes":
        _check_codes(data, path)
    return data


def _check_codes(data: dict[str, Any], path: Path) -> None:
    seen: set[str] = {data["syntax"]["code"], *data["retired"]}
    ids: set[str] = set()
    for i, cat in enumerate(data["categories"], 1):
        if cat["id"] in ids:
            raise InputError(
                f"category id {cat['id']!r} used twice", path=path, field=f"categories/{i - 1}/id"
            )
        ids.add(cat["id"])
        for kind in ("rules", "dynamic"):
            for entry in cat[kind]:
                code = entry["code"]
                if code in seen:
                    raise InputError(
                        f"code {code} used twice (codes are never reused)",
                        path=path,
                        field=f"categories/{i - 1}/{kind}",
                        fix="pick a new code",
                    )
                seen.add(code)
                # The hundreds digit is the category; x9x codes are dynamic tags.
                if int(code[2]) != i or (code[3] == "9") != (kind == "dynamic"):
                    raise InputError(
                        f"code {code} is outside the range of {cat['id']} {kind}",
                        path=path,
                        field=f"categories/{i - 1}/{kind}",
                        fix=f"use CJ{i}0x for rules, CJ{i}9x for dynamic",
                    )


def mistake_codes() -> dict[str, dict[str, Any]]:
    """Every code -> its entry plus ``category`` and ``kind`` (rule | dynamic | syntax)."""
    data = load("mistakes")
    out = {data["syntax"]["code"]: {**data["syntax"], "category": "syntax", "kind": "syntax"}}
    for cat in data["categories"]:
        for kind, key in (("rule", "rules"), ("dynamic", "dynamic")):
            for entry in cat[key]:
                out[entry["code"]] = {**entry, "category": cat["id"], "kind": kind}
    return out
