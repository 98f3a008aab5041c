"""openai: any OpenAI-compatible HTTP server (vLLM, llama.cpp server, Ollama, OpenAI itself).

Standard library only (urllib + json). ``chat=True`` uses ``/chat/completions`` with the prefill
sent as a trailing assistant message plus vLLM's ``continue_final_message`` (other servers ignore
the extra fields); ``chat=False`` uses ``/completions`` with ``text.plain_chat`` + prefill.
Transient failures (connection errors, timeouts, HTTP 429 and 5xx) are retried with exponential
backoff; everything else, and any malformed reply, raises ``ModelError`` — never returned as text.
"""

from __future__ import annotations

import http.client
import json
import math
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from supercharger.errors import ModelError
from supercharger.llm.base import Completion, Prompt, Sampling, Verdict
from supercharger.llm.options import validate_options
from supercharger.llm.text import NO_WORDS, YES_WORDS, cut_at_stop, plain_chat

MAX_SERVER_STOPS = 4  # OpenAI's limit; any further stop sequences are applied here
TOP_LOGPROBS = 20  # OpenAI's maximum


class OpenAIOptions(BaseModel):
    """Options of the openai backend."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = Field(
        description="API root, e.g. http://localhost:8000/v1 (a bare host gets /v1 appended)"
    )
    api_key: str | None = Field(None, description="sent as 'Authorization: Bearer ...'")
    timeout_s: float = Field(120.0, gt=0.0, description="per request")
    max_retries: int = Field(3, ge=0, description="retries of a transient failure")
    backoff_s: float = Field(1.0, ge=0.0, description="first retry delay; doubles each retry")
    chat: bool = Field(True, description="/chat/completions (True) or /completions (False)")


class TransientError(Exception):
    """A failure worth retrying (connection, timeout, HTTP 429 or 5xx)."""


def api_root(base_url: str) -> str:
    """``base_url`` without a trailing slash; a URL with no path gets ``/v1``."""
    url = base_url.rstrip("/")
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ModelError(f"openai backend: base_url {base_url!r} is not an http(s) URL")
    return url if parsed.path else url + "/v1"


class OpenAIBackend:
    """A remote model behind an OpenAI-compatible API."""

    name = "openai"

    def __init__(self, model: str, options: OpenAIOptions) -> None:
        self.model = model
        self.options = options
        self.root = api_root(options.base_url)

    # -- the protocol --------------------------------------------------------------------
    def generate(self, prompt: Prompt, sampling: Sampling) -> Completion:
        started = time.perf_counter()
        replies = [self._request(prompt, self._sampling_fields(sampling, sampling.n))]
        texts = self._texts(replies[0], prompt)
        while len(texts) < sampling.n:  # the server ignored ``n``: ask for the rest one by one
            replies.append(self._request(prompt, self._sampling_fields(sampling, 1)))
            texts.extend(self._texts(replies[-1], prompt))
        return Completion(
            texts=[cut_at_stop(t, sampling.stop) for t in texts[: sampling.n]],
            prompt_tokens=sum(_usage(r, "prompt_tokens") for r in replies),
            completion_tokens=sum(_usage(r, "completion_tokens") for r in replies),
            seconds=time.perf_counter() - started,
        )

    def yes_probability(self, prompt: Prompt) -> Verdict:
        started = time.perf_counter()
        fields: dict[str, Any] = {"max_tokens": 1, "temperature": 0.0, "n": 1}
        if self.options.chat:
            fields.update(logprobs=True, top_logprobs=TOP_LOGPROBS)
        else:
            fields.update(logprobs=TOP_LOGPROBS)
        reply = self._request(prompt, fields)
        score = yes_share(self._top_logprobs(reply))
        return Verdict(
            score=score,
            prompt_tokens=_usage(reply, "prompt_tokens"),
            seconds=time.perf_counter() - started,
        )

    # -- request bodies ------------------------------------------------------------------
    def _sampling_fields(self, sampling: Sampling, n: int) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "n": n,
            "max_tokens": sampling.max_new_tokens,
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
        }
        if sampling.stop:
            fields["stop"] = [s for s in sampling.stop if s][:MAX_SERVER_STOPS]
        if sampling.seed is not None:
            fields["seed"] = sampling.seed
        return fields

    def _request(self, prompt: Prompt, fields: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, **fields}
        if self.options.chat:
            body.update(chat_messages(prompt))
            return self._post("/chat/completions", body)
        body["prompt"] = plain_chat(prompt.messages) + prompt.prefill
        return self._post("/completions", body)

    # -- replies -------------------------------------------------------------------------
    def _texts(self, reply: dict[str, Any], prompt: Prompt) -> list[str]:
        try:
            if self.options.chat:
                texts = [str(c["message"]["content"] or "") for c in reply["choices"]]
            else:
                texts = [str(c["text"]) for c in reply["choices"]]
        except (KeyError, TypeError) as e:
            raise ModelError(f"openai backend: malformed reply from {self.root}: {e!r}") from e
        if prompt.prefill:  # a server that ignores continue_final_message may repeat the prefill
            texts = [t.removeprefix(prompt.prefill) for t in texts]
        return texts

    def _top_logprobs(self, reply: dict[str, Any]) -> dict[str, float]:
        """The first generated token's alternatives, token text -> logprob."""
        try:
            logprobs = reply["choices"][0].get("logprobs")
            if self.options.chat:
                entries = (logprobs or {}).get("content") or []
                top = {e["token"]: float(e["logprob"]) for e in entries[0]["top_logprobs"]}
            else:
                top = {str(k): float(v) for k, v in logprobs["top_logprobs"][0].items()}
        except (KeyError, IndexError, TypeError, AttributeError, ValueError):
            top = {}
        if not top:
            raise ModelError(
                f"openai backend: the server at {self.root} returns no logprobs, "
                "so it cannot score (use a server with logprobs support, e.g. vLLM)"
            )
        return top

    # -- transport -----------------------------------------------------------------------
    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST JSON with retries on transient failures; the decoded JSON object."""
        url = self.root + path
        data = json.dumps(body).encode()
        for attempt in range(self.options.max_retries + 1):
            try:
                return self._post_once(url, data)
            except TransientError as e:
                if attempt == self.options.max_retries:
                    raise ModelError(
                        f"openai backend: {url} failed after {attempt + 1} attempts: {e}"
                    ) from None
                time.sleep(self.options.backoff_s * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _post_once(self, url: str, data: bytes) -> dict[str, Any]:
        request = urllib.request.Request(url, data=data, headers=self._headers(), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.options.timeout_s) as response:
                raw = response.read()
        except urllib.error.HTTPError as e:
            detail = _error_detail(e)
            if e.code == 429 or e.code >= 500:
                raise TransientError(f"HTTP {e.code}: {detail}") from None
            raise ModelError(f"openai backend: {url}: HTTP {e.code}: {detail}") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
            reason = getattr(e, "reason", None) or e
            raise TransientError(f"{type(e).__name__}: {reason}") from None
        return _decode(url, raw)

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.options.api_key:
            headers["Authorization"] = f"Bearer {self.options.api_key}"
        return headers


def chat_messages(prompt: Prompt) -> dict[str, Any]:
    """The chat body fields: messages, and the prefill as an assistant turn to continue."""
    if not prompt.prefill:
        return {"messages": prompt.messages}
    prefill = {"role": "assistant", "content": prompt.prefill}
    return {
        "messages": [*prompt.messages, prefill],
        "continue_final_message": True,
        "add_generation_prompt": False,
    }


def yes_share(top: dict[str, float]) -> float:
    """P(yes) / (P(yes) + P(no)) over the Yes/No variants among the top tokens; 0.5 if neither."""
    p_yes = sum(math.exp(lp) for tok, lp in top.items() if tok.strip() in YES_WORDS)
    p_no = sum(math.exp(lp) for tok, lp in top.items() if tok.strip() in NO_WORDS)
    if p_yes + p_no <= 0:
        return 0.5
    return min(max(p_yes / (p_yes + p_no), 0.0), 1.0)


def _decode(url: str, raw: bytes) -> dict[str, Any]:
    try:
        reply = json.loads(raw)
    except ValueError:
        raise ModelError(f"openai backend: {url} replied with invalid JSON: {raw[:80]!r}") from None
    if not isinstance(reply, dict):
        raise ModelError(f"openai backend: {url} replied with {type(reply).__name__}, not object")
    if reply.get("error"):
        raise ModelError(f"openai backend: {url}: {_one_line(str(reply['error']))}")
    if not isinstance(reply.get("choices"), list) or not reply["choices"]:
        raise ModelError(f"openai backend: {url} replied without choices")
    return reply


def _error_detail(e: urllib.error.HTTPError) -> str:
    try:
        text = e.read().decode(errors="replace")
    except OSError:
        text = ""
    try:
        error = json.loads(text).get("error", text)
        text = error.get("message", str(error)) if isinstance(error, dict) else str(error)
    except (ValueError, AttributeError):
        pass
    return _one_line(text) or str(e.reason)


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _usage(reply: dict[str, Any], field: str) -> int:
    usage = reply.get("usage") or {}
    value = usage.get(field, 0) if isinstance(usage, dict) else 0
    return int(value) if isinstance(value, (int, float)) else 0


def create(model: str, options: dict[str, Any] | None, cache_dir: Path | None) -> OpenAIBackend:
    """The registry's factory; ``model`` is the server's model name, ``cache_dir`` is unused."""
    return OpenAIBackend(model, validate_options("openai", OpenAIOptions, options))
