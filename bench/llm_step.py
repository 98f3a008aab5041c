"""What one decoding step costs for 1, 2, 4, 8 and 16 rows (bundled model, own loop).

Run: ``python bench/llm_step.py`` (no args). Each size: one generation of 40 tokens of the
factorial code prompt (no stop, no EOS, so every step has all its rows) after a warm-up, timing
each one-token forward, each sampling call and the prompt's prefill; medians are reported. The
last line is one JSON object; ``ratio`` is a 16-row step over a 1-row step (forward + sampling):
what a row costs when it shares a step (1.0 would be free).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from functools import partial
from typing import Any

from supercharger.llm import Sampling, decode, get_backend
from supercharger.llm.prompts import code_prompt

SPEC = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
STEPS = 40
ROWS = (1, 2, 4, 8, 16)


def main() -> None:
    # e.g. SUPERCHARGER_LLM_OPTIONS='{"dtype": "float32"}' to measure a variant
    options = json.loads(os.environ.get("SUPERCHARGER_LLM_OPTIONS") or "{}")
    backend: Any = get_backend("transformers", options=options)
    prompt = code_prompt(SPEC, "factorial")
    ids = backend.token_ids(backend.render(prompt), room=STEPS)
    backend.generate(prompt, Sampling(n=2, max_new_tokens=4, seed=0))  # warm-up, probes
    forward, sample = decode.DecodeLoop._forward, decode.DecodeLoop._sample
    seen: dict[str, list[float]] = {"forward": [], "sample": []}
    prefills: list[float] = []

    def timed_forward(self: Any, tokens: Any, *args: Any) -> Any:
        started = time.perf_counter()
        out = forward(self, tokens, *args)
        seconds = time.perf_counter() - started
        (seen["forward"] if tokens.shape[1] == 1 else prefills).append(seconds)
        return out

    def timed_sample(self: Any, logits: Any) -> Any:
        started = time.perf_counter()
        out = sample(self, logits)
        seen["sample"].append(time.perf_counter() - started)
        return out

    decode.DecodeLoop._forward, decode.DecodeLoop._sample = timed_forward, timed_sample  # type: ignore[method-assign]
    result: dict[str, Any] = {
        "dtype": str(backend.model.dtype).removeprefix("torch."),
        "shared_attention": bool(backend.shared),
        "prompt_tokens": len(ids),
    }
    for rows in ROWS:
        request = decode.Request(
            prompts=[ids], n=rows, max_new_tokens=STEPS, temperature=0.8, top_p=0.95,
            stop=[], eos_ids=[], seed=1,
        )  # fmt: skip
        # on the model's own thread (TransformersBackend.on_model says why)
        model, tokenizer, shared = backend.model, backend.tokenizer, bool(backend.shared)
        run = partial(decode.generate, model, tokenizer, request, shared)
        backend.on_model(run)
        seen["forward"].clear()
        seen["sample"].clear()
        backend.on_model(run)
        step = {k: round(statistics.median(v) * 1000, 2) for k, v in seen.items()}
        print(f"{rows} rows: forward {step['forward']} ms, sampling {step['sample']} ms")
        result[f"rows{rows}_ms"] = step
    one, sixteen = (sum(result[f"rows{n}_ms"].values()) for n in (1, 16))
    result["prefill_ms"] = round(statistics.median(prefills) * 1000, 1)
    result["ratio"] = round(sixteen / one, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
