"""Useful tokens/s: n candidates in one batched call vs n sequential calls (bundled model).

Run: ``python bench/llm_batch.py`` (no args). The last line is one JSON object.
"""

from __future__ import annotations

import json
import time

from supercharger.llm import Sampling, get_backend
from supercharger.llm.prompts import CODE_STOP, code_prompt

SPEC = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
MAX_NEW = 96


def rate(tokens: int, seconds: float) -> float:
    return round(tokens / seconds, 2) if seconds > 0 else 0.0


def measure(backend: object, n: int) -> dict[str, float]:
    prompt = code_prompt(SPEC, "factorial")
    started = time.perf_counter()
    batched = backend.generate(prompt, Sampling(n=n, max_new_tokens=MAX_NEW, stop=CODE_STOP))
    batched_s = time.perf_counter() - started
    started, tokens = time.perf_counter(), 0
    for _ in range(n):
        one = backend.generate(prompt, Sampling(n=1, max_new_tokens=MAX_NEW, stop=CODE_STOP))
        tokens += one.completion_tokens
    sequential_s = time.perf_counter() - started
    figures = {
        "batched_tok_s": rate(batched.completion_tokens, batched_s),
        "sequential_tok_s": rate(tokens, sequential_s),
        "batched_s": round(batched_s, 2),
        "sequential_s": round(sequential_s, 2),
    }
    figures["ratio"] = round(figures["batched_tok_s"] / max(figures["sequential_tok_s"], 1e-9), 2)
    return figures


def main() -> None:
    started = time.perf_counter()
    backend = get_backend("transformers")
    result: dict[str, object] = {"load_s": round(time.perf_counter() - started, 2)}
    for n in (8, 16):
        figures = measure(backend, n)
        print(f"n={n}: {figures}", flush=True)
        result[f"n{n}"] = figures
    result["ratio"] = result["n16"]["ratio"]  # type: ignore[index]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
