"""LLM backends behind one Protocol, registered by name; prompts live in ``prompts``.

Backends: ``transformers`` (a local model; the default is the bundled SmolLM2), ``openai``
(any OpenAI-compatible HTTP server) and ``fake`` (a scripted stand-in for testing pipeline
policy, not a model).
Importing this package does not import torch or transformers.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from supercharger.errors import UnknownBackendError
from supercharger.llm.base import Completion, LLMBackend, Prompt, Sampling, Verdict

# name -> module with ``create(model, options, cache_dir)``; imported only when asked for.
BACKENDS: dict[str, str] = {
    "transformers": "supercharger.llm.hf",
    "openai": "supercharger.llm.openai_backend",
    "fake": "supercharger.llm.fake",
}

__all__ = [
    "BACKENDS",
    "Completion",
    "LLMBackend",
    "Prompt",
    "Sampling",
    "Verdict",
    "get_backend",
]


def get_backend(
    name: str,
    model: str = "bundled",
    options: dict[str, Any] | None = None,
    cache_dir: Path | None = None,
) -> LLMBackend:
    """A ready backend by name. Raises UnknownBackendError, ConfigError or ModelError."""
    if name not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise UnknownBackendError(f"unknown LLM backend {name!r}; known backends: {known}")
    module = importlib.import_module(BACKENDS[name])
    return module.create(model, options, cache_dir)
