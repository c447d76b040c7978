"""The source of a repair job (``job.variants_job``): builds repair variant ``i`` of a solution
on first use and calls it, inside the sandbox.

Runs as the job's module in the sandbox, never imported by codejudge: standard library only,
names start with ``_cj_`` (or are the entry point ``__cj_variant__``), annotations are strings.
``job.dispatcher`` appends the settings after this text (``resources.program_source``):
``_CJ_BASE`` (the solution, UTF-8 bytes), ``_CJ_EDITS`` (per variant, byte edits
``(start, end, new)``), ``_CJ_ADAPTER`` (a trusted adapter appended to each variant),
``_CJ_CALL`` (the name to call in a variant) and ``_CJ_SLOW`` (seconds after which a variant
answers no further test).

Each variant is compiled in a fresh namespace, so variants cannot see each other's globals.
A variant (other than 0, the solution as it is) that raises or runs past ``_CJ_SLOW`` is
marked dead and answers every later test with an error at once.
"""

import time as _cj_time

_CJ_BASE = b""
_CJ_ADAPTER = ""
_CJ_EDITS: "list" = []
_CJ_CALL = ""
_CJ_SLOW = 0.5
_cj_spaces: "dict" = {}
_cj_dead: "dict" = {}
_cj_builtins = __builtins__


def __cj_variant__(_cj_i: "int", *args: "object") -> "object":
    if _cj_i in _cj_dead:
        raise RuntimeError("variant stopped after " + _cj_dead[_cj_i])
    t0 = _cj_time.perf_counter()
    try:
        ns = _cj_spaces.get(_cj_i)
        if ns is None:
            data = _CJ_BASE
            for start, end, new in sorted(_CJ_EDITS[_cj_i], reverse=True):
                data = data[:start] + new + data[end:]
            ns = {"__name__": "solution", "__builtins__": _cj_builtins}
            exec(compile(data.decode("utf-8", "replace") + _CJ_ADAPTER, "solution.py", "exec"), ns)
            _cj_spaces[_cj_i] = ns
        return ns[_CJ_CALL](*args)
    except BaseException as exc:
        if _cj_i:  # variant 0 is the solution as it is: every test counts
            _cj_dead[_cj_i] = type(exc).__name__
        raise
    finally:
        if _cj_time.perf_counter() - t0 > _CJ_SLOW:
            _cj_dead.setdefault(_cj_i, "the time limit")
