"""Each LLM backend's options: pydantic models, checked when the settings are read.

A light module (pydantic only): validating options never imports torch, transformers or an
HTTP client.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class TransformersOptions(BaseModel):
    """Options of the transformers backend."""

    model_config = ConfigDict(extra="forbid")

    quantization: Literal["auto", "none", "8bit", "4bit"] = Field(
        "auto", description="bitsandbytes; auto = 8bit on CUDA (one GPU node holds it), else none"
    )
    device_map: str | dict[str, Any] | None = Field(
        None, description="accelerate device map; unset = 'auto' on CUDA, else cpu"
    )
    max_memory: dict[int | str, str] | None = Field(
        None, description="per device memory cap, e.g. {0: '20GiB', 'cpu': '30GiB'}"
    )
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = Field(
        "auto",
        description="auto = bfloat16 on CUDA and, unquantized, on CPUs with AMX or AVX-512 BF16 "
        "(packed oneDNN matmuls), else float32",
    )
    packed_weights: bool | None = Field(
        None,
        description="CPU bfloat16 or float32: matmuls through oneDNN with each weight packed once "
        "at load; unset = on for an unquantized bfloat16 or float32 model on CPU",
    )
    max_context_tokens: int | None = Field(
        None, ge=32, description="context window; unset = the model's max_position_embeddings"
    )
    threads: int | None = Field(
        None, ge=1, description="torch CPU threads; unset = usable cores (see follow_load)"
    )
    follow_load: bool = Field(
        True,
        description="with threads unset, on a CPU: between decode steps, one thread fewer for "
        "each core other processes kept busy over the last second (llm/cores.py)",
    )
    decoder: Literal["auto", "own", "generate"] = Field(
        "auto",
        description="batched decoding: the backend's own loop (finished rows leave the batch) or "
        "model.generate; auto = model.generate on a GPU without bitsandbytes, else the own loop",
    )
    shared_attention: bool = Field(
        True,
        description="own loop: a prompt's rows read one copy of its cache (switched on only "
        "after one step computed both ways agrees)",
    )
    draft_tokens: int = Field(
        4,
        ge=0,
        le=32,
        description="own loop with shared attention: a row drafts up to this many tokens per "
        "step from what followed its last tokens before (its own text, its prompt's other rows, "
        "the prompt) and one wider step checks them; the replies are distributed as without "
        "drafts; 0 = off",
    )
    draft_rows: int = Field(
        8, ge=1, description="drafts are tried while at most this many rows are still writing"
    )
    batch_rows: int = Field(
        16,
        ge=0,
        description="own loop with shared attention: concurrent calls (an llm worker's tasks, "
        "from several jobs) decode in one batch of up to this many rows, joining it between "
        "steps; 0 = each call decodes alone",
    )
    cycle_stop: bool = Field(
        True,
        description="own loop: a row whose tail repeats (an n-gram cycle, see llm/cycles.py) "
        "stops instead of decoding to the token limit",
    )


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


class FakeOptions(BaseModel):
    """Scripted replies (continuations after the prefill) and fixed scores."""

    model_config = ConfigDict(extra="forbid")

    code_replies: list[str] = Field(default_factory=lambda: ["    return None\n```"], min_length=1)
    test_replies: list[str] = Field(
        default_factory=lambda: ["placeholder():\n    assert True\n```"], min_length=1
    )
    improve_replies: list[str] = Field(
        default_factory=lambda: ["    return None\n```"], min_length=1
    )
    judge_score: float = Field(1.0, ge=0.0, le=1.0)
    delay_s: float = Field(0.0, ge=0.0, description="seconds each generate call takes")
    verdict_delay_s: float = Field(
        0.0, ge=0.0, description="seconds each judge or score call takes"
    )
    score: float = Field(1.0, ge=0.0, le=1.0)
    load_delay_s: float = Field(
        0.0, ge=0.0, description="seconds loading takes (a worker is ready only after it)"
    )
