"""Tagged plain-data encoding for values that cross the sandbox boundary.

Only exact builtin types are accepted (``type(v) is int``, not ``isinstance``),
so an ``int`` subclass or an object with a rigged ``__eq__`` cannot pass as
data. Encoding is JSON with a few tags::

    None, bool, str, finite float       -> themselves
    int                                 -> itself, or {"$int": "<hex>"} when too long for JSON
    list                                -> [...]
    float nan / inf / -inf              -> {"$float": "nan" | "inf" | "-inf"}
    tuple / set / frozenset             -> {"$tuple" | "$set" | "$frozenset": [...]}
    dict (any plain keys)               -> {"$dict": [[k, v], ...]}
    bytes                               -> {"$bytes": "<base64>"}
    long list of floats (and small ints) -> {"$f64": "<base64 little-endian doubles>", "ints": [...]}

The ``$f64`` form is only an encoding: it decodes to the same list (the positions in
``ints`` come back as ints). Writing and parsing millions of floats as JSON text cost
seconds on HumanEval+ outputs; packed doubles cost milliseconds.

>>> encode((1, 2.5, float("inf")))
{'$tuple': [1, 2.5, {'$float': 'inf'}]}
>>> decode(encode({"a": {1, 2}})) == {"a": {1, 2}}
True

This module is copied verbatim into the sandbox runner, so it imports only
the standard library and must stay self-contained.
"""

from __future__ import annotations

import binascii
import math
import sys
from _operator import is_  # not operator.py: one import less at every sandbox start
from array import array
from itertools import compress, repeat

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs ~5 ms at every sandbox start, and annotations are strings here
    from typing import Any

MAX_DEPTH = 200
# Python refuses to turn an int of more than 4300 decimal digits into text (CVE-2020-10735),
# which json.dumps needs; 14,000 bits is about 4,214 digits. Hex has no such limit.
BIG_INT_BITS = 14000


# Element types a list can hold as they are (no tag): checking a whole list with C-level
# set(map(type, ...)) instead of one Python call per element made big outputs (HumanEval+'s
# lists of 10^5 numbers) several times cheaper to encode and decode.
_FLAT = frozenset((str, bool, type(None), int, float))


def _flat_ok(items: list) -> bool:
    """True if ``items`` encodes to itself: exact scalar types, finite floats, short ints."""
    kinds = set(map(type, items))
    if not kinds <= _FLAT:
        return False
    if float in kinds or int in kinds:
        nums = [v for v in items if type(v) is float or type(v) is int] if kinds - {int, float} else items
        try:
            if float in kinds and not all(map(math.isfinite, nums)):
                return False
        except OverflowError:  # an int too large for a float: let the slow path look at it
            return False
        if int in kinds and max(map(abs, (v for v in nums if type(v) is int))).bit_length() > BIG_INT_BITS:
            return False
    return True


PACK_MIN = 256  # shorter number lists stay readable JSON
_EXACT = 2**53  # ints up to this size are exact as doubles


def _pack(items: list) -> dict | None:
    """``{"$f64": ..., "ints": [...]}`` for a long list of floats and small ints, else None."""
    if len(items) < PACK_MIN:
        return None
    kinds = list(map(type, items))
    if float not in kinds or not set(kinds) <= {int, float}:
        return None
    ints = list(compress(range(len(items)), map(is_, kinds, repeat(int))))
    if len(ints) * 4 > len(items) or (ints and max(abs(items[i]) for i in ints) > _EXACT):
        return None
    packed = array("d", items)
    if sys.byteorder == "big":
        packed.byteswap()
    return {"$f64": binascii.b2a_base64(packed.tobytes(), newline=False).decode("ascii"), "ints": ints}


def _unpack(data: dict) -> list:
    payload, ints = data.get("$f64"), data.get("ints")
    if len(data) != 2 or type(payload) is not str or type(ints) is not list:
        raise NotPlainData("malformed $f64")
    try:
        raw = binascii.a2b_base64(payload.encode("ascii"))
    except (ValueError, binascii.Error):
        raise NotPlainData("malformed $f64") from None
    if len(raw) % 8:
        raise NotPlainData("malformed $f64")
    values = array("d")
    values.frombytes(raw)
    if sys.byteorder == "big":
        values.byteswap()
    out = values.tolist()
    for i in ints:
        if type(i) is not int or not 0 <= i < len(out) or not math.isfinite(out[i]) or out[i] != int(out[i]):
            raise NotPlainData("malformed $f64 int position")
        out[i] = int(out[i])
    return out


class NotPlainData(TypeError):
    """The value is not plain data (wrong type, too deep, or malformed tag)."""


def encode(value: Any, _depth: int = 0) -> Any:
    if _depth > MAX_DEPTH:
        raise NotPlainData("value nested deeper than %d levels" % MAX_DEPTH)
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return {"$int": hex(value)} if value.bit_length() > BIG_INT_BITS else value
    if t is float:
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    d = _depth + 1
    if t is list or t is tuple:
        items = _pack(value) or (list(value) if _flat_ok(value) else [encode(v, d) for v in value])
        return items if t is list else {"$tuple": items}
    if t is set or t is frozenset:
        items = [encode(v, d) for v in value]
        return {"$set" if t is set else "$frozenset": items}
    if t is dict:
        return {"$dict": [[encode(k, d), encode(v, d)] for k, v in value.items()]}
    if t is bytes:
        return {"$bytes": binascii.b2a_base64(value, newline=False).decode("ascii")}
    raise NotPlainData("value of type %s is not plain data" % t.__name__)


def decode(data: Any, _depth: int = 0) -> Any:
    if _depth > MAX_DEPTH:
        raise NotPlainData("value nested deeper than %d levels" % MAX_DEPTH)
    t = type(data)
    if data is None or t is bool or t is int or t is str or t is float:
        return data
    d = _depth + 1
    if t is list:
        # JSON gives only str/int/float/bool/None/list/dict: a list without list or dict members
        # has no tags inside and decodes to itself
        return list(data) if not (set(map(type, data)) & {list, dict}) else [decode(v, d) for v in data]
    if t is dict and "$f64" in data:
        return _unpack(data)
    if t is dict and len(data) == 1:
        ((tag, payload),) = data.items()
        if tag == "$float" and payload in ("nan", "inf", "-inf"):
            return float(payload)
        if tag == "$int" and type(payload) is str:
            try:
                return int(payload, 16)  # base 16 is exempt from the digit limit
            except ValueError:
                raise NotPlainData("malformed $int") from None
        if tag in ("$tuple", "$set", "$frozenset") and (type(payload) is list or tag == "$tuple"):
            items = decode(payload, d)
            if type(items) is not list:
                raise NotPlainData("malformed %s" % tag)
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
            # binascii, not base64: the runner decodes arguments after it has emptied
            # sys.modules of its own imports, and must not bring new ones back
            try:
                raw = binascii.a2b_base64(payload.encode("ascii"))
            except ValueError as exc:  # also binascii.Error and non-ASCII text
                raise NotPlainData("malformed $bytes") from exc
            if binascii.b2a_base64(raw, newline=False) != payload.encode("ascii"):
                raise NotPlainData("malformed $bytes")  # only the canonical form encode() writes
            return raw
    raise NotPlainData("malformed tagged value: %r" % (data,)[:200])


def type_name(value: Any) -> str:
    """Short type description used in mismatch messages."""
    return type(value).__name__
