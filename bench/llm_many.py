"""A job's first code and test prompts: two calls vs one shared batch (``generate_many``).

Run: ``python bench/llm_many.py`` (no args). Bundled model, the factorial spec's code prompt and
test prompt, the pipeline's defaults (8 rows each, 256 tokens, temperature 0.7), seeds 1-32: the
time of one call per prompt and of one call holding both. A batch costs about its longest row, so
one batch pays one longest row where two calls pay two; but the two ways draw different rows, and
a draw with a row at the token limit costs 256 steps, so single seeds vary a lot. The last line is
one JSON object; ``ratio`` is the two calls' total seconds over the shared batches' total (the
throughput over all draws), ``median_ratio`` the median of the per-seed ratios.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from supercharger.llm import Sampling, get_backend
from supercharger.llm.prompts import CODE_STOP, code_prompt, test_prompt
from supercharger.settings import Settings

SPEC = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
SEEDS = tuple(range(1, 33))  # draws differ a lot (a row may run to the limit): many of them


def main() -> None:
    backend: Any = get_backend("transformers")
    code, test = code_prompt(SPEC, "factorial"), test_prompt(SPEC, "factorial", "factorial")
    defaults = Settings()
    backend.generate(code, Sampling(n=2, max_new_tokens=4, seed=0))  # warm-up, probes
    result: dict[str, Any] = {}
    for seed in SEEDS:
        sampling = Sampling(
            n=defaults.batch_size,
            max_new_tokens=defaults.max_new_tokens,
            temperature=defaults.temperature,
            top_p=defaults.top_p,
            stop=CODE_STOP,
            seed=seed,
        )
        started = time.perf_counter()
        apart = [backend.generate(code, sampling), backend.generate(test, sampling)]
        two = time.perf_counter() - started
        started = time.perf_counter()
        together = backend.generate_many([code, test], sampling)
        one = time.perf_counter() - started
        figures = {
            "two_calls_s": round(two, 2),
            "one_batch_s": round(one, 2),
            "two_calls_longest_rows": [max(c.row_tokens) for c in apart],
            "one_batch_longest_row": max(max(c.row_tokens) for c in together),
            "ratio": round(two / one, 2),
        }
        print(f"seed {seed}: {figures}", flush=True)
        result[f"seed{seed}"] = figures
    two = sum(result[f"seed{s}"]["two_calls_s"] for s in SEEDS)
    one = sum(result[f"seed{s}"]["one_batch_s"] for s in SEEDS)
    result["two_calls_s"], result["one_batch_s"] = round(two, 2), round(one, 2)
    result["median_ratio"] = statistics.median(result[f"seed{s}"]["ratio"] for s in SEEDS)
    result["ratio"] = round(two / one, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
