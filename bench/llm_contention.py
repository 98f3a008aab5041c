"""Generation with another busy process on the machine: torch's default OpenMP spinning vs the
shorter spin the transformers backend sets (``GOMP_SPINCOUNT=10000``).

Run: ``python bench/llm_contention.py`` (no args). Each side runs in a fresh interpreter (libgomp
reads the setting when torch loads): the bundled model, 4 calls of n=4 rows after a warm-up call,
first on a quiet machine, then with one busy-looping process beside it. The last line is one
JSON object; ``ratio`` = default seconds / tuned seconds under load (higher: the setting helps).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time

CALLS = 4
CHILD = f"""
import time
from supercharger.llm import Sampling, get_backend
from supercharger.llm.prompts import CODE_STOP, code_prompt
b = get_backend("transformers")
p = code_prompt("# factorial of a non-negative integer\\ndef factorial(n):", "factorial")
b.generate(p, Sampling(n=1, max_new_tokens=8, seed=0))
t = time.perf_counter()
for i in range({CALLS}):
    b.generate(p, Sampling(n=4, max_new_tokens=64, stop=CODE_STOP, seed=i))
print(time.perf_counter() - t)
"""


def run(spin: str | None) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY")}
    if spin is None:
        env["GOMP_SPINCOUNT"] = "300000"  # libgomp's own default: what torch does untouched
    else:
        env["GOMP_SPINCOUNT"] = spin
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def busy() -> None:
    while True:
        pass


def main() -> None:
    result: dict[str, float] = {}
    for name, spin in (("default", None), ("tuned", "10000")):
        result[f"{name}_quiet_s"] = round(run(spin), 2)
        print(name, "quiet", result[f"{name}_quiet_s"], flush=True)
    loop = multiprocessing.Process(target=busy, daemon=True)
    loop.start()
    try:
        for name, spin in (("default", None), ("tuned", "10000")):
            started = time.perf_counter()
            result[f"{name}_loaded_s"] = round(run(spin), 2)
            print(
                name,
                "loaded",
                result[f"{name}_loaded_s"],
                f"({time.perf_counter() - started:.0f} s)",
            )
    finally:
        loop.kill()
    result["quiet_ratio"] = round(result["default_quiet_s"] / result["tuned_quiet_s"], 2)
    result["ratio"] = round(result["default_loaded_s"] / result["tuned_loaded_s"], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
