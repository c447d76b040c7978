"""The programs that run inside the sandbox are real modules: their logic is tested here in
process (trusted inputs), the sandbox contract suite tests them where they run.

Appended programs (cost harness, output normalizer, repair dispatcher) run after a
candidate's code, so their shipped text plus settings must compile there and must not
touch the candidate's names.
"""

from __future__ import annotations

import collections
import enum
import json
from pathlib import Path

import pytest

from codejudge.analyze.repair.job import DISPATCHER_PARTS, dispatcher
from codejudge.evaluate.adapters import NORMALIZE_ENTRY, NORMALIZER_PARTS, normalizer_source
from codejudge.judge.cost import HARNESS_PARTS, STEP_CAP, cost_job
from codejudge.resources import program_source, resource_path
from codejudge.review.hooks import DRIVER_PARTS
from codejudge.sandbox import agent
from codejudge.sandbox.image import AGENT_PARTS, agent_command, runner_payload
from codejudge.types import TestCase

CANDIDATE = "import math\n\ndef f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n"


def _run(source: str) -> dict:
    space: dict = {"__name__": "solution"}
    exec(compile(source, "solution.py", "exec"), space)
    return space


# -- shipped as files -----------------------------------------------------------------


@pytest.mark.parametrize(
    "parts", [AGENT_PARTS, HARNESS_PARTS, NORMALIZER_PARTS, DRIVER_PARTS, DISPATCHER_PARTS]
)
def test_programs_ship_as_package_files(parts: tuple[str, ...]) -> None:
    path = resource_path(*parts)
    compile(path.read_text(encoding="utf-8"), str(path), "exec")


@pytest.mark.parametrize("parts", [HARNESS_PARTS, NORMALIZER_PARTS])
def test_appended_programs_compile_after_other_code(parts: tuple[str, ...]) -> None:
    # no `from __future__` import: it is a SyntaxError anywhere but at the top of a file
    compile(CANDIDATE + program_source(*parts), "solution.py", "exec")


def test_program_source_appends_settings_and_rejects_unknown_names() -> None:
    text = program_source(*HARNESS_PARTS, _CJ_ENTRY="f", _CJ_STEP_CAP=7)
    assert text.endswith("\n_CJ_ENTRY = 'f'\n_CJ_STEP_CAP = 7\n")
    with pytest.raises(ValueError, match="no top-level setting _CJ_ENTRYPOINT"):
        program_source(*HARNESS_PARTS, _CJ_ENTRYPOINT="f")


# -- cost harness ---------------------------------------------------------------------


def test_cost_counts_the_same_steps_every_time_and_more_for_more_work() -> None:
    job = cost_job("c", CANDIDATE, "f", [TestCase(id="0", args=[10], expected=None)])
    space = _run(job.source)
    steps, seconds, peak = space["_cj_measure"](10)
    assert steps == space["_cj_measure"](10)[0] > 0 and seconds >= 0 and peak >= 0
    assert space["_cj_measure"](100)[0] > steps
    assert space["math"].__name__ == "math"  # the candidate's own names are untouched


def test_cost_measures_peak_memory_of_the_call() -> None:
    source = "def g(n):\n    return len(list(range(n)))\n"
    space = _run(source + "\n\n" + program_source(*HARNESS_PARTS, _CJ_ENTRY="g"))
    small, big = space["_cj_measure"](10)[2], space["_cj_measure"](100_000)[2]
    assert big > 400_000 > small  # a 100k-element list holds 800 kB of pointers


def test_cost_stops_counting_at_the_cap() -> None:
    space = _run(CANDIDATE + "\n\n" + program_source(*HARNESS_PARTS, _CJ_ENTRY="f", _CJ_STEP_CAP=50))
    assert space["_cj_measure"](1000)[0] == 50 < STEP_CAP


def test_cost_measures_a_script_and_leaves_the_inputs_alone() -> None:
    source = "def g(xs):\n    xs.append(1)\n    return len(xs)\n"
    job = cost_job("c", source, "g", [TestCase(id="0", kind="script", script="assert g([]) == 1")])
    space = _run(job.source)
    assert job.entry_point == "_cj_measure_script" and space["_cj_measure_script"]("assert g([]) == 1")[0] > 0
    xs: list = []
    _run(source + "\n\n" + program_source(*HARNESS_PARTS, _CJ_ENTRY="g"))["_cj_measure"](xs)
    assert xs == [1]  # the timed call got a copy; only the counted call touches the caller's list


# -- output normalizer ----------------------------------------------------------------


class Color(enum.IntEnum):
    RED = 1


def test_normalizer_turns_outputs_into_plain_data() -> None:
    point = collections.namedtuple("point", "x y")
    out = {"c": collections.Counter("aab"), "p": point(1, 2), "z": 1 + 2j, "e": Color.RED, "s": {1, 2}}
    space = {"__builtins__": __builtins__, "f": lambda: out}
    exec(compile(normalizer_source("f"), "adapter.py", "exec"), space)
    plain = space[NORMALIZE_ENTRY]()
    assert plain == {"c": {"a": 2, "b": 1}, "p": (1, 2), "z": ("__complex__", 1.0, 2.0), "e": 1, "s": {1, 2}}
    assert type(plain["c"]) is dict and type(plain["p"]) is tuple and type(plain["e"]) is int


# -- repair dispatcher ----------------------------------------------------------------


def test_dispatcher_builds_each_variant_apart_and_stops_a_failing_one() -> None:
    base = "def f(x):\n    return x + 1\n"
    plus = base.index("+")
    source = dispatcher(base, [(), ((plus, plus + 1, "-"),), ((plus, plus + 1, "/ 0 +"),)], "f")
    variant = _run(source)["__cj_variant__"]
    assert [variant(0, 5), variant(1, 5)] == [6, 4]
    with pytest.raises(ZeroDivisionError):
        variant(2, 5)
    with pytest.raises(RuntimeError, match="stopped after ZeroDivisionError"):
        variant(2, 5)


# -- Docker agent -----------------------------------------------------------------------


def test_agent_ships_in_the_image_payload_and_gets_its_uid_on_the_command_line() -> None:
    assert runner_payload()["agent.py"] == Path(agent.__file__).read_bytes()
    assert agent_command(1234)[-2:] == ["/cj/agent.py", "1234"]
    assert agent.parse_uid(["agent.py", "1234"]) == 1234
    for argv in (["agent.py"], ["agent.py", "0"], ["agent.py", "root"], ["agent.py", "1", "2"]):
        with pytest.raises(SystemExit, match="usage"):
            agent.parse_uid(argv)


def test_agent_frames_and_stops_at_the_end_of_its_input(tmp_path: Path) -> None:
    import io

    out = io.BytesIO()
    request = json.dumps({"stdin_len": 10}).encode() + b"\nshort"  # the runner's bytes never all came
    agent.Agent(1000, io.BytesIO(request), out).serve()
    assert out.getvalue() == agent.frame(agent.READY_CHANNEL, b"ready") == b"\x04\x00\x00\x00\x05ready"


def test_agent_reads_the_oom_count_of_either_cgroup_version(tmp_path: Path) -> None:
    v1, v2 = tmp_path / "oom_control", tmp_path / "memory.events"
    v1.write_text("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n")
    v2.write_text("low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\n")
    assert agent.oom_kills(((str(v1), "oom_kill"),)) == 3
    assert agent.oom_kills(((str(tmp_path / "none"), "oom_kill"), (str(v2), "oom_kill"))) == 2
    assert agent.oom_kills(((str(tmp_path / "none"), "oom_kill"),)) == -1
