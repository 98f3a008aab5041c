"""openai: any OpenAI-compatible HTTP server (vLLM, llama.cpp server, Ollama, OpenAI itself).

Through the ``openai`` client (httpx: one pooled connection per server, kept alive). ``chat=True``
uses ``/chat/completions`` with the prefill sent as a trailing assistant message plus vLLM's
``continue_final_message`` (other servers ignore the extra fields); ``chat=False`` uses
``/completions`` with ``text.plain_chat`` + prefill. Transient failures (connection errors,
timeouts, HTTP 429 and 5xx) are retried here, after the server's ``Retry-After`` when it sends
one, else with exponential backoff; everything else, and any malformed reply, raises
``ModelError`` — never returned as text.
"""

from __future__ import annotations

import email.utils
import math
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openai

from supercharger.errors import ModelError
from supercharger.llm.base import Completion, Prompt, Sampling, Verdict
from supercharger.llm.options import OpenAIOptions
from supercharger.llm.text import NO_WORDS, YES_WORDS, cut_at_stop, plain_chat, verdict_from_text

MAX_SERVER_STOPS = 4  # OpenAI's limit; any further stop sequences are applied here
TOP_LOGPROBS = 20  # OpenAI's maximum
MAX_RETRY_AFTER_S = 60.0  # the longest Retry-After waited for (a longer one is cut to it)
VERDICT_TOKENS = 16  # a written verdict, when the server gives no logprobs


class TransientError(Exception):
    """A failure worth retrying (connection, timeout, HTTP 429 or 5xx)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


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
        self.client = openai.OpenAI(
            base_url=self.root,
            api_key=options.api_key or "unused",  # the client wants a key; see _headers
            timeout=options.timeout_s,
            max_retries=0,  # retried in _post: Retry-After, backoff_s and one error line
        )
        # no key: no Authorization header at all (a local server needs none)
        self._headers: dict[str, Any] = {} if options.api_key else {"Authorization": openai.Omit()}

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
        top = self._top_logprobs(reply)
        score = yes_share(top) if top else self._written_verdict(prompt, reply)
        return Verdict(
            score=score,
            prompt_tokens=_usage(reply, "prompt_tokens"),
            seconds=time.perf_counter() - started,
        )

    def _written_verdict(self, prompt: Prompt, reply: dict[str, Any]) -> float:
        """A server without logprobs (many hosted APIs, llama.cpp, Ollama): the score the
        reply writes, a yes/no or a number (``text.verdict_from_text``), from its one token,
        else from a few more tokens of a second, greedy request."""
        text = "".join(self._texts(reply, prompt))
        score = verdict_from_text(text)
        if score is None:
            fields = {"max_tokens": VERDICT_TOKENS, "temperature": 0.0, "n": 1}
            text = "".join(self._texts(self._request(prompt, fields), prompt))
            score = verdict_from_text(text)
        if score is None:
            raise ModelError(
                f"openai backend: the server at {self.root} gives no logprobs and its reply "
                f"{_one_line(text, 60)!r} holds no yes/no or number to score by"
            )
        return score

    # -- requests ------------------------------------------------------------------------
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
        """One completion call (retried when transient); the reply as a plain dict."""
        if self.options.chat:
            body = chat_messages(prompt)
            messages = body.pop("messages")
            create: Any = self.client.chat.completions.create
            kwargs = {"messages": messages, "extra_body": body or None, **fields}
            kwargs["extra_headers"] = self._headers
            return self._post("/chat/completions", lambda: create(model=self.model, **kwargs))
        text = plain_chat(prompt.messages) + prompt.prefill
        complete: Any = self.client.completions.create
        kwargs = {"prompt": text, "extra_headers": self._headers, **fields}
        return self._post("/completions", lambda: complete(model=self.model, **kwargs))

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
        """The first generated token's alternatives, token text -> logprob; empty when the
        server sends none."""
        try:
            logprobs = reply["choices"][0].get("logprobs")
            if self.options.chat:
                entries = (logprobs or {}).get("content") or []
                top = {e["token"]: float(e["logprob"]) for e in entries[0]["top_logprobs"]}
            else:
                top = {str(k): float(v) for k, v in logprobs["top_logprobs"][0].items()}
        except (KeyError, IndexError, TypeError, AttributeError, ValueError):
            top = {}
        return top

    # -- transport -----------------------------------------------------------------------
    def _post(self, path: str, call: Callable[[], Any]) -> dict[str, Any]:
        """``call()`` with retries on transient failures; its reply as a checked dict."""
        url = self.root + path
        for attempt in range(self.options.max_retries + 1):
            try:
                return _checked(url, _once(url, call))
            except TransientError as e:
                if attempt == self.options.max_retries:
                    raise ModelError(
                        f"openai backend: {url} failed after {attempt + 1} attempts: {e}"
                    ) from None
                wait = e.retry_after
                time.sleep(self.options.backoff_s * 2**attempt if wait is None else wait)
        raise AssertionError("unreachable")  # pragma: no cover


def _once(url: str, call: Callable[[], Any]) -> Any:
    """One attempt; the client's errors as TransientError or ModelError."""
    try:
        return call()
    except openai.APIStatusError as e:
        detail = _error_detail(e.body) or e.message
        if e.status_code == 429 or e.status_code >= 500:
            retry_after = _retry_after(e.response.headers.get("retry-after"))
            raise TransientError(f"HTTP {e.status_code}: {detail}", retry_after) from None
        raise ModelError(f"openai backend: {url}: HTTP {e.status_code}: {detail}") from None
    except openai.APIConnectionError as e:
        cause = e.__cause__ or e
        raise TransientError(f"{type(cause).__name__}: {_one_line(str(cause))}") from None
    except openai.APIError as e:  # a reply the client cannot read
        raise ModelError(f"openai backend: {url}: {_one_line(str(e))}") from None


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


def _checked(url: str, reply: Any) -> dict[str, Any]:
    """The client's reply as a plain dict, with the choices every caller reads."""
    data = reply.model_dump() if hasattr(reply, "model_dump") else reply
    if not isinstance(data, dict):
        raise ModelError(f"openai backend: {url} replied with {type(data).__name__}, not object")
    if data.get("error"):
        raise ModelError(f"openai backend: {url}: {_one_line(str(data['error']))}")
    if not isinstance(data.get("choices"), list) or not data["choices"]:
        raise ModelError(f"openai backend: {url} replied without choices")
    return data


def _error_detail(body: object) -> str:
    """The message of an error reply's body (``{"error": {"message": ...}}`` or text)."""
    error = body.get("error", body) if isinstance(body, dict) else body
    text = error.get("message", str(error)) if isinstance(error, dict) else str(error or "")
    return _one_line(text)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date); None if absent or odd."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _usage(reply: dict[str, Any], field: str) -> int:
    usage = reply.get("usage") or {}
    value = usage.get(field, 0) if isinstance(usage, dict) else 0
    return int(value) if isinstance(value, (int, float)) else 0


def create(model: str, options: OpenAIOptions, cache_dir: Path | None) -> OpenAIBackend:
    """The registry's factory (``options`` already validated); ``model`` is the server's model
    name, ``cache_dir`` is unused."""
    return OpenAIBackend(model, options)
