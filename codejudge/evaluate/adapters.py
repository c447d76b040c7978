"""Trusted wrappers appended to programs inside the sandbox, so that outputs
evalplus compares with ``==`` in-process can cross the sandbox boundary as
plain data without changing any verdict.

* ``normalize`` (the adapter is ``normalizer.py``): ``Counter``/``OrderedDict``/``defaultdict`` -> ``dict``, other
  builtin subclasses (``namedtuple``, ``IntEnum``...) -> their builtin base
  (``==`` treats them the same), ``complex`` -> ``("__complex__", re, im)``
  (equal exactly when the numbers are). Integers longer than 4300 digits cross
  the boundary in hex (``values``); the wrapper does not lift Python's digit
  limit, which the candidate's own ``str(n)`` must keep meeting, as in evalplus.
* ``box``: see ``box_none_expected``.

The wrappers travel as ``Job.adapter`` / ``Job.call`` and the runner runs
them in a namespace of their own beside the candidate's module (which holds only
what the candidate defined). A candidate that tampers with them can only change
its own output, which it controls anyway: the verdict is still decided in the
parent.
"""

from __future__ import annotations

from typing import Any

from codejudge.resources import program_source
from codejudge.types import Problem

NORMALIZE_ENTRY = "__codejudge_plain__"
BOX_ENTRY = "__codejudge_boxed__"

NORMALIZER_PARTS = ("evaluate", "normalizer.py")


def normalizer_source(call: str) -> str:
    """The normalizer adapter (``codejudge/evaluate/normalizer.py``) for outputs of ``call``."""
    return "\n\n" + program_source(*NORMALIZER_PARTS, _CJ_CALL=call)


def adapter_fields(problem: Problem) -> dict[str, Any]:
    """The ``Job`` fields that make the runner call the problem's adapter (none without one)."""
    if not problem.adapter:
        return {}
    fields: dict[str, Any] = {
        "adapter": problem.adapter,
        "call": problem.call or problem.entry_point,
        "adapter_frames": problem.adapter_frames or 1,
    }  # wrapper calls above the candidate
    if problem.boxed:
        fields["boxed"] = True  # the parent unwraps both sides before comparing (protocol._from_record)
    return fields


def _frames(problem: Problem) -> int:
    """Wrapper calls already between the job's call and the candidate (each adapter adds one)."""
    return problem.adapter_frames or (1 if problem.adapter else 0)


def normalize(problem: Problem) -> None:
    """Route calls through the output normalizer (reference and candidate alike)."""
    if problem.call in (NORMALIZE_ENTRY, BOX_ENTRY) or not problem.entry_point:
        return
    call = problem.call or problem.entry_point
    problem.adapter = (problem.adapter or "") + normalizer_source(call)
    problem.call = NORMALIZE_ENTRY
    problem.adapter_frames = _frames(problem) + 1  # counted after the adapter is set, as always


def box_none_expected(problem: Problem) -> None:
    """Work around the sandbox protocol reading ``expected=None`` as "compute only": when a
    reference output is ``None``, every output of the task is wrapped in a one-element list
    inside the sandbox, and the parent takes both sides out of their boxes before comparing
    (``Job.boxed``), so the verdict is the one of ``out`` against ``expected``.
    Tasks with a special oracle never have None outputs here and are left alone."""
    tests = [t for t in problem.tests if t.kind == "function"]
    if not tests or any(t.oracle for t in tests) or not any(t.expected is None for t in tests):
        return
    call = problem.call or problem.entry_point
    problem.adapter = (problem.adapter or "") + f"\n\ndef {BOX_ENTRY}(*args):\n    return [{call}(*args)]\n"
    problem.adapter_frames = _frames(problem) + 1
    problem.call, problem.boxed = BOX_ENTRY, True
    for t in tests:
        t.expected = [t.expected]  # the tagged form of a one-element list
