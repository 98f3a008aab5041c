"""The openai backend against a real local OpenAI-compatible HTTP server that serves the
bundled model (tests/llm/openai_server.py): real HTTP, real model, no mocks."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from supercharger.errors import ConfigError, ModelError
from supercharger.llm import Prompt, Sampling, get_backend
from supercharger.llm.hf import TransformersBackend
from supercharger.llm.openai_backend import OpenAIBackend, api_root, yes_share
from supercharger.llm.prompts import code_prompt
from supercharger.llm.text import verdict_from_text
from tests.llm.openai_server import ModelServer

COUNT = Prompt(
    kind="code",
    messages=[{"role": "user", "content": "Count from 1 to 20, separated by commas."}],
    prefill="1, 2, 3,",
)
QUESTION = Prompt(kind="judge", messages=[{"role": "user", "content": "Is 2 + 2 equal to 4?"}])


@pytest.fixture(scope="module")
def server(bundled: TransformersBackend) -> Iterator[ModelServer]:
    srv = ModelServer(bundled)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def fresh(server: ModelServer) -> ModelServer:
    server.requests.clear()
    server.times.clear()
    server.peers.clear()
    server.fail_next.clear()
    server.retry_after = None
    return server


def client(url: str, **options: object) -> OpenAIBackend:
    opts = {"base_url": url, "max_retries": 1, "backoff_s": 0.01, "timeout_s": 60, **options}
    backend = get_backend("openai", "bundled", options=opts)
    assert isinstance(backend, OpenAIBackend)
    return backend


def test_n_candidates_in_one_request(fresh: ModelServer) -> None:
    got = client(fresh.url).generate(
        code_prompt("def add(a, b):", "add"), Sampling(n=3, max_new_tokens=8)
    )
    assert len(got.texts) == 3
    assert got.prompt_tokens > 0 and got.completion_tokens > 0 and got.seconds > 0
    assert len(fresh.requests) == 1
    path, body = fresh.requests[0]
    assert path == "/v1/chat/completions" and body["n"] == 3
    assert body["continue_final_message"] is True and body["messages"][-1]["role"] == "assistant"


@pytest.mark.parametrize("chat", [True, False])
def test_stop_cuts_the_text(fresh: ModelServer, chat: bool) -> None:
    backend = client(fresh.url, chat=chat)
    free = backend.generate(COUNT, Sampling(max_new_tokens=8, temperature=0.0))
    cut = backend.generate(COUNT, Sampling(max_new_tokens=8, temperature=0.0, stop=[" 6"]))
    assert " 6" in free.texts[0] and " 6" not in cut.texts[0]
    assert free.texts[0].startswith(cut.texts[0])
    assert fresh.requests[0][0] == ("/v1/chat/completions" if chat else "/v1/completions")


def test_chat_continues_the_prefill_like_the_local_backend(
    fresh: ModelServer, bundled: TransformersBackend
) -> None:
    greedy = Sampling(max_new_tokens=8, temperature=0.0)
    remote = client(fresh.url).generate(COUNT, greedy)
    assert remote.texts == bundled.generate(COUNT, greedy).texts


@pytest.mark.parametrize("chat", [True, False])
def test_yes_probability_from_logprobs(fresh: ModelServer, chat: bool) -> None:
    verdict = client(fresh.url, chat=chat).yes_probability(QUESTION)
    assert 0.0 <= verdict.score <= 1.0 and verdict.prompt_tokens > 0
    body = fresh.requests[0][1]
    assert body["max_tokens"] == 1 and body["logprobs"] == (True if chat else 20)


def test_chat_score_matches_the_local_backend(
    fresh: ModelServer, bundled: TransformersBackend
) -> None:
    remote = client(fresh.url).yes_probability(QUESTION).score
    assert remote == pytest.approx(bundled.yes_probability(QUESTION).score, abs=0.05)


@pytest.mark.parametrize("chat", [True, False])
def test_without_logprobs_the_written_answer_scores(fresh: ModelServer, chat: bool) -> None:
    verdict = client(fresh.url + "/nologprobs/v1", chat=chat).yes_probability(QUESTION)
    replies = [b for _, b in fresh.requests]
    assert replies[0]["max_tokens"] == 1
    # the real model's greedy answer, as the server wrote it, is what the score says
    greedy = client(fresh.url + "/v1", chat=chat)
    written = greedy.generate(QUESTION, Sampling(max_new_tokens=16, temperature=0.0)).texts[0]
    first = verdict_from_text(written.split()[0] if written.split() else "")
    expected = first if first is not None else verdict_from_text(written)
    assert expected is not None, f"the model wrote no verdict: {written!r}"
    assert verdict.score == expected
    assert len(replies) == (1 if first is not None else 2)


@pytest.mark.parametrize(
    ("text", "score"),
    [("Yes", 1.0), (" no.", 0.0), ("8/10", 0.8), ("Score: 0.75", 0.75), ("80%", 0.8),
     ("7", 0.7), ("I think yes", 1.0), ("v2 is no", 0.0), ("150", None), ("maybe", None)],
)  # fmt: skip
def test_verdict_from_text(text: str, score: float | None) -> None:
    assert verdict_from_text(text) == score


def test_http_500_is_an_error_not_text(fresh: ModelServer) -> None:
    with pytest.raises(ModelError, match="HTTP 500") as e:
        client(fresh.url + "/fail500/v1").generate(COUNT, Sampling(max_new_tokens=4))
    assert "test route" in str(e.value)
    assert len(fresh.requests) == 2  # retried once (max_retries=1), then gave up


def test_client_error_is_not_retried(fresh: ModelServer) -> None:
    with pytest.raises(ModelError, match="HTTP 404"):
        client(fresh.url + "/v1/nothing").generate(COUNT, Sampling(max_new_tokens=4))
    assert len(fresh.requests) == 1


def test_retry_after_one_503_then_success(fresh: ModelServer) -> None:
    fresh.fail_next.append(503)
    got = client(fresh.url).generate(COUNT, Sampling(max_new_tokens=4))
    assert len(got.texts) == 1
    assert len(fresh.requests) == 2


def test_429_is_retried_after_the_servers_retry_after(fresh: ModelServer) -> None:
    fresh.fail_next.append(429)
    fresh.retry_after = "1"
    got = client(fresh.url).generate(COUNT, Sampling(max_new_tokens=4))  # backoff_s=0.01
    assert len(got.texts) == 1
    assert len(fresh.requests) == 2
    assert fresh.times[1] - fresh.times[0] >= 0.9  # waited as told, not the 0.01 s backoff


def test_one_connection_serves_every_request(fresh: ModelServer) -> None:
    backend = client(fresh.url)
    for _ in range(3):
        backend.generate(COUNT, Sampling(max_new_tokens=2))
    assert len(fresh.requests) == 3 and len(fresh.peers) == 1


def test_unreachable_port_is_a_fast_model_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    with pytest.raises(ModelError, match="failed after 2 attempts"):
        client(f"http://127.0.0.1:{port}", timeout_s=2).generate(COUNT, Sampling())
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("options", "where"),
    [({}, "base_url"), ({"base_url": "http://x", "retries": 2}, "retries")],
)
def test_options_are_validated(options: dict[str, object], where: str) -> None:
    with pytest.raises(ConfigError, match=where):
        get_backend("openai", options=options)


def test_api_root() -> None:
    assert api_root("http://h:1") == "http://h:1/v1"
    assert api_root("http://h:1/v1/") == "http://h:1/v1"
    assert api_root("https://api.openai.com/v1") == "https://api.openai.com/v1"
    with pytest.raises(ModelError):
        api_root("h:1")


def test_yes_share() -> None:
    assert yes_share({" Yes": -0.1, "No": -2.3, "Maybe": -0.5}) > 0.8
    assert yes_share({"Maybe": -0.1}) == 0.5
