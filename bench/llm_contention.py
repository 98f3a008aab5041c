"""Generation with another busy process on the machine: torch untouched (libgomp's default
OpenMP spin, one thread per core) vs the shorter spin the transformers backend sets
(``GOMP_SPINCOUNT=10000``) vs that spin with the thread count following the other processes'
load (``follow_load``, ``supercharger/llm/cores.py``: the backend's default).

Run: ``python bench/llm_contention.py`` (no args). Each side runs in a fresh interpreter (libgomp
reads the setting when torch loads): the bundled model, 4 calls of n=4 rows after a warm-up call,
first on a quiet machine, then with one busy-looping process beside it. The last line is one
JSON object; ``ratio`` = torch untouched / the backend's default under load (higher: the
backend's settings help), ``spin_ratio`` = default spin / short spin with a fixed thread count,
``follow_ratio`` = short spin with a fixed thread count / with ``follow_load``.
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
b = get_backend("transformers", options={{OPTIONS}})
p = code_prompt("# factorial of a non-negative integer\\ndef factorial(n):", "factorial")
b.generate(p, Sampling(n=1, max_new_tokens=8, seed=0))
t = time.perf_counter()
for i in range({CALLS}):
    b.generate(p, Sampling(n=4, max_new_tokens=64, stop=CODE_STOP, seed=i))
print(time.perf_counter() - t)
"""


SIDES = {  # name: (GOMP_SPINCOUNT, backend options)
    "default": ("300000", {"follow_load": False}),  # libgomp's own spin: torch untouched
    "tuned": ("10000", {"follow_load": False}),
    "follow": ("10000", {}),  # the backend's defaults
}


def run(side: str) -> float:
    spin, options = SIDES[side]
    env = {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY")}
    env["GOMP_SPINCOUNT"] = spin
    child = CHILD.replace("{OPTIONS}", repr(options))
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def busy() -> None:
    while True:
        pass


def main() -> None:
    result: dict[str, float] = {}
    for side in SIDES:
        result[f"{side}_quiet_s"] = round(run(side), 2)
        print(side, "quiet", result[f"{side}_quiet_s"], flush=True)
    loop = multiprocessing.Process(target=busy, daemon=True)
    loop.start()
    try:
        for side in SIDES:
            started = time.perf_counter()
            result[f"{side}_loaded_s"] = round(run(side), 2)
            print(side, "loaded", result[f"{side}_loaded_s"],
                  f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip
    finally:
        loop.kill()
    result["quiet_ratio"] = round(result["default_quiet_s"] / result["follow_quiet_s"], 2)
    result["spin_ratio"] = round(result["default_loaded_s"] / result["tuned_loaded_s"], 2)
    result["follow_ratio"] = round(result["tuned_loaded_s"] / result["follow_loaded_s"], 2)
    result["ratio"] = round(result["default_loaded_s"] / result["follow_loaded_s"], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
