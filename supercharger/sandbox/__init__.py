"""Sandbox backends by name: ``get_backend("bwrap")`` (default), ``"docker"`` or ``"process"``."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from supercharger.errors import UnknownBackendError, validated
from supercharger.sandbox.base import (
    Coverage,
    Limits,
    PairResult,
    PairSpec,
    SandboxBackend,
    Status,
)

__all__ = [
    "Coverage",
    "Limits",
    "PairResult",
    "PairSpec",
    "SandboxBackend",
    "Status",
    "get_backend",
    "known_backends",
    "options_model",
    "parse_options",
]

# name -> (module, backend class, options class); a module is imported only when asked for
# (each is stdlib + pydantic: reading a backend's options model starts nothing).
_REGISTRY: dict[str, tuple[str, str, str]] = {
    "bwrap": ("supercharger.sandbox.bwrap", "BwrapBackend", "BwrapOptions"),
    "docker": ("supercharger.sandbox.docker", "DockerBackend", "DockerOptions"),
    "process": ("supercharger.sandbox.process", "ProcessBackend", "ProcessOptions"),
}


def known_backends() -> list[str]:
    """Names ``get_backend`` accepts."""
    return sorted(_REGISTRY)


def _entry(name: str) -> tuple[Any, str, str]:
    try:
        module, backend, options = _REGISTRY[name]
    except KeyError:
        known = ", ".join(known_backends())
        raise UnknownBackendError(f"unknown sandbox backend {name!r}; known: {known}") from None
    return importlib.import_module(module), backend, options


def options_model(name: str) -> type[BaseModel]:
    """The options model of backend ``name``; raises UnknownBackendError listing the known ones."""
    module, _, options = _entry(name)
    return getattr(module, options)


def parse_options(name: str, options: Mapping[str, Any] | BaseModel | None) -> BaseModel:
    """``options`` as backend ``name``'s options model; a one-line ConfigError if they don't fit."""
    return validated(options_model(name), options, f"sandbox backend {name!r}")


def get_backend(name: str, **options: Any) -> SandboxBackend:
    """The backend registered as ``name``, built with validated ``options``."""
    module, backend, _ = _entry(name)
    return getattr(module, backend)(parse_options(name, options))
