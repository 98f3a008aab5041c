"""Validating backend options: one clear line per bad option."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from supercharger.errors import ConfigError

M = TypeVar("M", bound=BaseModel)


def validate_options(backend: str, model: type[M], options: dict[str, Any] | None) -> M:
    """``options`` as ``model``; raises ConfigError naming the first bad option."""
    try:
        return model.model_validate(options or {})
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "options"
        known = ", ".join(sorted(model.model_fields))
        raise ConfigError(
            f"{backend} backend option {where!r}: {first['msg']} (known options: {known})"
        ) from None
