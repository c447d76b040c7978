from __future__ import annotations

from pathlib import Path

import pytest

from codejudge.errors import ConfigError
from codejudge.review.config import ReviewConfig, load


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "pyproject.toml"
    p.write_text("[project]\nname = 'x'\n\n[tool.codejudge]\n" + body, encoding="utf-8")
    return p


def test_full_config_round_trip(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        'select = ["CJ7", "CJ001"]\nignore = ["CJ702"]\nfail_level = "error"\n'
        'test_command = ["-x"]\njudge_endpoint = "http://127.0.0.1:8000/v1"\n'
        '[tool.codejudge.severity]\nCJ701 = "error"\n',
    )
    cfg = load(p)
    assert cfg.select == {"CJ7", "CJ001"} and cfg.ignore == {"CJ702"}
    assert cfg.fail_level == "error" and cfg.severity == {"CJ701": "error"}
    assert cfg.test_command == ["-x"] and cfg.judge_endpoint == "http://127.0.0.1:8000/v1"


def test_found_by_walking_up_and_defaults(tmp_path: Path) -> None:
    _write(tmp_path, 'ignore = ["CJ9"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert load(start=sub).ignore == {"CJ9"}
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    assert load(start=sub) == ReviewConfig()


@pytest.mark.parametrize(
    "body, key, expected",
    [
        ('select = "CJ7"\n', "select", "list of rule codes"),
        ('fail_level = "fatal"\n', "fail_level", "note, warning, error, never"),
        ('[tool.codejudge.severity]\nCJ701 = "loud"\n', "severity", "note, warning, error"),
        ("test_timeout_s = -1\n", "test_timeout_s", "positive number"),
        ('judge_endpoint = "localhost:8000"\n', "judge_endpoint", "http(s) URL"),
        ('fail_levle = "error"\n', "fail_levle", "Did you mean 'fail_level'"),
    ],
)
def test_bad_values_name_file_key_and_expectation(tmp_path: Path, body: str, key: str, expected: str) -> None:
    p = _write(tmp_path, body)
    with pytest.raises(ConfigError) as err:
        load(p)
    msg = str(err.value)
    assert str(p) in msg and f"'{key}'" in msg and expected in msg


def test_invalid_toml_names_file(tmp_path: Path) -> None:
    p = tmp_path / "pyproject.toml"
    p.write_text("[tool.codejudge\nselect = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(p)
