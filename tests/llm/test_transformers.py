"""The transformers backend on the real bundled model (SmolLM2-135M, loaded once per session)."""

from __future__ import annotations

import pytest

from supercharger.llm import Prompt, Sampling
from supercharger.llm.hf import TransformersBackend, _model_kwargs
from supercharger.llm.options import TransformersOptions
from supercharger.llm.prompts import CODE_STOP, code_prompt, judge_prompt

FACTORIAL = (
    "# A function that calculates the factorial of a given non-negative integer\ndef factorial(n):"
)
RIGHT = (
    "def factorial(n):\n    result = 1\n    for i in range(2, n + 1):\n"
    "        result *= i\n    return result\n"
)
WRONG = 'def factorial(n):\n    return "banana"\n'
TEST = (
    "from factorial import factorial\n\n\ndef test_factorial():\n    assert factorial(5) == 120\n"
)


def test_generate_n_code_candidates(bundled: TransformersBackend) -> None:
    prompt = code_prompt(FACTORIAL, "factorial")
    got = bundled.generate(prompt, Sampling(n=4, max_new_tokens=64, stop=CODE_STOP))
    assert len(got.texts) == 4
    assert got.prompt_tokens > 0 and got.completion_tokens > 0 and got.seconds > 0
    whole = "\n".join(prompt.prefill + t for t in got.texts)
    assert "def " in whole and "return" in whole
    assert not any("```" in t for t in got.texts)


def test_greedy_is_repeatable(bundled: TransformersBackend) -> None:
    prompt = code_prompt(FACTORIAL, "factorial")
    sampling = Sampling(n=1, max_new_tokens=16, temperature=0.0)
    assert bundled.generate(prompt, sampling).texts == bundled.generate(prompt, sampling).texts


def test_stop_sequence_cuts_the_text(bundled: TransformersBackend) -> None:
    prompt = Prompt(
        kind="code",
        messages=[{"role": "user", "content": "Count from 1 to 20, separated by commas."}],
        prefill="1, 2, 3,",
    )
    free = bundled.generate(prompt, Sampling(max_new_tokens=24, temperature=0.0))
    cut = bundled.generate(prompt, Sampling(max_new_tokens=24, temperature=0.0, stop=[" 6"]))
    assert " 6" in free.texts[0]
    assert " 6" not in cut.texts[0]
    assert free.texts[0].startswith(cut.texts[0])
    assert cut.completion_tokens < free.completion_tokens


def test_long_prompt_is_trimmed_not_fatal(bundled: TransformersBackend) -> None:
    limit = 256
    bundled.context, saved = limit, bundled.context
    try:
        words = " ".join(f"word{i}" for i in range(3000))
        prompt = Prompt(kind="code", messages=[{"role": "user", "content": words}], prefill="x")
        got = bundled.generate(prompt, Sampling(n=2, max_new_tokens=8))
        verdict = bundled.yes_probability(prompt.model_copy(update={"kind": "judge"}))
    finally:
        bundled.context = saved
    assert len(got.texts) == 2
    assert got.prompt_tokens <= limit - 8
    assert verdict.prompt_tokens <= limit and 0.0 <= verdict.score <= 1.0


def test_yes_probability_is_a_probability(bundled: TransformersBackend) -> None:
    right = bundled.yes_probability(judge_prompt(FACTORIAL, RIGHT, TEST))
    wrong = bundled.yes_probability(judge_prompt(FACTORIAL, WRONG, TEST))
    for verdict in (right, wrong):
        assert isinstance(verdict.score, float) and 0.0 <= verdict.score <= 1.0
        assert verdict.prompt_tokens > 0
    assert right.score != wrong.score


@pytest.mark.parametrize("question", ["Is the sky blue?", "Is 2 + 2 equal to 4?"])
def test_yes_probability_on_plain_questions(bundled: TransformersBackend, question: str) -> None:
    prompt = Prompt(kind="judge", messages=[{"role": "user", "content": question}])
    assert 0.0 <= bundled.yes_probability(prompt).score <= 1.0


def test_no_layer_is_swapped_for_a_hub_kernel(bundled: TransformersBackend) -> None:
    """transformers swaps layers for kernels fetched from the Hub unless told not to; on CUDA an
    offline node (workers load local files only) then fails its load. The model keeps its own
    layers on every device."""
    assert bundled.model.use_kernels is False
    assert _model_kwargs(TransformersOptions())["use_kernels"] is False
