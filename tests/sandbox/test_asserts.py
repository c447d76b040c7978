"""Turning assertion scripts into function I/O tests (no code runs in the parent)."""

from __future__ import annotations

from codejudge.sandbox.asserts import convert
from codejudge.values import decode

HUMANEVAL = """
METADATA = {"author": "jt"}


def check(candidate):
    assert candidate([1.0, 2.0], 0.5) == True
    assert abs(candidate(3) - 1.5) < 1e-6, "message"
    assert True, "This prints if this assert fails"
    assert candidate("a") == ("b", 1)
"""


def test_humaneval_check_converts() -> None:
    tests, ok = convert(HUMANEVAL, "has_close")
    assert ok
    assert [decode(t.args) for t in tests] == [[[1.0, 2.0], 0.5], [3], ["a"]]
    assert [decode(t.expected) for t in tests] == [True, 1.5, ("b", 1)]
    assert [t.atol for t in tests] == [0.0, 1e-6, 0.0]


def test_mbpp_asserts_convert() -> None:
    tests, ok = convert(
        "import math\nassert add(1, 2) == 3\nassert math.isclose(area(2), 12.5, rel_tol=0.001)", "add"
    )
    assert not ok  # area is not the entry point
    tests, ok = convert("import math\nassert math.isclose(add(2), 12.5, rel_tol=0.001)", "add")
    assert ok and tests[0].atol == 0.001 * 12.5


def test_non_literal_scripts_are_not_converted() -> None:
    for script in (
        "def check(candidate):\n    import random\n    x = random.random()\n    assert candidate(x) == x\n",
        "assert set(f([1, 2])) == {1, 2}",
        "assert f(__import__('os').system('id')) == 0",
        "assert f(1)",
        "def check(candidate):\n    assert candidate(1) == 2\n    print('done')\n",
    ):
        assert convert(script, "f") == ([], False)
