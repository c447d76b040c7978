"""codejudge's base/plus verdicts equal evalplus 0.3.1's on real LLM samples (a subset of
tasks chosen to cover the special cases: oracles, MBPP+ deserialization, adapters,
None outputs, float tolerance). The full comparison is bench/agreement.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from codejudge.evaluate.engine import EvalConfig, evaluate
from codejudge.sandbox.bwrap import check as bwrap_check

_OK, _WHY = bwrap_check()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.bwrap,
    pytest.mark.skipif(
        not _OK and "bwrap" not in os.environ.get("CODEJUDGE_REQUIRE_BACKENDS", ""),
        reason=f"bwrap sandbox unavailable: {_WHY}",
    ),
]

SUBSETS = {
    "humaneval": (
        [
            "HumanEval/0",
            "HumanEval/2",
            "HumanEval/4",
            "HumanEval/10",
            "HumanEval/12",
            "HumanEval/32",
            "HumanEval/53",
            "HumanEval/90",
            "HumanEval/99",
            "HumanEval/107",
        ],
        "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz",
    ),
    "mbpp": (
        [
            "Mbpp/2",
            "Mbpp/3",
            "Mbpp/4",
            "Mbpp/11",
            "Mbpp/124",
            "Mbpp/252",
            "Mbpp/558",
            "Mbpp/581",
            "Mbpp/737",
            "Mbpp/787",
            "Mbpp/793",
        ],
        "mbppplus/MbppPlus-v0.2.0.jsonl.gz",
    ),
}


@pytest.mark.parametrize("dataset", sorted(SUBSETS))
@pytest.mark.parametrize(
    "model", ["meta-llama--Meta-Llama-3-8B-Instruct", "mistralai--Mistral-7B-Instruct-v0.2"]
)
def test_verdicts_equal_evalplus(shared_data: Path, tmp_path: Path, dataset: str, model: str) -> None:
    tasks, data_file = SUBSETS[dataset]
    reference = json.loads(
        (shared_data / "evalplus_samples" / f"{dataset}--{model}.eval_results.json").read_text()
    )
    samples = tmp_path / "samples.jsonl"
    samples.write_text(
        "".join(
            json.dumps({"task_id": t, "solution": r["solution"]}) + "\n"
            for t in tasks
            for r in reference["eval"][t]
        )
    )
    summary = evaluate(
        EvalConfig(
            dataset=dataset,
            samples=samples,
            dataset_path=shared_data / data_file,
            out=tmp_path / "out",
            cache_dir=tmp_path.parent / "agreement-cache",
            progress=False,
            no_analysis=True,
            workers=2,
        )
    )
    ours = json.loads((summary.out_dir / "eval_results.json").read_text())
    assert ours["hash"] == reference["hash"]
    got = {(t, g): ours["eval"][t][0][f"{g}_status"] for t in tasks for g in ("base", "plus")}
    want = {(t, g): reference["eval"][t][0][f"{g}_status"] for t in tasks for g in ("base", "plus")}
    assert got == want
    assert len({s for s in want.values()}) == 2  # the subset has both passing and failing verdicts
