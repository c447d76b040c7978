"""MBPP+ v0.2.0 stores some inputs in a JSON-friendly form; this restores the
Python values the tasks expect (tuples, complex numbers), as evalplus 0.3.1
does when it loads the release, and turns them back for ``eval_results.json``.

JSON has no tuples, so for the listed tasks some lists become tuples at a
fixed nesting level; two tasks carry complex numbers as strings, which cannot
cross the sandbox boundary as data, so they stay strings and a small trusted
adapter (``ADAPTERS``) converts them inside the sandbox before the call.

>>> deserialize(106, [[[1, 2], [3, 4]]])
[[[1, 2], (3, 4)]]
>>> deserialize(2, [[[3, 4], [5, 7]]])
[[(3, 4), (5, 7)]]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Inputs = list[Any]  # one entry per test: the positional arguments


def _deep_tuple(x: Any) -> Any:
    return tuple(_deep_tuple(i) for i in x) if isinstance(x, list) else x


def _args_to_tuples(inp: list) -> list:  # every argument (a list) becomes a tuple
    return [tuple(a) for a in inp]


def _nested_to_tuples(inp: list) -> list:  # every argument is a list of lists -> list of tuples
    return [[tuple(x) for x in a] for a in inp]


_RULES: list[tuple[frozenset[int], Callable[[list], Any]]] = [
    (
        frozenset(
            {
                2,
                116,
                132,
                143,
                222,
                261,
                273,
                394,
                399,
                421,
                424,
                429,
                470,
                560,
                579,
                596,
                616,
                630,
                726,
                740,
                744,
                809,
            }
        ),
        _args_to_tuples,
    ),
    (frozenset({63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780}), _nested_to_tuples),
    (frozenset({75, 413, 444, 753}), lambda inp: [[tuple(x) for x in inp[0]], inp[1]]),
    (frozenset({106, 750}), lambda inp: [inp[0], tuple(inp[1])]),
    (frozenset({115}), lambda inp: [[set(x) if isinstance(x, list) and x else {} for x in inp[0]]]),
    (frozenset({250, 405, 446, 617, 720, 763, 808}), lambda inp: [tuple(inp[0]), inp[1]]),
    (frozenset({259, 401, 445}), lambda inp: [tuple(tuple(x) for x in a) for a in inp]),
    (frozenset({278}), lambda inp: [tuple(tuple(x) if isinstance(x, list) else x for x in inp[0])]),
    (frozenset({307}), lambda inp: [tuple(inp[0]), inp[1], inp[2]]),
    (frozenset({722}), lambda inp: [{k: tuple(v) for k, v in inp[0].items()}, *inp[1:]]),
    (frozenset({580, 615, 791}), _deep_tuple),
]


def task_number(task_id: str) -> int:
    return int(task_id.rsplit("/", 1)[-1])


def deserialize(number: int, inputs: Inputs) -> Inputs:
    """Python values for the stored inputs of MBPP+ task ``number``."""
    for numbers, rule in _RULES:
        if number in numbers:
            return [list(rule(inp)) for inp in inputs]
    return inputs


def serialize(number: int, inputs: Inputs) -> Inputs:
    """The stored form of failing inputs, as evalplus writes them into eval_results.json."""
    if number == 115:
        return [[[list(item) for item in inp[0]]] for inp in inputs]
    if number == 124:
        return [[str(inp[0]), str(inp[1])] for inp in inputs]
    if number == 252:
        return [[str(inp[0])] for inp in inputs]
    return inputs


ADAPTER_ENTRY = "__codejudge_entry__"

# Trusted code appended to the program inside the sandbox; the job then calls
# ADAPTER_ENTRY. Complex numbers arrive as strings (not plain data), and tasks
# whose reference returns a ``re.Match`` are compared on "is not None", as
# evalplus does; a candidate returning a bool is compared as a bool.
ADAPTERS: dict[int, str] = {
    124: "def __codejudge_entry__(a, b):\n    return {ep}(float(a), complex(b))\n",
    252: "def __codejudge_entry__(z):\n    return {ep}(complex(z))\n",
}
NOT_NONE_ENTRY_POINTS = ("check_str", "text_match_three", "text_starta_endb")
NOT_NONE_ADAPTER = (
    "def __codejudge_entry__(*args):\n"
    "    out = {ep}(*args)\n"
    "    return out if type(out) is bool else out is not None\n"
)


def adapter(number: int, entry_point: str) -> str | None:
    """Adapter source for a task, or None when the entry point is called directly."""
    if entry_point in NOT_NONE_ENTRY_POINTS:
        return NOT_NONE_ADAPTER.format(ep=entry_point)
    if number in ADAPTERS:
        return ADAPTERS[number].format(ep=entry_point)
    return None
