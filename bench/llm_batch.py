"""Useful tokens/s: n candidates in one batched call vs n sequential calls (bundled model), and
the cycle stop: how many rows it stops and whether code candidates pass as often with it.

Run: ``python bench/llm_batch.py`` (no args). The last line is one JSON object; ``ratio`` is
the median over seeds of the batched/sequential ratio at n=16 (the cycle stop on, the default).

Useful tokens stop at each row's end (EOS, stop string or cycle stop). Both sides sample with
seeds, so every round draws the same rows and each call's best time over the rounds is its time
with the least of the machine's other load; ``round_ratios`` shows what each round saw.
Different seeds draw rows of different lengths, which is what decides the ratio (the longest
row bounds the batch, and looping rows are the longest).

``cycle_stop``: for each spec of ``bench/e2e_specs.py`` plus factorial, n=16 code rows drawn
without the stop, each row also cut where the decoder's cycle stop would have stopped it
(``cycles.first_cycle``: the same draws, so only the stop differs); every cleaned candidate
runs the spec's hidden tests in the sandbox. ``pass_rate`` with and without the stop, the
share of rows stopped as cycles and the share of decoded tokens the stop saves.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from supercharger.clean import Cleaned, clean_code
from supercharger.llm import Sampling, decode, get_backend
from supercharger.llm.cycles import first_cycle
from supercharger.llm.prompts import CODE_STOP, code_prompt
from supercharger.llm.text import cut_at_stop
from supercharger.sandbox import get_backend as get_sandbox
from supercharger.sandbox.base import Limits, PairSpec
from supercharger.spec import parse_spec
from supercharger.tasks.steps import assemble_code

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2e_specs import SPECS, hidden_test  # noqa: E402

SPEC = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
MAX_NEW = 96
ROUNDS = 2  # the same rows each round; each call's best time counts
SEEDS = (1, 2, 3)  # different draws: rows' lengths set how much batching gains
CYCLE_N, CYCLE_MAX_NEW, CYCLE_SEED = 16, 256, 1  # the cycle stop's rows: a job's defaults
FACTORIAL_ASSERTS = (
    "assert factorial(0) == 1 and factorial(1) == 1 and factorial(5) == 120\n"
    "assert factorial(10) == 3628800"
)


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
        "batched_cycled": sum(batched.cycled),
        "sequential_cycled": sum(sum(one.cycled) for one in ones),
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


def draw_rows(backend: Any, prompt: Any) -> list[decode.Row]:
    """CYCLE_N code rows of the prompt, decoded without the cycle stop."""
    text = backend.render(prompt)
    request = decode.Request(
        prompts=[backend.token_ids(text, room=CYCLE_MAX_NEW)],
        n=CYCLE_N,
        max_new_tokens=CYCLE_MAX_NEW,
        temperature=0.8,
        top_p=0.95,
        stop=CODE_STOP,
        eos_ids=backend.eos_ids,
        seed=CYCLE_SEED,
        draft_tokens=backend.options.draft_tokens,
        draft_rows=backend.options.draft_rows,
    )
    shared = bool(backend.shared)
    # on the model's own thread (TransformersBackend.on_model says why)
    return backend.on_model(
        lambda: decode.generate(backend.model, backend.tokenizer, request, shared)
    )


def candidate(backend: Any, spec: Any, prefill: str, tokens: list[int], ended: bool) -> str:
    """The cleaned code of one row, as a job's generation step makes it ("" if refused)."""
    text = cut_at_stop(backend.tokenizer.decode(tokens, skip_special_tokens=True), CODE_STOP)
    raw = prefill + text
    if ended and not raw.endswith("\n"):
        raw += "\n"
    cleaned = clean_code(raw, spec.name)
    return assemble_code(spec, cleaned.text) if isinstance(cleaned, Cleaned) else ""


def cycle_stop(backend: Any) -> dict[str, Any]:
    """Pass rates of the same rows decoded to their end and cut by the cycle stop."""
    sandbox = get_sandbox("bwrap")
    breaks = {}

    def breaks_line(token: int) -> bool:
        if token not in breaks:
            breaks[token] = "\n" in backend.tokenizer.decode([token])
        return breaks[token]

    rows = cycled = tokens = saved = 0
    passed = {"with_stop": 0, "without_stop": 0}
    per_spec: dict[str, Any] = {}
    for name, (text, asserts) in {**SPECS, "factorial": (SPEC, FACTORIAL_ASSERTS)}.items():
        spec = parse_spec(text + "\n")
        prompt = code_prompt(spec.text, spec.name)
        pairs: list[PairSpec] = []
        spec_cycled = 0
        for i, row in enumerate(draw_rows(backend, prompt)):
            end = first_cycle(row.tokens, breaks_line)
            stopped = end < len(row.tokens)
            rows, tokens, cycled = rows + 1, tokens + len(row.tokens), cycled + stopped
            spec_cycled += stopped
            saved += len(row.tokens) - end if stopped else 0
            variants = (("without_stop", row.tokens, row.ended),
                        ("with_stop", row.tokens[:end], row.ended and not stopped))  # fmt: skip
            for label, kept, ended in variants:
                code = candidate(backend, spec, prompt.prefill, kept, ended)
                if code:
                    test = hidden_test(spec.module, spec.name, asserts)
                    pairs.append(PairSpec(pair_id=f"{label}.{i}", module=spec.module, code=code,
                                          test=test))  # fmt: skip
        results = sandbox.run_batch(pairs, Limits(timeout_s=10)) if pairs else []
        ok = {"with_stop": 0, "without_stop": 0}
        for r in results:
            if r.status.value == "passed":
                ok[r.pair_id.split(".")[0]] += 1
        for label in ok:
            passed[label] += ok[label]
        per_spec[name] = ok | {"cycled": spec_cycled}
        print(f"cycle stop {name}: {per_spec[name]} of {CYCLE_N} rows", flush=True)
    return {
        "rows": rows,
        "cycled_share": round(cycled / rows, 3),
        "tokens_saved_share": round(saved / max(tokens, 1), 3),
        "pass_rate_with_stop": round(passed["with_stop"] / rows, 3),
        "pass_rate_without_stop": round(passed["without_stop"] / rows, 3),
        "per_spec": per_spec,
    }


def main() -> None:
    started = time.perf_counter()
    # e.g. SUPERCHARGER_LLM_OPTIONS='{"draft_tokens": 0}' to measure a variant
    options = json.loads(os.environ.get("SUPERCHARGER_LLM_OPTIONS") or "{}")
    backend = get_backend("transformers", options=options)
    result: dict[str, Any] = {"load_s": round(time.perf_counter() - started, 2), "options": options}
    backend.generate(code_prompt(SPEC, "factorial"), sampling(2, 0))  # warm-up: first call is slow
    n = 16
    for seed in SEEDS:
        figures = measure(backend, n, seed)
        print(f"n={n} seed={seed}: {figures}", flush=True)
        result[f"n{n}_seed{seed}"] = figures
    ratios = [result[f"n{n}_seed{seed}"]["ratio"] for seed in SEEDS]
    result[f"n{n}"] = {"ratios": ratios, "median": statistics.median(ratios)}
    result["ratio"] = result["n16"]["median"]
    result["cycle_stop"] = cycle_stop(backend)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
