"""One end-to-end tiny run shared by the training tests: synthesize -> tiny model -> SFT -> sample -> DPO.

The run is session-scoped because it is the expensive part (about a minute on
2 cores); the tests then check different things about its outputs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from codejudge.cli import main

REPO = Path(__file__).resolve().parents[2]
RECIPE = REPO / "recipes" / "tiny-cpu.yaml"


def toy_backend() -> list[str]:
    """bwrap when it works here; else the local backend (the toy candidates are our own generated code)."""
    from codejudge.errors import CodejudgeError
    from codejudge.sandbox import get_executor

    try:
        get_executor("bwrap").close()
        return ["--backend", "bwrap"]
    except CodejudgeError:
        return ["--backend", "local", "--unsafe-local"]


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny") / "data"
    assert main(["data", "synthesize", "--problems", "toy:40", "--out", str(out), *toy_backend()]) == 0
    return out


@pytest.fixture(scope="session")
def tiny_model(tiny_data: Path) -> Path:
    from codejudge.train.tiny import build_tiny_judge

    return build_tiny_judge(tiny_data.parent / "model", tiny_data)


@pytest.fixture(scope="session")
def tiny_run(tiny_data: Path, tiny_model: Path) -> dict[str, Any]:
    import torch

    # Shared 2-core CI runners: two OpenMP threads per process oversubscribe and run ~10x slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    out = tiny_data.parent / "judge"
    try:
        rc = main(
            [
                "train",
                "--config",
                str(RECIPE),
                "--model",
                str(tiny_model),
                "--data",
                str(tiny_data),
                "--output-dir",
                str(out),
            ]
        )
    finally:
        torch.set_num_threads(threads)
    assert rc == 0
    import json

    return {
        "out": out,
        "metrics": json.loads((out / "metrics.json").read_text()),
        "data": tiny_data,
        "model": tiny_model,
    }


@pytest.fixture(autouse=True)
def one_torch_thread():
    """Tiny models on shared 2-core runners: a second OpenMP thread per process only adds contention."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def copy_of(tmp_path: Path):
    def copy(src: Path) -> Path:
        dest = tmp_path / src.name
        shutil.copytree(src, dest)
        return dest

    return copy
