"""The model layer on a CUDA GPU: 8-bit load, batched generation speed of both decoding loops.

Run: ``python bench/llm_gpu.py`` (no args) on a machine with CUDA. The last line is one JSON
object; ``ratio`` is batched vs sequential useful tokens/s at n=16 in 8-bit (the default on
CUDA) with the backend's own loop; the same is given for ``model.generate`` and for bf16.
``SUPERCHARGER_BENCH_MODEL`` picks another model (a .gguf path, folder or hub id).
Without CUDA it prints ``{"skipped": ...}`` and exits 0.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from supercharger.llm import Sampling, get_backend
from supercharger.llm.prompts import CODE_STOP, code_prompt

SPEC = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
MAX_NEW = 96
MODEL = os.environ.get("SUPERCHARGER_BENCH_MODEL", "bundled")


def rate(tokens: int, seconds: float) -> float:
    return round(tokens / seconds, 1) if seconds > 0 else 0.0


def layer_counts(model: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for module in model.modules():
        name = type(module).__name__
        if name.startswith("Linear"):
            counts[name] = counts.get(name, 0) + 1
    return counts


def _placement(model: Any) -> dict[str, int]:
    """How many modules accelerate put on each device (all on one when there is no map)."""
    device_map = getattr(model, "hf_device_map", None) or {"": str(model.device)}
    counts: dict[str, int] = {}
    for device in device_map.values():
        counts[str(device)] = counts.get(str(device), 0) + 1
    return counts


def load(options: dict[str, Any], cache: Path) -> tuple[Any, dict[str, Any]]:
    import torch

    torch.cuda.reset_peak_memory_stats()
    started = time.perf_counter()
    backend = get_backend("transformers", MODEL, options, cache)
    model = backend.model  # type: ignore[attr-defined]
    info = {
        "load_s": round(time.perf_counter() - started, 1),
        "footprint_mb": round(model.get_memory_footprint() / 2**20, 1),
        "gpu_peak_mb": round(torch.cuda.max_memory_allocated() / 2**20, 1),
        "layers": layer_counts(model),
        "devices": _placement(model),
    }
    return backend, info


def sample_code(backend: Any) -> list[str]:
    """Four greedy-ish candidates, to show the 8-bit model still writes code."""
    reply = backend.generate(
        code_prompt(SPEC, "factorial"),
        Sampling(n=4, max_new_tokens=MAX_NEW, stop=CODE_STOP, temperature=0.7, seed=1),
    )
    return reply.texts


def compare_loops(backend: Any, seeds: tuple[int, ...]) -> dict[str, Any]:
    """n=16, own decoding loop vs ``model.generate``, the same seeds for both."""
    out: dict[str, Any] = {}
    for label, own in (("own_loop", True), ("model_generate", False)):
        backend.own_loop = own
        ratios = [seeded_ratio(backend, 16, seed) for seed in seeds]
        out[label] = ratios
        print(f"  {label}: {ratios}", flush=True)
    backend.own_loop = None
    return out


def seeded_ratio(backend: Any, n: int, seed: int) -> float:
    prompt = code_prompt(SPEC, "factorial")
    backend.generate(prompt, Sampling(n=2, max_new_tokens=8, stop=CODE_STOP, seed=0))
    started = time.perf_counter()
    many = Sampling(n=n, max_new_tokens=MAX_NEW, stop=CODE_STOP, seed=seed)
    batched = backend.generate(prompt, many)
    batched_rate = batched.completion_tokens / (time.perf_counter() - started)
    started, tokens = time.perf_counter(), 0
    for i in range(n):
        one = Sampling(n=1, max_new_tokens=MAX_NEW, stop=CODE_STOP, seed=seed * 100 + i)
        tokens += backend.generate(prompt, one).completion_tokens
    return round(batched_rate / (tokens / (time.perf_counter() - started)), 2)


def main() -> None:
    import torch

    if not torch.cuda.is_available():
        print(json.dumps({"skipped": "no CUDA device"}))
        return
    cache = Path(tempfile.mkdtemp(prefix="sc-gpu-"))
    result: dict[str, Any] = {"device": torch.cuda.get_device_name(0), "torch": torch.__version__}
    runs = (("8bit", {"quantization": "8bit"}, (1,)), ("bf16", {"quantization": "none"}, (1, 2, 3)))
    for label, options, seeds in runs:
        backend, info = load(options, cache)
        print(f"{label} load: {info}", flush=True)
        if label == "8bit":
            info["sample"] = sample_code(backend)
        info["n16"] = compare_loops(backend, seeds)
        result[label] = info
        del backend
        torch.cuda.empty_cache()
    own = result["8bit"]["n16"]["own_loop"]
    result["ratio"] = sorted(own)[len(own) // 2]
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
