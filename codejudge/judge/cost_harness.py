"""Cost measurement appended to a candidate's source inside the sandbox (``cost.cost_job``).

Runs in the candidate's module, after its code: names start with ``_cj_`` to stay clear of
user code, imports happen inside the functions under private names, and there is no
``from __future__`` import (it would be a syntax error after the candidate's code), and
annotations are strings, so nothing is evaluated in the candidate's namespace. The job
appends its settings after this text (``resources.program_source``); the values below are
only the defaults a test gets when it loads the file on its own.

``_cj_measure(*args)`` calls the entry point once untraced (seconds), once under an
opcode counter (steps) and once under ``tracemalloc`` (peak bytes allocated during the
call); ``_cj_measure_script(script)`` does the same for a test script.
"""

_CJ_ENTRY = ""  # the candidate's entry point, set by cost.cost_job
_CJ_STEP_CAP = 5_000_000  # stop counting past this (the wall clock still bounds the run)


def _cj_count(_cj_call):  # untyped on purpose: the tracer's frames must stay as they were measured
    import sys as _cj_sys

    _cj_state = [0]
    _cj_cap = _CJ_STEP_CAP

    def _cj_local(frame, event, arg):
        if event == "opcode" and _cj_state[0] < _cj_cap:
            _cj_state[0] += 1
        return _cj_local

    def _cj_global(frame, event, arg):
        frame.f_trace_opcodes = True
        frame.f_trace_lines = False
        return _cj_local

    _cj_sys.settrace(_cj_global)
    try:
        _cj_call()
    finally:
        _cj_sys.settrace(None)
    return _cj_state[0]


def _cj_peak(_cj_call):  # untyped like _cj_count
    import tracemalloc as _cj_tm

    _cj_tm.start()
    try:
        _cj_base = _cj_tm.get_traced_memory()[0]
        _cj_call()
        return max(0, _cj_tm.get_traced_memory()[1] - _cj_base)
    finally:
        _cj_tm.stop()


def _cj_measure(*args: "object") -> "list":
    import copy as _cj_copy
    import time as _cj_time

    _cj_target = globals()[_CJ_ENTRY]
    _cj_args = _cj_copy.deepcopy(args)  # the candidate may mutate its inputs
    _cj_t0 = _cj_time.perf_counter()
    _cj_target(*_cj_args)
    _cj_seconds = _cj_time.perf_counter() - _cj_t0
    _cj_again = _cj_copy.deepcopy(args)  # copied before measuring, so the copy is not counted
    _cj_steps = _cj_count(lambda: _cj_target(*args))
    _cj_bytes = _cj_peak(lambda: _cj_target(*_cj_again))
    return [_cj_steps, _cj_seconds, _cj_bytes]


def _cj_measure_script(script: "str") -> "list":
    import time as _cj_time

    _cj_t0 = _cj_time.perf_counter()
    exec(script, dict(globals()))
    _cj_seconds = _cj_time.perf_counter() - _cj_t0
    _cj_steps = _cj_count(lambda: exec(script, dict(globals())))
    _cj_bytes = _cj_peak(lambda: exec(script, dict(globals())))
    return [_cj_steps, _cj_seconds, _cj_bytes]
