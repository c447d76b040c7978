"""The expected-output cache: marshal files per task, a torn or foreign file recomputed, never trusted."""

from __future__ import annotations

from codejudge.evaluate.expected import ExpectedCache
from codejudge.types import Problem


def _problem() -> Problem:
    return Problem(id="HumanEval/0", prompt="", meta={"hash": "abc"})


def test_entries_round_trip_with_every_tagged_kind(tmp_path) -> None:
    cache = ExpectedCache(tmp_path)
    entry = {
        "base/0": [{"$f64": "AAAAAAAA8D8=", "ints": []}, 0.01],
        "base/1": [[1, 2.5, "x", None, True], 0.0],
        "plus/0": [{"$int": "0x" + "f" * 600}, 1.5],
        "plus/1": [None, None, "error: ValueError: boom"],
    }
    cache.save(_problem(), entry)
    assert cache.path(_problem()).suffix == ".marshal"
    assert cache.load(_problem()) == entry


def test_a_torn_or_foreign_file_is_ignored(tmp_path, caplog) -> None:
    cache = ExpectedCache(tmp_path)
    cache.save(_problem(), {"base/0": [1, 0.1]})
    path = cache.path(_problem())
    data = path.read_bytes()
    for bad in (data[:-3], b"", b'{"base/0": [1, 0.1]}', b"\xff\x00garbage"):
        path.write_bytes(bad)
        assert cache.load(_problem()) is None  # recomputed by the engine
    assert "ignoring unreadable expected-output cache" in caplog.text


def test_nothing_is_read_or_written_without_the_cache(tmp_path) -> None:
    cache = ExpectedCache(tmp_path, use=False)
    cache.save(_problem(), {"base/0": [1, 0.1]})
    assert not list(tmp_path.iterdir()) and cache.load(_problem()) is None


def test_a_value_too_deep_for_marshal_is_not_cached(tmp_path, caplog) -> None:
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    cache = ExpectedCache(tmp_path)
    cache.save(_problem(), {"base/0": [deep, 0.1]})
    assert cache.load(_problem()) is None and "not cached" in caplog.text
