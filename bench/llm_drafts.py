"""Lookup drafts on vs off: useful tokens/s of the pipeline's own calls (bundled model).

Run: ``python bench/llm_drafts.py`` (no args). Three workloads at the pipeline's defaults (8 rows,
256 tokens, temperature 0.7, top-p 0.95), seeds 1-8 each, drafts on (the backend's options) and
off (``draft_tokens: 0``) alternately on the same loaded model:

- ``first_batch``: a job's first code and test prompts in one batch (``generate_many``);
- ``improve``: a repair prompt (failing code, its test, the pytest output), whose replies copy
  much of the code they were shown;
- ``single``: one row of the code prompt (what a call with n=1 gets).

The two ways draw different rows (a draft changes how the generator's numbers are used, not the
rows' distribution), so each workload compares total useful tokens over total seconds. The last
line is one JSON object; ``ratio`` is useful tok/s with drafts over without, all workloads
together.
"""

from __future__ import annotations

import json
import time
from typing import Any

from supercharger.llm import Prompt, Sampling, get_backend
from supercharger.llm.prompts import CODE_STOP, code_prompt, improve_prompt, test_prompt
from supercharger.settings import Settings

SPEC = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
SEEDS = tuple(range(1, 9))
BUGGY = """def factorial(n):
    if n < 0:
        raise ValueError("n must be non-negative")
    result = 0
    for i in range(1, n + 1):
        result *= i
    return result
"""
TEST = """from factorial import factorial


def test_small_values():
    assert factorial(0) == 1
    assert factorial(1) == 1
    assert factorial(5) == 120
"""
OUTPUT = """    def test_small_values():
>       assert factorial(0) == 1
E       assert 0 == 1
E        +  where 0 = factorial(0)

test_factorial.py:5: AssertionError
=========================== short test summary info ============================
FAILED test_factorial.py::test_small_values - assert 0 == 1
1 failed in 0.02s
"""


def workloads() -> dict[str, tuple[list[Prompt], int]]:
    code = code_prompt(SPEC, "factorial")
    return {
        "first_batch": ([code, test_prompt(SPEC, "factorial", "factorial")], 8),
        "improve": ([improve_prompt(SPEC, "factorial", BUGGY, TEST, OUTPUT)], 8),
        "single": ([code], 1),
    }


def run(backend: Any, prompts: list[Prompt], sampling: Sampling) -> tuple[float, int, int]:
    started = time.perf_counter()
    replies = backend.generate_many(prompts, sampling)
    seconds = time.perf_counter() - started
    return seconds, sum(r.completion_tokens for r in replies), sum(r.draft_tokens for r in replies)


def main() -> None:
    backend: Any = get_backend("transformers")
    drafts = backend.options.draft_tokens
    defaults = Settings()
    backend.generate(code_prompt(SPEC, "factorial"), Sampling(n=2, max_new_tokens=4, seed=0))
    result: dict[str, Any] = {"draft_tokens": drafts, "draft_rows": backend.options.draft_rows}
    totals = {"on": [0.0, 0], "off": [0.0, 0]}
    for name, (prompts, n) in workloads().items():
        sums = {"on": [0.0, 0, 0], "off": [0.0, 0, 0]}
        for seed in SEEDS:
            sampling = Sampling(
                n=n,
                max_new_tokens=defaults.max_new_tokens,
                temperature=defaults.temperature,
                top_p=defaults.top_p,
                stop=CODE_STOP,
                seed=seed,
            )
            for way, size in (
                (("on", drafts), ("off", 0)) if seed % 2 else (("off", 0), ("on", drafts))
            ):
                backend.options.draft_tokens = size
                seconds, tokens, drafted = run(backend, prompts, sampling)
                for i, value in enumerate((seconds, tokens, drafted)):
                    sums[way][i] += value
                print(
                    f"{name} seed {seed} drafts {way}: {tokens} tokens in {seconds:.2f}s",
                    flush=True,
                )
        backend.options.draft_tokens = drafts
        figures: dict[str, Any] = {}
        for way, (seconds, tokens, _drafted) in sums.items():
            figures[f"{way}_tok_s"] = round(tokens / seconds, 1)
            figures[f"{way}_tokens"], figures[f"{way}_s"] = tokens, round(seconds, 1)
            totals[way][0] += seconds
            totals[way][1] += tokens
        figures["drafted_share"] = round(sums["on"][2] / max(sums["on"][1], 1), 3)
        figures["ratio"] = round(figures["on_tok_s"] / max(figures["off_tok_s"], 1e-9), 2)
        print(f"{name}: {figures}", flush=True)
        result[name] = figures
    rate = {way: tokens / seconds for way, (seconds, tokens) in totals.items()}
    result["ratio"] = round(rate["on"] / rate["off"], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
