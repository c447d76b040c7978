"""Test programs in JavaScript, C++, Java, Go and Rust turned into input/expected pairs.

A HumanEvalPack test program checks the candidate with assertions written in its
own language (``assert (f(x) == 3);``, ``assert.Equal(3, F(x))``, ...). Run as it is,
its verdict is its exit status, decided inside the candidate's process. ``convert``
finds each assertion (tree-sitter), keeps the expression that calls the candidate
(it runs in the sandbox; its value is the output) and evaluates the expected side in
this process, as a constant of the language, together with how the assertion
compares (exactly, within a tolerance, one-sidedly). The program comes back with a
marker (``@@cj_emit(<id>)@@``) where each converted assertion stood, for the
sandbox's harness (``codejudge.sandbox.harness``) to fill in; the expected values
are gone from it (they never enter the sandbox). Assertions that cannot
be converted (inside loops, against computed values) stay in a *residual* program
that runs by exit status, as one ``exit`` test whose ``verdict_source`` says so.

>>> c = convert("cpp", "#include<assert.h>\\nint main(){\\n  assert (add(1, 2) == 3);\\n}\\n", "add")
>>> [(t.id, t.script, decode(t.expected)) for t in c.tests], c.residual_program is None
([('0', 'add(1, 2)', 3)], True)
>>> print(c.test_program)
#include<assert.h>
int main(){
  @@cj_emit(0)@@;
}
<BLANKLINE>
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from codejudge.errors import ConfigError
from codejudge.extract.syntax import parser_for
from codejudge.problems.testprograms._base import Found
from codejudge.types import TestCase
from codejudge.values import NotPlainData, decode, encode

LANGUAGES = ("js", "cpp", "java", "go", "rust")
EXIT_TEST_ID = "exit"
EXIT_EXPECTED = {"exit": 0, "completed": True}


@dataclass
class Conversion:
    """A test program as outputs-only tests, plus what is left to run by exit status."""

    language: str
    test_program: str  # markers where converted assertions stood; the others removed
    residual_program: str | None  # the unconverted assertions only (None when every one converted)
    tests: list[TestCase]  # "call" tests in program order, then one "exit" test if there is a residual
    equality: str  # comparator mode for the call tests
    found: int = 0  # assertions found
    unconverted: list[str] = field(default_factory=list)  # "line N: why"

    @property
    def fully_converted(self) -> bool:
        return self.found > 0 and not self.unconverted

    def summary(self) -> dict[str, Any]:
        return {
            "assertions": self.found,
            "converted": self.found - len(self.unconverted),
            "unconverted": self.unconverted[:10],
        }


def _module(language: str) -> Any:
    if language not in LANGUAGES:
        raise ConfigError(f"no test-program converter for {language!r}; available: {', '.join(LANGUAGES)}")
    return importlib.import_module(f"codejudge.problems.testprograms.{language}")


def convert(
    language: str, test_program: str, entry_point: str, declaration: str = "", timeout_s: float | None = None
) -> Conversion:
    """Split ``test_program`` into outputs-only ``call`` tests and an exit-status residual (see module doc)."""
    mod = _module(language)
    src = test_program.encode("utf-8")
    root = parser_for(language).parse(src).root_node
    found: list[Found] = mod.find(src, root, entry_point, declaration)
    outputs, residual = bytearray(), bytearray()
    tests: list[TestCase] = []
    unconverted: list[str] = []
    pos = 0
    for f in sorted(found, key=lambda x: x.start):
        original = src[f.start : f.end].decode("utf-8")
        outputs += src[pos : f.start]
        residual += src[pos : f.start]
        pos = f.end
        tagged, ok = None, f.actual is not None
        if ok:
            try:
                tagged = encode(f.expected)
            except (NotPlainData, RecursionError):
                ok, f.why = False, f"expected value {f.expected!r} is not plain data"
        if not ok:
            unconverted.append(f"line {f.line}: {f.why or 'not recognised'}")
            outputs += mod.neutral(original, f).encode()
            residual += original.encode()
            continue
        test_id = str(len(tests))
        tests.append(
            TestCase(
                id=test_id,
                kind="call",
                script=f.actual,
                expected=tagged,
                atol=f.atol,
                oracle=f.oracle,
                timeout_s=timeout_s,
            )
        )
        outputs += mod.marker(test_id, original, f).encode()
        residual += mod.neutral(original, f).encode()
    outputs += src[pos:]
    residual += src[pos:]
    calls = "\n".join(t.script or "" for t in tests)
    finalize = getattr(mod, "finalize", lambda text, calls: text)
    residual_program = None
    if unconverted or not found:  # nothing recognised at all: the whole program runs by exit status
        residual_program = finalize(residual.decode("utf-8"), "") if found else test_program
        if not found:
            unconverted.append("no assertion recognised")
        tests.append(
            TestCase(id=EXIT_TEST_ID, kind="exit", expected=encode(EXIT_EXPECTED), timeout_s=timeout_s)
        )
    return Conversion(
        language,
        finalize(outputs.decode("utf-8"), calls) if tests and tests[0].kind == "call" else "",
        residual_program,
        tests,
        mod.EQUALITY,
        len(found),
        unconverted,
    )


__all__ = ["EXIT_EXPECTED", "EXIT_TEST_ID", "LANGUAGES", "Conversion", "convert", "decode"]
