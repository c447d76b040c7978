"""`codejudge analyze` and `codejudge rule`, in-process."""

from __future__ import annotations

import json

from codejudge.cli import main
from codejudge.types import ExecResult, TestResult, TestStatus
from codejudge.values import encode


def test_analyze_exit_codes_and_walk(tmp_path, capsys) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "bad.py").write_text("def f(xs):\n    return xs[len(xs)]\n")
    (tmp_path / "pkg" / "good.py").write_text("def f(xs):\n    return xs[-1]\n")
    (tmp_path / "pkg" / "notes.txt").write_text("xs[len(xs)]")
    assert main(["analyze", str(tmp_path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [
        f"{tmp_path / 'pkg' / 'bad.py'}:2:12: CJ702 `xs[len(xs)]` is one past the last element and always raises IndexError"
    ]
    assert main(["analyze", str(tmp_path / "pkg" / "good.py")]) == 0
    assert main(["analyze", str(tmp_path), "--ignore", "CJ702"]) == 0
    assert main(["analyze", str(tmp_path / "missing.py")]) == 2
    assert main(["analyze", str(tmp_path), "--select", "CJ9Z"]) == 2
    assert main(["analyze", str(tmp_path), "--output-format", "nope"]) == 2


def test_analyze_sarif_and_dynamic(tmp_path, capsys) -> None:
    src = tmp_path / "s.py"
    src.write_text("def f(n):\n    return n + 1\n")
    results = tmp_path / "r.jsonl"
    r = ExecResult(str(src), [TestResult("0", TestStatus.FAILED, expected=encode(3), actual=encode(4))])
    results.write_text(json.dumps(r.to_dict()) + "\n")
    assert main(["analyze", str(src), "--dynamic-from", str(results), "--output-format", "sarif"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [x["ruleId"] for x in doc["runs"][0]["results"]] == ["CJ791"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    assert main(["analyze", str(src), "--dynamic-from", str(bad)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_rule_command(capsys) -> None:
    assert main(["rule", "CJ702"]) == 0
    doc = capsys.readouterr().out
    assert "What it does:" in doc and "Use instead:" in doc
    assert main(["rule", "CJ791"]) == 0 and "dynamic" in capsys.readouterr().out
    assert main(["rule", "CJ7O2"]) == 2
    assert "Did you mean: CJ702" in capsys.readouterr().err
    assert main(["rule", "--all"]) == 0 and "CJ001" in capsys.readouterr().out


def test_analyze_min_confidence_and_reference(tmp_path, capsys) -> None:
    src = tmp_path / "s.py"
    src.write_text("def f(n):\n    return n + 1\n")
    results = tmp_path / "r.jsonl"
    r = ExecResult(str(src), [TestResult("0", TestStatus.FAILED, expected=encode(3), actual=encode(4))])
    results.write_text(json.dumps(r.to_dict()) + "\n")
    # an off-by-one output shape alone (CJ791, confidence 0.45) is below the consumers' threshold
    assert main(["analyze", str(src), "--dynamic-from", str(results), "--min-confidence", "0.5"]) == 0
    assert main(["analyze", str(src), "--dynamic-from", str(results), "--output-format", "json"]) == 1
    (f,) = json.loads(capsys.readouterr().out)
    assert f["code"] == "CJ791" and f["confidence"] == 0.45 and f["source"] == "dynamic"
    ref = tmp_path / "ref.py"
    ref.write_text("def g(xs):\n    return [x for x in xs if x > 0]\n")
    cand = tmp_path / "c.py"
    cand.write_text("def g(values):\n    return [v for v in values if v >= 0]\n")
    assert (
        main(
            [
                "analyze",
                str(cand),
                "--reference",
                str(ref),
                "--min-confidence",
                "0.5",
                "--output-format",
                "json",
            ]
        )
        == 1
    )
    (f,) = json.loads(capsys.readouterr().out)
    assert (f["code"], f["category"], f["source"]) == ("CJ194", "conditional_error", "reference")
    assert f["evidence"]["differences"][0]["candidate"] == ">="
    assert main(["analyze", str(cand), "--min-confidence", "1.5"]) == 2
    assert main(["analyze", str(cand), "--reference", str(tmp_path / "nope.py")]) == 2
