"""Useful tokens/s: n candidates in one batched call vs n sequential calls (bundled model).

Run: ``python bench/llm_batch.py`` (no args). The last line is one JSON object; ``ratio`` is
the median over seeds of the batched/sequential ratio at n=16.

Useful tokens stop at each row's end (EOS or stop string). Both sides sample with seeds, so every
round draws the same rows and each call's best time over the rounds is its time with the least
of the machine's other load; ``round_ratios`` shows what each round saw. Different seeds draw
rows of different lengths, which is what decides the ratio (the longest row bounds the batch).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from typing import Any

from supercharger.llm import Sampling, get_backend
from supercharger.llm.prompts import CODE_STOP, code_prompt

SPEC = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
MAX_NEW = 96
ROUNDS = 2  # the same rows each round; each call's best time counts
SEEDS = (1, 2, 3)  # different draws: rows' lengths set how much batching gains


def rate(tokens: int, seconds: float) -> float:
    return round(tokens / seconds, 2) if seconds > 0 else 0.0


def sampling(n: int, seed: int) -> Sampling:
    return Sampling(n=n, max_new_tokens=MAX_NEW, stop=CODE_STOP, seed=seed)


def timed(backend: Any, n: int, seed: int) -> tuple[float, Any]:
    started = time.perf_counter()
    reply = backend.generate(code_prompt(SPEC, "factorial"), sampling(n, seed))
    return time.perf_counter() - started, reply


def measure(backend: Any, n: int, seed: int) -> dict[str, Any]:
    """Rounds of: n rows in one call, then n calls of one row (seeds seed..seed+n-1).

    Seeds make every round draw the same rows, so each call's best time over the rounds is its
    time without the other load on the machine; ``ratio`` compares those best times, and
    ``round_ratios`` what each round saw.
    """
    batched_s: list[float] = []
    sequential_s: list[list[float]] = []
    for r in range(ROUNDS):
        seconds, batched = timed(backend, n, seed)
        batched_s.append(seconds)
        calls = [timed(backend, 1, seed + i) for i in range(n)]
        sequential_s.append([s for s, _ in calls])
        ones = [reply for _, reply in calls]
        print(f"n={n} round {r}: batched {seconds:.2f}s, sequential {sum(sequential_s[-1]):.2f}s")
    tokens = sum(one.completion_tokens for one in ones)
    best_sequential = sum(min(times) for times in zip(*sequential_s, strict=True))
    figures: dict[str, Any] = {
        "batched_tok_s": rate(batched.completion_tokens, min(batched_s)),
        "sequential_tok_s": rate(tokens, best_sequential),
        "batched_tokens": batched.completion_tokens,
        "sequential_tokens": tokens,
        "batched_ended": sum(batched.ended),
        "longest_row": max(batched.row_tokens),
        # Useful tokens per step of the batched call: the most any decoder that adds one token
        # per row per step can gain over one-row steps (the prefills it saves come on top).
        "rows_per_step": round(batched.completion_tokens / max(max(batched.row_tokens), 1), 2),
        "sequential_ended": sum(sum(one.ended) for one in ones),
        # useful tokens that came from accepted lookup drafts (0 with draft_tokens: 0)
        "batched_draft_tokens": batched.draft_tokens,
        "sequential_draft_tokens": sum(one.draft_tokens for one in ones),
        "round_ratios": [
            round(batched.completion_tokens / b / (tokens / sum(s)), 2)
            for b, s in zip(batched_s, sequential_s, strict=True)
        ],
    }
    figures["ratio"] = round(figures["batched_tok_s"] / max(figures["sequential_tok_s"], 1e-9), 2)
    return figures


def main() -> None:
    started = time.perf_counter()
    # e.g. SUPERCHARGER_LLM_OPTIONS='{"draft_tokens": 0}' to measure a variant
    options = json.loads(os.environ.get("SUPERCHARGER_LLM_OPTIONS") or "{}")
    backend = get_backend("transformers", options=options)
    result: dict[str, Any] = {"load_s": round(time.perf_counter() - started, 2), "options": options}
    backend.generate(code_prompt(SPEC, "factorial"), sampling(2, 0))  # warm-up: first call is slow
    for n in (8, 16):
        for seed in SEEDS:
            figures = measure(backend, n, seed)
            print(f"n={n} seed={seed}: {figures}", flush=True)
            result[f"n{n}_seed{seed}"] = figures
        ratios = [result[f"n{n}_seed{seed}"]["ratio"] for seed in SEEDS]
        result[f"n{n}"] = {"ratios": ratios, "median": statistics.median(ratios)}
    result["ratio"] = result["n16"]["median"]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
