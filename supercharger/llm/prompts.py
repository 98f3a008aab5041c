"""Every prompt supercharger sends, as model-agnostic chat messages plus a prefill.

Tuned on the bundled SmolLM2-135M (see the numbers in docs/ or the llm report): a tiny model
needs its reply started for it. The code prefill opens a ```python block with the spec and
the first indentation of the body; the test prefill opens a pytest file that imports the
function. Replies end at the closing fence (``CODE_STOP`` / ``TEST_STOP``). Judge and score
prompts end with a Yes/No question read by ``yes_probability``.

Note on ``"\\n   "``: SmolLM2's tokenizer spells a 4-space indent as ``"\\n   "`` + ``" return"``,
so the code prefill ends in newline + 3 spaces and the model's next token adds the fourth.
"""

from __future__ import annotations

from supercharger.llm.base import Prompt

CODE_STOP = ["```"]
TEST_STOP = ["```"]

SYSTEM = "You are an expert Python programmer. You write correct, simple Python code."

_EXAMPLE_SPEC = "# A function that returns the largest of two numbers\ndef maximum(a, b):"
_EXAMPLE_CODE = "def maximum(a, b):\n    if a > b:\n        return a\n    return b\n"
_EXAMPLE_WRONG = "def maximum(a, b):\n    return a\n"
_EXAMPLE_TEST = (
    "import pytest\nfrom maximum import maximum\n\n\n"
    "def test_maximum_first():\n    assert maximum(3, 1) == 3\n\n\n"
    "def test_maximum_second():\n    assert maximum(2, 7) == 7\n\n\n"
    "def test_maximum_equal():\n    assert maximum(4, 4) == 4\n"
)


def _fence(code: str) -> str:
    return f"```python\n{code.rstrip()}\n```"


def _system() -> dict[str, str]:
    return {"role": "system", "content": SYSTEM}


def _code_request(spec_text: str) -> str:
    return (
        "Complete this Python function. Reply with the whole function in one ```python block."
        f"\n\n{spec_text.rstrip()}"
    )


def _test_request(spec_text: str, fn_name: str, module: str) -> str:
    return (
        f"Write pytest unit tests for this function, imported from the module `{module}`. "
        f"Each test calls `{fn_name}` with concrete arguments and asserts the exact expected "
        f"result.\n\n{spec_text.rstrip()}"
    )


def code_body_prefill(spec_text: str) -> str:
    """A ```python block holding the spec, stopped where the body's first line begins."""
    return f"```python\n{spec_text.rstrip()}\n   "


def code_prompt(spec_text: str, fn_name: str) -> Prompt:
    """Ask for an implementation; the reply continues the function body."""
    messages = [_system(), {"role": "user", "content": _code_request(spec_text)}]
    return Prompt(kind="code", messages=messages, prefill=code_body_prefill(spec_text))


def test_prompt(spec_text: str, fn_name: str, module: str) -> Prompt:
    """Ask for pytest tests; the reply continues after ``def test_`` in a file importing fn."""
    example = _test_request(_EXAMPLE_SPEC, "maximum", "maximum")
    messages = [
        _system(),
        {"role": "user", "content": example},
        {"role": "assistant", "content": _fence(_EXAMPLE_TEST)},
        {"role": "user", "content": _test_request(spec_text, fn_name, module)},
    ]
    prefill = f"```python\nimport pytest\nfrom {module} import {fn_name}\n\n\ndef test_"
    return Prompt(kind="test", messages=messages, prefill=prefill)


def improve_prompt(spec_text: str, fn_name: str, code: str, test: str, output: str) -> Prompt:
    """Ask for a fixed implementation given a failing test and its pytest output."""
    request = (
        f"This implementation of `{fn_name}` fails its test.\n\n"
        f"Specification:\n{_fence(spec_text)}\n\nCode:\n{_fence(code)}\n\n"
        f"Test:\n{_fence(test)}\n\npytest output:\n```\n{output.strip()[-2000:]}\n```\n\n"
        "Write a corrected version of the whole function in one ```python block."
    )
    messages = [_system(), {"role": "user", "content": request}]
    return Prompt(kind="improve", messages=messages, prefill=code_body_prefill(spec_text))


def _judge_request(spec_text: str, code: str, test: str) -> str:
    return (
        f"Specification:\n{_fence(spec_text)}\n\nCode:\n{_fence(code)}\n\n"
        f"Test:\n{_fence(test)}\n\n"
        "Does the code correctly implement the specification? Answer Yes or No."
    )


def _score_request(spec_text: str, code: str) -> str:
    return (
        f"Specification:\n{_fence(spec_text)}\n\nCode:\n{_fence(code)}\n\n"
        "Does the code correctly implement the specification? Answer Yes or No."
    )


def judge_prompt(spec_text: str, code: str, test: str) -> Prompt:
    """Yes/No: does this code, which passes this test, implement the spec?"""
    messages = [
        _system(),
        {"role": "user", "content": _judge_request(spec_text, code, test)},
    ]
    return Prompt(kind="judge", messages=messages)


def score_prompt(spec_text: str, code: str) -> Prompt:
    """Yes/No: does this code implement the spec (no test shown)?"""
    messages = [_system(), {"role": "user", "content": _score_request(spec_text, code)}]
    return Prompt(kind="score", messages=messages)
