"""fake: a scripted stand-in for testing pipeline policy, not a model.

Replies come from the option lists by ``prompt.kind``, cycling in order; scores are fixed.
Deterministic: the same sequence of calls gives the same replies.
"""

from __future__ import annotations

import time
from itertools import count
from pathlib import Path

from supercharger.llm.base import Completion, Prompt, Sampling, Verdict
from supercharger.llm.options import FakeOptions
from supercharger.llm.text import cut_at_stop


class FakeBackend:
    """fake: a scripted stand-in for testing pipeline policy, not a model."""

    name = "fake"

    def __init__(self, options: FakeOptions) -> None:
        self.options = options
        self._counters: dict[str, count[int]] = {}
        time.sleep(options.load_delay_s)  # a model load, for tests of a cluster's start-up

    def _replies(self, kind: str) -> list[str]:
        table = {
            "code": self.options.code_replies,
            "test": self.options.test_replies,
            "improve": self.options.improve_replies,
        }
        return table.get(kind, [""])

    def _next(self, kind: str) -> str:
        replies = self._replies(kind)
        i = next(self._counters.setdefault(kind, count()))
        return replies[i % len(replies)]

    def generate(self, prompt: Prompt, sampling: Sampling) -> Completion:
        time.sleep(self.options.delay_s)
        texts = [cut_at_stop(self._next(prompt.kind), sampling.stop) for _ in range(sampling.n)]
        return Completion(
            texts=texts,
            prompt_tokens=_words(prompt),
            completion_tokens=sum(len(t.split()) for t in texts),
            seconds=0.0,
        )

    def generate_many(self, prompts: list[Prompt], sampling: Sampling) -> list[Completion]:
        """Several prompts in one call, as a batching backend takes them (same replies as
        ``generate`` would give one prompt after the other)."""
        return [self.generate(prompt, sampling) for prompt in prompts]

    def yes_probability(self, prompt: Prompt) -> Verdict:
        time.sleep(self.options.verdict_delay_s)
        value = self.options.judge_score if prompt.kind == "judge" else self.options.score
        return Verdict(score=value, prompt_tokens=_words(prompt), seconds=0.0)


def _words(prompt: Prompt) -> int:
    return sum(len(m["content"].split()) for m in prompt.messages) + len(prompt.prefill.split())


def create(model: str, options: FakeOptions, cache_dir: Path | None) -> FakeBackend:
    """The registry's factory (``options`` already validated); ``model`` and ``cache_dir`` are
    ignored."""
    return FakeBackend(options)
