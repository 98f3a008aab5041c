"""A small real OpenAI-compatible HTTP server for tests, serving a local model through the
project's own transformers backend.

Routes: ``POST {prefix}/v1/chat/completions`` and ``POST {prefix}/v1/completions`` with ``n``,
``max_tokens``, ``temperature``, ``top_p``, ``stop``, ``seed``, ``logprobs``/``top_logprobs``
(one-token requests: from the model's real next-token distribution) and ``usage``.
Chat requests ending in an assistant message with ``continue_final_message`` continue it.

Failure controls, for testing clients: the prefix ``/fail500`` always answers HTTP 500,
``/nologprobs`` drops logprobs from replies, and ``fail_next`` (a list of status codes) makes the
next requests fail with those codes, one each (with a ``Retry-After: {retry_after}`` header
when ``retry_after`` is set). ``times`` holds each request's arrival (``time.monotonic()``) and
``peers`` the client addresses (host, port) requests came from: one per connection.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from supercharger.llm import Prompt, Sampling
from supercharger.llm.hf import TransformersBackend


class ModelServer(ThreadingHTTPServer):
    """Serves ``backend`` on 127.0.0.1 (port 0: a free port); one model call at a time."""

    daemon_threads = True

    def __init__(self, backend: TransformersBackend) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.backend = backend
        self.model_lock = threading.Lock()
        self.fail_next: list[int] = []
        self.retry_after: str | None = None
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.times: list[float] = []
        self.peers: set[tuple[str, int]] = set()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="openai-test-server", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: ModelServer
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY, as uvicorn (vLLM) sets: headers and body are two writes, and with Nagle a
    # kept-alive connection waits ~40 ms for the client's delayed ACK before the body
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        body = self._body()
        self.server.times.append(time.monotonic())
        self.server.peers.add(self.client_address[:2])
        self.server.requests.append((self.path, body))
        if self.server.fail_next:
            code = self.server.fail_next.pop(0)
            wait = {"Retry-After": self.server.retry_after} if self.server.retry_after else {}
            return self._send(code, {"error": {"message": f"injected failure {code}"}}, wait)
        prefix, _, route = self.path.partition("/v1/")
        if prefix == "/fail500":
            return self._send(500, {"error": {"message": "internal error (test route)"}})
        handler = {"chat/completions": chat_completion, "completions": text_completion}.get(route)
        if handler is None or body is None:
            return self._send(404 if handler is None else 400, {"error": {"message": "bad"}})
        try:
            with self.server.model_lock:
                reply = handler(self.server.backend, body)
        except Exception as e:  # noqa: BLE001 - a server answers 500, it does not die
            return self._send(500, {"error": {"message": f"{type(e).__name__}: {e}"}})
        if prefix == "/nologprobs":
            for choice in reply["choices"]:
                choice["logprobs"] = None
        self._send(200, reply)

    def _body(self) -> dict[str, Any] | None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _send(
        self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


# -- the API ------------------------------------------------------------------------------
def chat_completion(backend: TransformersBackend, body: dict[str, Any]) -> dict[str, Any]:
    messages = list(body.get("messages") or [])
    prefill = ""
    if body.get("continue_final_message") and messages and messages[-1]["role"] == "assistant":
        prefill = messages.pop()["content"]
    text = backend.render(Prompt(kind="code", messages=messages, prefill=prefill))
    if body.get("logprobs") and int(body.get("max_tokens") or 16) == 1:
        top, prompt_tokens = backend.top_logprobs(text, int(body.get("top_logprobs") or 1))
        content = [{"token": top[0][0], "logprob": top[0][1], "top_logprobs": _pairs(top)}]
        choice = {"index": 0, "message": _assistant(top[0][0]), "logprobs": {"content": content}}
        return _reply("chat.completion", [choice], prompt_tokens, 1)
    done = backend.generate_text(text, _sampling(body))
    choices = [
        {"index": i, "message": _assistant(t), "finish_reason": "stop", "logprobs": None}
        for i, t in enumerate(done.texts)
    ]
    return _reply("chat.completion", choices, done.prompt_tokens, done.completion_tokens)


def text_completion(backend: TransformersBackend, body: dict[str, Any]) -> dict[str, Any]:
    text = str(body.get("prompt") or "")
    if body.get("logprobs") and int(body.get("max_tokens") or 16) == 1:
        top, prompt_tokens = backend.top_logprobs(text, int(body["logprobs"]))
        logprobs = {
            "tokens": [top[0][0]],
            "token_logprobs": [top[0][1]],
            "top_logprobs": [dict(top)],
        }
        choice = {"index": 0, "text": top[0][0], "logprobs": logprobs, "finish_reason": "length"}
        return _reply("text_completion", [choice], prompt_tokens, 1)
    done = backend.generate_text(text, _sampling(body))
    choices = [
        {"index": i, "text": t, "finish_reason": "stop", "logprobs": None}
        for i, t in enumerate(done.texts)
    ]
    return _reply("text_completion", choices, done.prompt_tokens, done.completion_tokens)


def _sampling(body: dict[str, Any]) -> Sampling:
    stop = body.get("stop") or []
    return Sampling(
        n=int(body.get("n") or 1),
        max_new_tokens=int(body.get("max_tokens") or 16),
        temperature=float(body.get("temperature", 1.0)),
        top_p=float(body.get("top_p", 1.0)),
        stop=[stop] if isinstance(stop, str) else list(stop),
        seed=body.get("seed"),
    )


def _assistant(text: str) -> dict[str, str]:
    return {"role": "assistant", "content": text}


def _pairs(top: list[tuple[str, float]]) -> list[dict[str, Any]]:
    return [{"token": token, "logprob": logprob} for token, logprob in top]


def _reply(obj: str, choices: list[dict[str, Any]], prompt: int, completion: int) -> dict[str, Any]:
    return {
        "id": f"test-{time.monotonic_ns()}",
        "object": obj,
        "created": int(time.time()),
        "model": "bundled",
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }
