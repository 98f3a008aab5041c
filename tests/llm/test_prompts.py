"""Prompt builders: shape only (their quality is measured on the model, not asserted)."""

from __future__ import annotations

from supercharger.llm.prompts import (
    code_prompt,
    improve_prompt,
    judge_prompt,
    score_prompt,
    test_prompt,
)

SPEC = "# A function that returns the given string reversed\ndef reverse_string(s):"


def test_code_prompt_prefills_the_spec() -> None:
    prompt = code_prompt(SPEC, "reverse_string")
    assert prompt.kind == "code"
    assert prompt.prefill.startswith("```python\n" + SPEC)
    assert SPEC in prompt.messages[-1]["content"]


def test_test_prompt_imports_the_function() -> None:
    prompt = test_prompt(SPEC, "reverse_string", "solution")
    assert prompt.kind == "test"
    assert "from solution import reverse_string" in prompt.prefill
    assert prompt.prefill.endswith("def test_")


def test_yes_no_prompts() -> None:
    judge = judge_prompt(SPEC, "def reverse_string(s):\n    return s[::-1]\n", "def test_x(): ...")
    score = score_prompt(SPEC, "def reverse_string(s):\n    return s\n")
    assert (judge.kind, score.kind) == ("judge", "score")
    for prompt in (judge, score):
        assert "Yes or No" in prompt.messages[-1]["content"]


def test_improve_prompt_shows_the_failure() -> None:
    prompt = improve_prompt(SPEC, "reverse_string", "code!", "test!", "E   assert 'abc' == 'cba'")
    text = prompt.messages[-1]["content"]
    assert prompt.kind == "improve"
    assert "code!" in text and "test!" in text and "assert 'abc'" in text
    assert prompt.prefill.startswith("```python\n" + SPEC)
