"""LLM backends behind one Protocol, registered by name; prompts live in ``prompts``.

Backends: ``transformers`` (a local model; the default is the bundled SmolLM2), ``openai``
(any OpenAI-compatible HTTP server) and ``fake`` (a scripted stand-in for testing pipeline
policy, not a model).
Importing this package does not import torch or transformers.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from supercharger.errors import UnknownBackendError, validated
from supercharger.llm.base import Completion, LLMBackend, Prompt, Sampling, Verdict
from supercharger.llm.options import FakeOptions, OpenAIOptions, TransformersOptions

# name -> module with ``create(model, options, cache_dir)``; imported only when asked for.
BACKENDS: dict[str, str] = {
    "transformers": "supercharger.llm.hf",
    "openai": "supercharger.llm.openai_backend",
    "fake": "supercharger.llm.fake",
}
# name -> its options model (light: validating options loads no backend).
OPTIONS: dict[str, type[BaseModel]] = {
    "transformers": TransformersOptions,
    "openai": OpenAIOptions,
    "fake": FakeOptions,
}

__all__ = [
    "BACKENDS",
    "OPTIONS",
    "Completion",
    "LLMBackend",
    "Prompt",
    "Sampling",
    "Verdict",
    "get_backend",
    "options_model",
    "parse_options",
]


def options_model(name: str) -> type[BaseModel]:
    """The options model of backend ``name``; raises UnknownBackendError listing the known ones."""
    if name not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise UnknownBackendError(f"unknown LLM backend {name!r}; known backends: {known}")
    return OPTIONS[name]


def parse_options(name: str, options: Mapping[str, Any] | BaseModel | None) -> BaseModel:
    """``options`` as backend ``name``'s options model; a one-line ConfigError if they don't fit."""
    return validated(options_model(name), options, f"{name} backend")


def get_backend(
    name: str,
    model: str = "bundled",
    options: Mapping[str, Any] | BaseModel | None = None,
    cache_dir: Path | None = None,
) -> LLMBackend:
    """A ready backend by name. Raises UnknownBackendError, ConfigError or ModelError."""
    checked = parse_options(name, options)
    module = importlib.import_module(BACKENDS[name])
    return module.create(model, checked, cache_dir)
