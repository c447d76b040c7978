"""The output normalizer: a trusted adapter the runner executes beside the candidate
(``adapters.normalize``), so outputs that evalplus compares with ``==`` in-process can
cross the sandbox boundary as plain data without changing any verdict.

``Counter``/``OrderedDict``/``defaultdict`` become ``dict``, other builtin subclasses
(``namedtuple``, ``IntEnum``...) their builtin base (``==`` treats them the same), and
``complex`` becomes ``("__complex__", re, im)`` (equal exactly when the numbers are).

Runs inside the sandbox, in the adapter's own namespace (``runner.load_function``), never
imported by codejudge: standard library only, no ``from __future__`` import (adapters are
concatenated), annotations as strings. ``_CJ_CALL`` (the function whose output is
normalized) is appended after this text by ``resources.program_source``.
"""

_CJ_CALL = ""  # the name to call: the entry point, or the adapter before this one


def __cj_plain(x: "object", depth: "int" = 0) -> "object":
    if depth > 100:
        return x
    t = type(x)
    if x is None or t in (bool, int, float, str, bytes):
        return x
    if t is complex:
        return ("__complex__", x.real, x.imag)  # type: ignore[attr-defined]
    if isinstance(x, dict):
        return {__cj_plain(k, depth + 1): __cj_plain(v, depth + 1) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        base = next(b for b in (list, tuple, set, frozenset) if isinstance(x, b))
        items = [__cj_plain(i, depth + 1) for i in x]
        return base(items)
    for scalar in (bool, int, float, str, bytes):
        if isinstance(x, scalar):
            return scalar(x)  # type: ignore[arg-type]  # x is an instance of scalar
    return x


def __codejudge_plain__(*args: "object") -> "object":
    # Called from here, with no frame in between: the runner counts one wrapper frame.
    return __cj_plain(globals()[_CJ_CALL](*args))
