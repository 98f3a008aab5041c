"""The transformers backend shortens torch's OpenMP spin before torch loads, unless the user
chose a setting (measured effect: bench/llm_contention.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = "import os, supercharger.llm.hf; print(os.environ.get('GOMP_SPINCOUNT'))"


def _spin_after_import(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=base | env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "10000"), ({"GOMP_SPINCOUNT": "5"}, "5"), ({"OMP_WAIT_POLICY": "passive"}, "None")],
)
def test_the_spin_is_shortened_unless_the_user_set_one(env: dict, expected: str) -> None:
    assert _spin_after_import(**env) == expected
