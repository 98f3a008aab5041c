"""What an LLM backend takes and returns. Plain data; no Celery, no sandbox, no cleaner."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

PromptKind = Literal["code", "test", "judge", "score", "improve"]


class Prompt(BaseModel):
    """Chat messages plus an optional start of the assistant's reply (``prefill``)."""

    model_config = ConfigDict(extra="forbid")

    kind: PromptKind
    messages: list[dict[str, str]]
    prefill: str = ""


class Sampling(BaseModel):
    model_config = ConfigDict(extra="forbid")

    n: int = Field(1, ge=1)
    max_new_tokens: int = Field(320, ge=1)
    temperature: float = Field(0.8, ge=0.0)
    top_p: float = Field(0.95, gt=0.0, le=1.0)
    stop: list[str] = Field(default_factory=list)
    seed: int | None = Field(None, description="same seed, prompt and model: same replies")


class Completion(BaseModel):
    """n replies to one prompt. ``texts`` are continuations after the prefill."""

    texts: list[str]
    prompt_tokens: int = 0
    completion_tokens: int = 0  # useful tokens: up to each sequence's end
    ended: list[bool] = Field(
        default_factory=list, description="per text: ended at EOS or a stop (not the token limit)"
    )
    seconds: float = 0.0
    row_tokens: list[int] = Field(
        default_factory=list, description="per text: its useful tokens, where the backend knows"
    )
    draft_tokens: int = Field(0, description="useful tokens that came from accepted drafts")
    batch_rows: int = Field(
        0, description="the most rows decoded in one step with this call's (its own included)"
    )
    cycled: list[bool] = Field(
        default_factory=list, description="per text: stopped early because its tail repeats"
    )
    tokens_saved: int = Field(
        0, description="tokens the cycle stop did not decode: the stopped rows' room to the limit"
    )


class Verdict(BaseModel):
    """A probability-based score in [0, 1]."""

    score: float = Field(ge=0.0, le=1.0)
    prompt_tokens: int = 0
    seconds: float = 0.0


class LLMBackend(Protocol):
    name: str

    def generate(self, prompt: Prompt, sampling: Sampling) -> Completion: ...

    def yes_probability(self, prompt: Prompt) -> Verdict:
        """P(yes) / (P(yes) + P(no)) for the next token after the prompt (and prefill)."""
        ...
