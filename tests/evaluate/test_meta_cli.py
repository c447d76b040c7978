"""`codejudge eval judge` on real HumanEvalPack pairs in the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codejudge.cli import main
from codejudge.errors import BackendUnavailable
from codejudge.evaluate.pairs import humanevalpack_pairs, write_jsonl


def _run(argv: list[str]) -> int:
    return main(["eval", "judge", *argv])


@pytest.mark.bwrap
def test_eval_judge_grounded_on_humanevalpack(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from codejudge.sandbox import get_executor

    try:
        get_executor("bwrap").close()
    except BackendUnavailable as exc:
        pytest.skip(str(exc))
    rows = humanevalpack_pairs(shared_data / "humanevalpack", ["python"])[:4]
    pairs = tmp_path / "pairs.jsonl"
    write_jsonl(rows, pairs)
    report, out = tmp_path / "report.json", tmp_path / "verdicts.jsonl"
    argv = ["--pairs", str(pairs), "--out", str(out), "--report", str(report), "--no-progress"]
    assert _run(argv) == 0
    rep = json.loads(report.read_text())
    assert rep["overall"]["n"] == 4
    assert rep["overall"]["accuracy"] == 1.0 and rep["overall"]["position_consistency"] == 1.0
    assert rep["decided_by"] == {"tests": 8}
    assert "humanevalpack-python" in capsys.readouterr().out
    # Rerun: every verdict is already in --out, so nothing is judged again.
    before = out.read_text()
    assert _run(argv) == 0 and out.read_text() == before


@pytest.mark.slow
def test_eval_llm_judge_measures_position_bias(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An LLM-only judge that always answers [[A]], served over HTTP: the metrics expose it."""
    import threading

    pytest.importorskip("transformers")
    from codejudge.judge.llm.hf import TransformersLLM
    from codejudge.judge.serve import make_server
    from codejudge.testing.tiny import build_tiny_model, teach_reply

    model = teach_reply(build_tiny_model(tmp_path / "m"), "[[A]]")
    server = make_server(TransformersLLM(model, max_new_tokens=2), port=0, model_name="says-a")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        rows = [
            {
                "question": f"q{i}",
                "response_A": f"a{i}",
                "response_B": f"b{i}",
                "label": "A>B" if i % 2 else "B>A",
                "pair_id": str(i),
            }
            for i in range(10)
        ]
        pairs = tmp_path / "jb.jsonl"
        write_jsonl(rows, pairs)
        report = tmp_path / "r.json"
        assert (
            _run(
                [
                    "--pairs",
                    str(pairs),
                    "--judge",
                    "llm",
                    "--llm",
                    f"openai:{server.url}",
                    "--model",
                    "says-a",
                    "--max-tokens",
                    "2",
                    "--report",
                    str(report),
                    "--no-progress",
                ]
            )
            == 0
        )
    finally:
        server.shutdown()
        server.server_close()
    rep = json.loads(report.read_text())["overall"]
    assert rep["position_consistency"] == 0.0
    assert rep["position_preference"]["first"] == 1.0
    assert rep["both_order_accuracy"] == 0.0  # contradicting picks combine to ties
    assert json.loads(report.read_text())["decided_by"] == {"llm": 20}
