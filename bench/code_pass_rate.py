"""How many raw code candidates pass hidden tests: bundled model in bfloat16 (packed) vs float32,
bfloat16 without lookup drafts, and float32 with its weights packed (the default) vs plain.

Run: ``python bench/code_pass_rate.py`` (no args). For each spec of ``bench/e2e_specs.py`` plus
the example, both dtypes draw the same number of code candidates from the code prompt (one
batched call, the same seeds), the cleaner keeps what it can, and each kept candidate runs the
spec's hidden tests in the sandbox. No pipeline, no judge: this measures the model and dtype
alone, with many more samples than a few ``submit`` runs. The last line is one JSON object;
``ratio`` is bfloat16's pass rate over float32's (both with drafts, the default), and
``drafts_ratio`` bfloat16's with drafts over without (drafts keep the rows' distribution, so
only the draws differ), ``packed_ratio`` float32's with packed weights over plain float32's
(packed sums round differently, so the draws differ from the first rounding that tips a sample).
Where the CPU cannot pack bfloat16 (``packed.available``), the bfloat16 variants run plain.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from supercharger.clean import Cleaned, clean_code
from supercharger.llm import Sampling, get_backend, prompts
from supercharger.sandbox import get_backend as get_sandbox
from supercharger.sandbox.base import Limits, PairSpec
from supercharger.spec import parse_spec
from supercharger.tasks.steps import assemble_code

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2e_specs import SPECS, hidden_test  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
N = 16
SEEDS = (1, 2)
FACTORIAL = (
    (ROOT / "examples/factorial.spec").read_text().strip(),
    "assert factorial(0) == 1 and factorial(1) == 1 and factorial(5) == 120\n"
    "assert factorial(10) == 3628800",
)


VARIANTS: dict[str, dict[str, Any]] = {
    "float32": {"dtype": "float32"},
    "float32_plain": {"dtype": "float32", "packed_weights": False},
    "bfloat16": {"dtype": "bfloat16"},
    "bfloat16_no_drafts": {"dtype": "bfloat16", "draft_tokens": 0},
}


def measure(variant: str, cache: Path) -> dict[str, Any]:
    options = VARIANTS[variant]
    backend: Any = get_backend("transformers", options=options, cache_dir=cache)
    sandbox = get_sandbox("bwrap")
    per_spec: dict[str, list[int]] = {}
    started = time.perf_counter()
    for name, (text, asserts) in {**SPECS, "factorial": FACTORIAL}.items():
        spec = parse_spec(text + "\n")
        prompt = prompts.code_prompt(spec.text, spec.name)
        pairs = []
        for seed in SEEDS:
            sampling = Sampling(n=N, max_new_tokens=256, stop=prompts.CODE_STOP, seed=seed)
            comp = backend.generate(prompt, sampling)
            for i, reply in enumerate(comp.texts):
                cleaned = clean_code(prompt.prefill + reply + "\n", spec.name)
                if isinstance(cleaned, Cleaned):
                    code = assemble_code(spec, cleaned.text)
                    test = hidden_test(spec.module, spec.name, asserts)
                    pairs.append(PairSpec(pair_id=f"{seed}.{i}", module=spec.module, code=code,
                                          test=test))  # fmt: skip
        results = sandbox.run_batch(pairs, Limits(timeout_s=10)) if pairs else []
        passed = sum(1 for r in results if r.status.value == "passed")
        per_spec[name] = [passed, len(pairs), N * len(SEEDS)]
        print(f"{variant} {name}: {passed} passed of {len(pairs)} kept of {N * len(SEEDS)}")
    passed = sum(v[0] for v in per_spec.values())
    drawn = sum(v[2] for v in per_spec.values())
    return {
        "pass_rate": round(passed / drawn, 3),
        "passed": passed,
        "drawn": drawn,
        "per_spec": per_spec,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result: dict[str, Any] = {name: measure(name, Path(tmp)) for name in VARIANTS}
    for key, over, under in (
        ("ratio", "bfloat16", "float32"),
        ("drafts_ratio", "bfloat16", "bfloat16_no_drafts"),
        ("packed_ratio", "float32", "float32_plain"),
    ):
        base = result[under]["pass_rate"]
        result[key] = round(result[over]["pass_rate"] / base, 2) if base else None
    print(json.dumps(result))


if __name__ == "__main__":
    main()
