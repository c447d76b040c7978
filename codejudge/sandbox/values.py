"""Tagged plain-data encoding for values that cross the sandbox boundary.

Only exact builtin types are accepted (``type(v) is int``, not ``isinstance``),
so an ``int`` subclass or an object with a rigged ``__eq__`` cannot pass as
data. Encoding is JSON with a few tags::

    None, bool, int, str, finite float  -> themselves
    list                                -> [...]
    float nan / inf / -inf              -> {"$float": "nan" | "inf" | "-inf"}
    tuple / set / frozenset             -> {"$tuple" | "$set" | "$frozenset": [...]}
    dict (any plain keys)               -> {"$dict": [[k, v], ...]}
    bytes                               -> {"$bytes": "<base64>"}

>>> encode((1, 2.5, float("inf")))
{'$tuple': [1, 2.5, {'$float': 'inf'}]}
>>> decode(encode({"a": {1, 2}})) == {"a": {1, 2}}
True

This module is copied verbatim into the sandbox runner, so it imports only
the standard library and must stay self-contained.
"""

from __future__ import annotations

import base64
import math
from typing import Any

MAX_DEPTH = 200


class NotPlainData(TypeError):
    """The value is not plain data (wrong type, too deep, or malformed tag)."""


def encode(value: Any, _depth: int = 0) -> Any:
    if _depth > MAX_DEPTH:
        raise NotPlainData("value nested deeper than %d levels" % MAX_DEPTH)
    t = type(value)
    if value is None or t is bool or t is int or t is str:
        return value
    if t is float:
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    d = _depth + 1
    if t is list:
        return [encode(v, d) for v in value]
    if t is tuple:
        return {"$tuple": [encode(v, d) for v in value]}
    if t is set or t is frozenset:
        items = [encode(v, d) for v in value]
        return {"$set" if t is set else "$frozenset": items}
    if t is dict:
        return {"$dict": [[encode(k, d), encode(v, d)] for k, v in value.items()]}
    if t is bytes:
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    raise NotPlainData("value of type %s is not plain data" % t.__name__)


def decode(data: Any, _depth: int = 0) -> Any:
    if _depth > MAX_DEPTH:
        raise NotPlainData("value nested deeper than %d levels" % MAX_DEPTH)
    t = type(data)
    if data is None or t is bool or t is int or t is str or t is float:
        return data
    d = _depth + 1
    if t is list:
        return [decode(v, d) for v in data]
    if t is dict and len(data) == 1:
        (tag, payload), = data.items()
        if tag == "$float" and payload in ("nan", "inf", "-inf"):
            return float(payload)
        if tag in ("$tuple", "$set", "$frozenset") and type(payload) is list:
            items = [decode(v, d) for v in payload]
            if tag == "$tuple":
                return tuple(items)
            try:
                return set(items) if tag == "$set" else frozenset(items)
            except TypeError as exc:  # unhashable member
                raise NotPlainData(str(exc)) from None
        if tag == "$dict" and type(payload) is list:
            out = {}
            for pair in payload:
                if type(pair) is not list or len(pair) != 2:
                    raise NotPlainData("malformed $dict entry")
                try:
                    out[decode(pair[0], d)] = decode(pair[1], d)
                except TypeError as exc:
                    raise NotPlainData(str(exc)) from None
            return out
        if tag == "$bytes" and type(payload) is str:
            try:
                return base64.b64decode(payload.encode("ascii"), validate=True)
            except ValueError as exc:
                raise NotPlainData("malformed $bytes") from exc
    raise NotPlainData("malformed tagged value: %r" % (data,)[:200])


def type_name(value: Any) -> str:
    """Short type description used in mismatch messages."""
    return type(value).__name__
