"""The transformers backend shortens torch's OpenMP spin before torch loads, unless the user
chose a setting (measured effect: bench/llm_contention.py); importing it changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# import the backend (no change yet), then start building one: the spin is set before its first
# torch import (the model file is missing, so it stops there with a ModelError, torch unloaded)
PROBE = """
import os, sys
import supercharger.llm.hf
from supercharger.errors import ModelError
from supercharger.llm import get_backend
before = os.environ.get("GOMP_SPINCOUNT")
try:
    get_backend("transformers", "/nonexistent/model.gguf", {"quantization": "none"})
except ModelError:
    pass
assert "torch" not in sys.modules
print(before, os.environ.get("GOMP_SPINCOUNT"))
"""


def _spin_after_import(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=base | env, capture_output=True, text=True, check=True
    )
    before, after = done.stdout.split()
    assert before == env.get("GOMP_SPINCOUNT", "None")  # no import-time side effect
    return after


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "10000"), ({"GOMP_SPINCOUNT": "5"}, "5"), ({"OMP_WAIT_POLICY": "passive"}, "None")],
)
def test_the_spin_is_shortened_unless_the_user_set_one(env: dict, expected: str) -> None:
    assert _spin_after_import(**env) == expected
