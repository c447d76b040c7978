from __future__ import annotations

import pytest

from codejudge.judge.security import CHECKS, security_findings

FLAGGED = {
    "CJS001": "x = eval(user_input)",
    "CJS002": "exec(code)",
    "CJS003": "import os\nos.system('rm ' + path)",
    "CJS004": "import subprocess\nsubprocess.run(cmd, shell=True)",
    "CJS005": "import pickle\nobj = pickle.loads(blob)",
    "CJS006": "import yaml\ncfg = yaml.load(text)",
}
NOT_FLAGGED = [
    "import ast\nast.literal_eval(s)",
    "import subprocess\nsubprocess.run(['ls', '-l'])",
    "import subprocess\nsubprocess.run(cmd, shell=False)",
    "import yaml\nyaml.load(text, Loader=yaml.SafeLoader)",
    "import yaml\nyaml.safe_load(text)",
    "def evaluate(x):\n    return x.eval()",
    "def f(:\n  broken",  # does not parse: no findings, the syntax rule reports it
]


@pytest.mark.parametrize("code", sorted(FLAGGED))
def test_each_check_flags_its_pattern(code: str) -> None:
    found = security_findings(FLAGGED[code], path="x.py")
    assert [f.code for f in found] == [code]
    assert found[0].category == "security" and found[0].location is not None
    assert found[0].message == CHECKS[code]


@pytest.mark.parametrize("source", NOT_FLAGGED)
def test_safe_code_is_not_flagged(source: str) -> None:
    assert security_findings(source) == []
