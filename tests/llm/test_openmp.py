"""The transformers backend shortens torch's OpenMP spin before torch loads, unless the user
chose a setting (measured effect: bench/llm_contention.py); importing it changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

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


@pytest.mark.parametrize(("batch_rows", "thread"), [(16, "sc-batcher"), (0, "MainThread")])
def test_the_model_loads_on_the_thread_that_decodes(
    monkeypatch: pytest.MonkeyPatch, batch_rows: int, thread: str
) -> None:
    """With a batcher, loading runs on its thread like every later step: a second thread's
    OpenMP pool would make libgomp throttle its spin (bench/llm_batch.py ran ~1.4x slower)."""
    from supercharger.errors import ModelError
    from supercharger.llm import get_backend, hf

    seen: list[str] = []

    def load(*_args: object) -> None:
        seen.append(threading.current_thread().name)
        raise ModelError("stopped after the thread was seen")

    monkeypatch.setattr(hf, "_load", load)
    with pytest.raises(ModelError, match="stopped after the thread was seen"):
        get_backend("transformers", "bundled", {"batch_rows": batch_rows})
    assert seen == [thread]
