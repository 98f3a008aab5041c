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


DOCSTRING_SPEC = '''from typing import List


def helper(x):
    return x


def shout(words: List[str],
          mark: str = "!") -> str:
    """Join words in upper case.

    >>> shout(["a", "b"])
    'A B!'
    """
'''


def test_a_docstring_is_prefilled_as_comments_above_the_signature() -> None:
    # after a closed docstring the bundled model closes the fence at once (see spec_head)
    want = (
        "```python\nfrom typing import List\n\n\ndef helper(x):\n    return x\n\n\n"
        '# Join words in upper case.\n#\n# >>> shout(["a", "b"])\n# \'A B!\'\n'
        'def shout(words: List[str],\n          mark: str = "!") -> str:\n    '
    )
    for prompt in (
        code_prompt(DOCSTRING_SPEC, "shout"),
        improve_prompt(DOCSTRING_SPEC, "shout", "code!", "test!", "E   assert"),
    ):
        assert prompt.prefill == want
        assert DOCSTRING_SPEC.rstrip() in prompt.messages[-1]["content"]  # asked as written
    # a comment spec, a bare signature and text that does not parse are prefilled as they are
    for spec in (SPEC, "def f(x)", "def f(x):\n    return (\n"):
        assert code_prompt(spec, "f").prefill == f"```python\n{spec.rstrip()}\n    "
