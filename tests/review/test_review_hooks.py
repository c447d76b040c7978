from __future__ import annotations

import pytest

from codejudge.review.config import ReviewConfig
from codejudge.review.hooks import affected_tests, imported_modules, module_name, run_affected_tests


def test_module_names_and_imports() -> None:
    assert module_name("src/pkg/mod.py") == "pkg.mod"
    assert module_name("pkg/__init__.py") == "pkg"
    assert module_name("README.md") is None
    src = "import a.b\nfrom c import d, e\nfrom . import rel\n"
    assert imported_modules(src) == {"a.b", "c", "c.d", "c.e"}


def _project(repo) -> None:
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/calc.py", "def add(a, b):\n    return a + b\n")
    repo.write("pkg/other.py", "X = 1\n")
    repo.write(
        "tests/test_calc.py", "from pkg.calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
    )
    repo.write(
        "tests/test_pkg.py", "from pkg import calc\n\n\ndef test_mod():\n    assert calc.add(0, 0) == 0\n"
    )
    repo.write("tests/test_other.py", "import pkg.other\n\n\ndef test_x():\n    assert pkg.other.X == 1\n")
    repo.git("add", "-A")


def test_affected_tests_by_import_and_by_change(repo) -> None:
    _project(repo)
    assert affected_tests(repo.path, ["pkg/calc.py"]) == ["tests/test_calc.py", "tests/test_pkg.py"]
    assert affected_tests(repo.path, ["tests/test_other.py"]) == ["tests/test_other.py"]
    assert affected_tests(repo.path, ["README.md"]) == []


@pytest.mark.bwrap
def test_affected_tests_run_with_pytest_in_the_bwrap_sandbox(repo, bwrap_ok) -> None:
    _project(repo)
    passed = run_affected_tests(repo.path, ["pkg/calc.py"], ReviewConfig())
    assert passed.tests == ["tests/test_calc.py", "tests/test_pkg.py"]
    assert passed.exit_code == 0 and passed.ok and "2 passed" in passed.report
    # An off-by-one lands in the change: the importing tests fail, inside the sandbox.
    repo.write("pkg/calc.py", "def add(a, b):\n    return a + b + 1\n")
    failed = run_affected_tests(repo.path, ["pkg/calc.py"], ReviewConfig())
    assert failed.exit_code == 1 and not failed.ok
    assert "2 failed" in failed.report and "assert 4 == 3" in failed.report
    # Pre-push tests the pushed commit, not the work tree: the committed code is still correct.
    repo.write("pkg/calc.py", "def add(a, b):\n    return a + b\n")
    repo.commit("good")
    repo.write("pkg/calc.py", "def add(a, b):\n    return a + b + 1\n")
    assert run_affected_tests(repo.path, ["pkg/calc.py"], ReviewConfig(), rev="HEAD").exit_code == 0
    # The sandbox really isolates: the host's /work/main or /root is not visible to the tests.
    repo.write(
        "tests/test_calc.py",
        "import os\n\n\ndef test_host_hidden():\n    assert not os.path.exists('/root')\n"
        "    assert os.getcwd() == '/work/project'\n",
    )
    hidden = run_affected_tests(repo.path, ["tests/test_calc.py"], ReviewConfig())
    assert hidden.exit_code == 0, hidden.report


def test_judge_is_asked_when_configured(repo) -> None:
    """The judge backend is a remote OpenAI-compatible service; a local stand-in answers here."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from codejudge.review.hooks import check_change
    from codejudge.review.run import review

    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            seen.append(
                {"path": self.path, "body": json.loads(self.rfile.read(int(self.headers["Content-Length"])))}
            )
            data = json.dumps({"choices": [{"message": {"content": "Off by one at line 2. Rating: [[2]]"}}]})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data.encode())

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        repo.write("a.py", "x = 1\n")
        base = repo.commit("base")
        repo.write("a.py", "def last(items):\n    return items[len(items)]\n")
        head = repo.commit("Add last()")
        cfg = ReviewConfig(
            judge_endpoint=f"http://127.0.0.1:{server.server_address[1]}/v1",
            judge_model="j",
            judge_min_score=3,
        )
        result = review(repo.path, cfg, base=base, head=head)
        text, ok = check_change(repo.path, result, cfg, base, head)
    finally:
        server.shutdown()
        server.server_close()
    assert not ok and "codejudge judge: a.py: 2 (llm) below 3" in text
    assert "no tests affected" in text
    (req,) = seen
    assert req["path"] == "/v1/chat/completions" and req["body"]["model"] == "j"
    prompt = req["body"]["messages"][-1]["content"]
    assert "Add last()" in prompt and "return items[len(items)]" in prompt and "CJ702" in prompt
