"""Multi-label tags with confidence, and heuristic reasons."""

from __future__ import annotations

from codejudge.analyze.combine import DEFAULT_MIN_CONFIDENCE, categories, combine, confident
from codejudge.analyze.reasons import reason_for
from codejudge.analyze.taxonomy import load
from codejudge.types import ExecResult, Finding, TestCase, TestResult, TestStatus
from codejudge.values import encode


def _f(code: str, category: str, source: str, confidence: float, **evidence) -> Finding:
    return Finding(code, category, "m", source=source, confidence=confidence, evidence=evidence)


def test_independent_evidence_adds_up_and_one_kind_counts_once() -> None:
    tags, dis = combine(
        [_f("CJ193", "conditional_error", "repair", 0.9), _f("CJ194", "conditional_error", "reference", 0.8)]
    )
    assert dis is None and [t.category for t in tags] == ["conditional_error"] and tags[0].confidence > 0.97
    assert "CJ193 (repair, 0.90)" in tags[0].evidence
    tags, _ = combine(
        [_f("CJ391", "math_logic_error", "dynamic", 0.35), _f("CJ395", "math_logic_error", "dynamic", 0.45)]
    )
    assert (
        abs(tags[0].confidence - 0.45) < 1e-9
    )  # two readings of the same wrong numbers are one piece of evidence


def test_a_repair_outranks_output_shapes_and_a_reference_breaks_ties() -> None:
    fs = [
        _f("CJ793", "index_off", "repair", 0.9),
        _f("CJ391", "math_logic_error", "dynamic", 0.35),
        _f("CJ203", "garbage_code", "static", 0.45),
    ]
    tags = {t.category: t.confidence for t in combine(fs)[0]}
    assert (
        tags["math_logic_error"] < 0.2 and abs(tags["garbage_code"] - 0.45) < 1e-9
    )  # static rules are not shapes
    assert categories(fs) == ["index_off"]
    tie = [
        _f("CJ193", "conditional_error", "repair", 0.6),
        _f("CJ393", "math_logic_error", "repair", 0.6),
        _f("CJ194", "conditional_error", "reference", 0.8),
    ]
    assert categories(tie) == ["conditional_error"]


def test_disagreement_is_reported() -> None:
    tags, dis = combine(
        [_f("CJ793", "index_off", "repair", 0.9), _f("CJ394", "math_logic_error", "reference", 0.8)]
    )
    assert dis == {"repair": "index_off", "reference": "math_logic_error"}
    assert {t.category for t in tags} == {"index_off", "math_logic_error"} and all(
        t.confidence < 0.9 for t in tags
    )


def test_confident_keeps_syntax_and_security() -> None:
    fs = [
        Finding("CJ001", "syntax", "m", severity="error"),
        _f("CJ791", "index_off", "dynamic", 0.45),
        Finding("S101", "security", "m"),
    ]
    assert [f.code for f in confident(fs)] == ["CJ001", "S101"]
    assert len(confident(fs, 0.4)) == 3 and DEFAULT_MIN_CONFIDENCE == 0.5


def _result(*tests: TestResult) -> ExecResult:
    return ExecResult("j", list(tests))


def test_reasons_are_heuristic_and_in_the_taxonomy() -> None:
    ids = {r["id"] for r in load("reasons")["reasons"]}
    tests = [
        TestCase("a", args=encode([[]]), expected=encode(0)),
        TestCase("b", args=encode([[1, 2]]), expected=encode(3)),
    ]
    edge = _result(
        TestResult("a", TestStatus.ERROR, exception="IndexError: x"), TestResult("b", TestStatus.PASSED)
    )
    r = reason_for([], edge, tests)
    assert (r.id, r.heuristic) == ("edge_case_oversight", True) and r.id in ids
    lib = reason_for(
        [_f("CJ693", "library_api_misuse", "repair", 0.9, edit="`max` -> `min`")],
        _result(TestResult("b", TestStatus.FAILED)),
        tests,
    )
    assert lib.id == "incorrect_trained_knowledge"
    pos = reason_for(
        [_f("CJ793", "index_off", "repair", 0.9, edit="range stop `n` + 1")],
        _result(TestResult("b", TestStatus.FAILED)),
        tests,
    )
    assert pos.id == "positional_sensitivity"
    shown = reason_for(
        [],
        _result(TestResult("a", TestStatus.PASSED), TestResult("b", TestStatus.FAILED)),
        [TestCase("a", args=encode([[5, 6]])), TestCase("b", args=encode([[1, 2]]))],
        prompt=">>> f([5, 6])\n11",
    )
    assert shown.id == "io_demonstration_impact"
    assert reason_for([], None).id == "misleading_specification"


def test_an_output_shape_settles_a_tie_of_two_family_repairs() -> None:
    """`==` -> `!=` and an index shift repair a leap-year check equally (0.6 each); the failing
    tests return the negated bool (CJ192), a condition's shape, so the index tag drops under the
    threshold. Two categories of one repairing pair are two mistakes, not a tie: both stay."""
    tie = [
        _f("CJ193", "conditional_error", "repair", 0.6, **{"from": "edit family"}),
        _f("CJ793", "index_off", "repair", 0.6, **{"from": "edit family"}),
    ]
    assert categories(tie) == ["conditional_error", "index_off"]  # no shape: still a tie
    shaped = [*tie, _f("CJ192", "conditional_error", "dynamic", 0.35)]
    assert categories(shaped) == ["conditional_error"]
    pair = [
        _f("CJ593", "operation_misorder", "repair", 0.5, **{"from": "edit pair"}),
        _f("CJ793", "index_off", "repair", 0.5, **{"from": "edit pair"}),
        _f("CJ791", "index_off", "dynamic", 0.45),
    ]
    assert set(categories(pair)) == {"index_off", "operation_misorder"}
