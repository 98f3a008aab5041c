"""Sandbox backends by name: ``get_backend("bwrap")`` (default), ``"docker"`` or ``"process"``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from supercharger.errors import ConfigError, UnknownBackendError
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
]


def _bwrap(opts: dict[str, Any]) -> SandboxBackend:
    from supercharger.sandbox.bwrap import BwrapBackend, BwrapOptions

    return BwrapBackend(_validate("bwrap", BwrapOptions, opts))


def _docker(opts: dict[str, Any]) -> SandboxBackend:
    from supercharger.sandbox.docker import DockerBackend, DockerOptions

    return DockerBackend(_validate("docker", DockerOptions, opts))


def _process(opts: dict[str, Any]) -> SandboxBackend:
    from supercharger.sandbox.process import ProcessBackend, ProcessOptions

    return ProcessBackend(_validate("process", ProcessOptions, opts))


_REGISTRY: dict[str, Callable[[dict[str, Any]], SandboxBackend]] = {
    "bwrap": _bwrap,
    "docker": _docker,
    "process": _process,
}


def _validate(name: str, model: type[BaseModel], opts: dict[str, Any]) -> Any:
    try:
        return model(**opts)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "options"
        raise ConfigError(f"sandbox backend {name!r} option {where}: {first['msg']}") from None


def known_backends() -> list[str]:
    """Names ``get_backend`` accepts."""
    return sorted(_REGISTRY)


def get_backend(name: str, **options: Any) -> SandboxBackend:
    """The backend registered as ``name``, built with validated ``options``."""
    try:
        make = _REGISTRY[name]
    except KeyError:
        known = ", ".join(known_backends())
        raise UnknownBackendError(f"unknown sandbox backend {name!r}; known: {known}") from None
    return make(options)
