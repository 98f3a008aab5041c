"""The model and the sandbox a worker process serves with, each built once per process."""

from __future__ import annotations

import threading
from typing import Any

from supercharger.settings import get_settings

_cache: dict[str, Any] = {}
_cache_lock = threading.Lock()


def llm_backend() -> Any:
    """The model, loaded once per worker process."""
    with _cache_lock:
        if "llm" not in _cache:
            from supercharger.llm import get_backend

            s = get_settings()
            _cache["llm"] = get_backend(
                s.llm_backend, model=s.model, options=s.llm_options, cache_dir=s.data_dir / "models"
            )
        return _cache["llm"]


def sandbox_environments() -> Any:
    """This node's package environments (built on first use, shared by every pool process)."""
    with _cache_lock:
        if "environments" not in _cache:
            _cache["environments"] = get_settings().environment_store()
        return _cache["environments"]


def sandbox_backend() -> Any:
    """The sandbox backend of the settings, built once per worker process."""
    with _cache_lock:
        if "sandbox" not in _cache:
            from supercharger.sandbox import get_backend

            s = get_settings()
            _cache["sandbox"] = get_backend(s.sandbox_backend, **s.sandbox_kwargs())
        return _cache["sandbox"]
