"""The 8-bit path on CPU: the bundled GGUF dequantized once into a cached folder, then loaded
with bitsandbytes LLM.int8 (real ``Linear8bitLt`` layers). Slow: conversion + load ~30 s."""

from __future__ import annotations

from pathlib import Path

import pytest

from supercharger.llm import Prompt, Sampling, get_backend
from supercharger.llm.hf import TransformersBackend, dequantized, resolve_model
from supercharger.llm.prompts import code_prompt

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def cache_8bit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("llm-cache-8bit")


@pytest.fixture(scope="session")
def int8(cache_8bit: Path) -> TransformersBackend:
    backend = get_backend("transformers", options={"quantization": "8bit"}, cache_dir=cache_8bit)
    assert isinstance(backend, TransformersBackend)
    return backend


def test_8bit_has_int8_layers(int8: TransformersBackend) -> None:
    kinds = {type(m).__name__ for m in int8.model.modules()}
    assert "Linear8bitLt" in kinds
    assert int8.model.get_memory_footprint() < 300e6  # fp32 is ~540 MB


def test_8bit_generates_and_scores(int8: TransformersBackend) -> None:
    got = int8.generate(code_prompt("def add(a, b):", "add"), Sampling(n=2, max_new_tokens=8))
    assert len(got.texts) == 2 and got.completion_tokens > 0
    prompt = Prompt(kind="judge", messages=[{"role": "user", "content": "Is 2 + 2 equal to 4?"}])
    assert 0.0 <= int8.yes_probability(prompt).score <= 1.0


def test_conversion_is_cached(int8: TransformersBackend, cache_8bit: Path) -> None:
    folders = sorted((cache_8bit / "dequantized").iterdir())
    assert len(folders) == 1 and (folders[0] / "model.safetensors").is_file()
    before = folders[0].stat().st_mtime_ns
    again = dequantized(resolve_model("bundled"), cache_8bit)  # no second conversion
    assert Path(again.location) == folders[0]
    assert folders[0].stat().st_mtime_ns == before
    assert sorted((cache_8bit / "dequantized").iterdir()) == folders  # no temp folder left
