"""One real bundled model per test session (loading takes ~15 s on 2 cores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from supercharger.llm import get_backend
from supercharger.llm.hf import TransformersBackend


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> TransformersBackend:
    cache: Path = tmp_path_factory.mktemp("llm-cache")
    backend = get_backend("transformers", "bundled", cache_dir=cache)
    assert isinstance(backend, TransformersBackend)
    return backend
