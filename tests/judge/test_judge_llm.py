"""LLM backends with real tiny local models: transformers, the HTTP client against
`codejudge serve`'s server, the disk cache and strict parsing in the judge."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from codejudge.errors import LLMError
from codejudge.judge.grounded import GroundedJudge
from codejudge.judge.llm import get_llm
from codejudge.judge.llm.cache import CachedLLM, JudgmentCache
from codejudge.judge.llm.openai import OpenAILLM
from codejudge.judge.prompts import pairwise_messages, render_evidence
from codejudge.judge.serve import ChatServer, make_server

MSGS = pairwise_messages("Add two ints.", "def f(a, b): return a + b", "def f(a, b): return a - b")


@pytest.fixture(scope="module")
def served(says_a_model: Path) -> Iterator[ChatServer]:
    from codejudge.judge.llm.hf import TransformersLLM

    server = make_server(TransformersLLM(says_a_model, max_new_tokens=4), port=0, model_name="says-a")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_evidence_leads_with_the_test_count_then_details() -> None:
    # The count sits right under its header whatever detail lines a failing answer carries.
    text = render_evidence(
        {
            "mistake_tags": ["CJ401 prints its result"],
            "tests": "0/5 passed",
            "failures": "test 0: failed",
            "cost": "9 bytecode steps on 1 inputs",
        }
    )
    assert text.splitlines() == [
        "- tests: 0/5 passed",
        "- cost: 9 bytecode steps on 1 inputs",
        "- failures: test 0: failed",
        "- mistake_tags: CJ401 prints its result",
    ]
    msgs = pairwise_messages(
        "Add.", "a", "b", {"tests": "5/5 passed"}, {"failures": "x", "tests": "0/5 passed"}
    )
    assert "## Evidence for B\n- tests: 0/5 passed\n- failures: x" in msgs[1]["content"]


def test_transformers_backend_batches_and_is_deterministic(tiny_model: Path) -> None:
    llm = get_llm(f"transformers:{tiny_model}", max_new_tokens=6, batch_size=2)
    assert llm is not None
    out = llm.generate([MSGS, MSGS, [{"role": "user", "content": "code"}]])
    assert len(out) == 3 and out[0] == out[1] and all(isinstance(t, str) for t in out)


def test_random_model_output_is_a_parse_error_not_a_verdict(tiny_model: Path) -> None:
    judge = GroundedJudge(None, llm=get_llm(f"transformers:{tiny_model}", max_new_tokens=6))
    v = judge.pairwise("Add.", "def f(a, b): return a + b", "def f(a, b): return b + a")
    assert v.winner is None and v.decided_by == "none" and v.parse_error
    assert v.llm_raw is not None


def test_http_backend_end_to_end_with_served_model(served: ChatServer) -> None:
    with urllib.request.urlopen(served.url + "/models") as resp:
        assert json.load(resp)["data"][0]["id"] == "says-a"
    llm = OpenAILLM(served.url, model="says-a", max_tokens=4, concurrency=3)
    assert llm.generate([MSGS] * 5) == [llm.generate([MSGS])[0]] * 5
    judge = GroundedJudge(None, llm=llm, swap=True)
    v = judge.pairwise("Add.", "def f(a, b): return a + b", "def f(a, b): return a - b")
    # The model always answers [[A]]: it picks a different response in each order.
    assert v.decided_by == "llm" and v.evidence["position_consistent"] is False
    assert v.evidence["llm_orders"] == ["A", "B"] and v.winner == "tie"
    one_order = GroundedJudge(None, llm=llm).pairwise("Add.", "x = 1", "x = 2")
    assert (one_order.winner, one_order.decided_by) == ("A", "llm")
    rated = GroundedJudge(None, llm=llm).single("Add.", "x = 1", criterion="readability")
    assert rated.score is None and "no rating marker" in (rated.parse_error or "")


def test_server_rejects_bad_requests(served: ChatServer) -> None:
    req = urllib.request.Request(served.url + "/chat/completions", data=b'{"messages": 3}', method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req)
    assert info.value.code == 400
    with pytest.raises(LLMError, match="refused"):
        OpenAILLM(served.url.replace("/v1", "/nope"), retries=0).generate([MSGS])


def test_server_says_length_when_max_tokens_cut_the_answer(served: ChatServer) -> None:
    # A prompt the model was taught on (codejudge.testing.tiny.teach_reply): "[[A]]" (one token), then its end.
    taught = [
        {"role": "system", "content": "You are a careful code reviewer ."},
        {"role": "user", "content": "Response A def f ( ) Response B"},
    ]

    def ask(max_tokens: int) -> dict:
        body = json.dumps({"model": "says-a", "messages": taught, "max_tokens": max_tokens}).encode()
        req = urllib.request.Request(
            served.url + "/chat/completions",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req) as resp:
            return json.load(resp)["choices"][0]

    full = ask(4)
    assert full["message"]["content"] == "[[A]]" and full["finish_reason"] == "stop"
    cut = ask(1)  # room for the verdict token but not for the end token
    assert cut["message"]["content"] == "[[A]]" and cut["finish_reason"] == "length"


def test_cache_answers_repeated_judgments(served: ChatServer, tmp_path: Path) -> None:
    llm = CachedLLM(OpenAILLM(served.url, model="says-a", max_tokens=4), JudgmentCache(tmp_path))
    first = llm.generate([MSGS, [{"role": "user", "content": "other"}]])
    before = served.requests_served
    again = CachedLLM(OpenAILLM(served.url, model="says-a", max_tokens=4), JudgmentCache(tmp_path))
    assert again.generate([MSGS, [{"role": "user", "content": "other"}]]) == first
    assert (again.hits, again.misses, served.requests_served - before) == (2, 0, 0)
    other_params = CachedLLM(OpenAILLM(served.url, model="says-a", max_tokens=3), JudgmentCache(tmp_path))
    other_params.generate([MSGS])
    assert other_params.misses == 1  # params are part of the key


class _Flaky(BaseHTTPRequestHandler):
    """A server that rate-limits, then fails, then answers: exercises the retry path."""

    script: ClassVar[list[tuple[int, dict[str, str]]]] = [(429, {"Retry-After": "0"}), (503, {}), (200, {})]
    calls = 0

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        status, headers = self.script[min(type(self).calls, len(self.script) - 1)]
        type(self).calls += 1
        body = json.dumps({"choices": [{"message": {"content": "[[B]]"}}]} if status == 200 else {}).encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_retries_with_backoff_then_llm_error() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        llm = OpenAILLM(url, retries=3, backoff_s=0.01)
        assert llm.generate([MSGS]) == ["[[B]]"] and llm.requests_sent == 3
    finally:
        server.shutdown()
        server.server_close()
    dead = OpenAILLM(url, retries=2, backoff_s=0.01, timeout_s=1)  # nothing listens there now
    with pytest.raises(LLMError, match="after 3 attempts"):
        dead.generate([MSGS])
