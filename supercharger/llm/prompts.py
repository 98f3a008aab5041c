"""Every prompt supercharger sends, as model-agnostic chat messages plus a prefill.

Tuned on the bundled SmolLM2-135M: a tiny model
needs its reply started for it. The code prefill opens a ```python block with the spec (the
function's docstring, if any, moved above its signature as comments) and the first indentation
of the body; the test prefill opens a pytest file that imports the
function. Replies end at the closing fence (``CODE_STOP`` / ``TEST_STOP``). Judge and score
prompts end with a Yes/No question read by ``yes_probability``.

Measured on 5 specs x 8 samples at T=0.8 (factorial, is_prime, reverse_string, fibonacci,
sum_list): a prefill ending in the body's indent gave 17/40 correct functions, one ending at the
signature 0/40 (the model closes the fence at once); a few-shot test example did not beat the
zero-shot test prompt (15/40 each) and halved tokens/s, so tests are zero-shot.
SmolLM2 spells a 4-space indent as ``"\\n   "`` + ``" return"``, so after this 4-space prefill
bodies often come out 5-space indented (still valid Python when consistent); where only the
first line is, the cleaner moves it back (``clean.source.realign_bodies``).
"""

from __future__ import annotations

import ast

from supercharger.llm.base import Prompt

CODE_STOP = ["```"]
TEST_STOP = ["```"]

SYSTEM = "You are an expert Python programmer. You write correct, simple Python code."


def _fence(code: str) -> str:
    return f"```python\n{code.rstrip()}\n```"


def _system() -> dict[str, str]:
    return {"role": "system", "content": SYSTEM}


def packages_line(packages: tuple[str, ...] | list[str], always: bool = False) -> str:
    """What the sandbox has besides the standard library, as a sentence (with a leading space);
    "" for none unless ``always`` (the tuned stdlib-only prompts stay as they are)."""
    if packages:
        return (
            " Besides the Python standard library, only these packages are installed: "
            f"{', '.join(packages)}."
        )
    return " Only the Python standard library is installed." if always else ""


def _code_request(spec_text: str, packages: tuple[str, ...] = ()) -> str:
    return (
        "Complete this Python function. Reply with the whole function in one ```python block."
        f"{packages_line(packages)}\n\n{spec_text.rstrip()}"
    )


def _test_request(spec_text: str, fn_name: str, module: str, packages: tuple[str, ...]) -> str:
    return (
        f"Write pytest unit tests for this function, imported from the module `{module}`. "
        f"Each test calls `{fn_name}` with concrete arguments and asserts the exact expected "
        f"result.{packages_line(packages)}\n\n{spec_text.rstrip()}"
    )


def code_body_prefill(spec_text: str, fn_name: str = "") -> str:
    """A ```python block holding the spec, stopped where the body's first line begins.

    A docstring in the function to write is moved above its signature as ``#`` comments
    (``spec_head``): after a closed docstring the bundled model closes the fence at once.
    Measured (n=8, T=0.7, seed 1; 7 HumanEval prompts and a doctest ``is_prime``): usable
    functions 12/64 with the docstring in place, 54/64 as comments; correct (HumanEval's own
    tests) 2/64 and 20/64."""
    return f"```python\n{spec_head(spec_text, fn_name).rstrip()}\n    "


def spec_head(spec_text: str, fn_name: str = "") -> str:
    """The spec up to the signature of the function to write (``fn_name``, else the last one
    with no body), its docstring turned into comment lines above the signature; the spec as
    it is when it holds no such docstring or does not parse."""
    try:
        tree = ast.parse(spec_text)
    except SyntaxError:
        return spec_text
    fns = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    fns = [f for f in fns if f.name == fn_name] or fns
    if not fns:
        return spec_text
    fn = fns[-1]
    doc = ast.get_docstring(fn)
    first = fn.body[0]
    if doc is None or first.lineno == fn.lineno:  # no docstring, or on the def line itself
        return spec_text
    lines = spec_text.splitlines()
    start = min([fn.lineno] + [d.lineno for d in fn.decorator_list])
    before = "\n".join(lines[: start - 1]).strip("\n")
    signature = "\n".join(lines[start - 1 : first.lineno - 1]).rstrip()
    comment = "\n".join(f"# {line}".rstrip() for line in doc.splitlines())
    return (f"{before}\n\n\n" if before else "") + f"{comment}\n{signature}"


# Two worked examples: a loop and a recursion with its base case first. On the bundled model,
# n=8 at T=0.7 over 4 specs (factorial, is_prime, sum_list, count_vowels), these took correct
# implementations from 7/32 (zero-shot) to 18/32 (scripted check, 2026-11-25).
_CODE_SHOTS = (
    (
        "# Return the largest number in the non-empty list xs\ndef largest(xs):",
        "def largest(xs):\n    best = xs[0]\n    for x in xs[1:]:\n        if x > best:\n"
        "            best = x\n    return best\n",
    ),
    (
        "# Return the sum of the digits of a non-negative integer n\ndef digit_sum(n):",
        "def digit_sum(n):\n    if n < 10:\n        return n\n"
        "    return n % 10 + digit_sum(n // 10)\n",
    ),
)


def code_prompt(spec_text: str, fn_name: str, packages: tuple[str, ...] = ()) -> Prompt:
    """Ask for an implementation (few-shot); the reply continues the function body.
    ``packages``: what the code may import besides the standard library."""
    messages = [_system()]
    for spec, code in _CODE_SHOTS:
        messages.append({"role": "user", "content": _code_request(spec)})
        answer = _fence(spec.splitlines()[0] + "\n" + code)
        messages.append({"role": "assistant", "content": answer})
    messages.append({"role": "user", "content": _code_request(spec_text, packages)})
    prefill = code_body_prefill(spec_text, fn_name)
    return Prompt(kind="code", messages=messages, prefill=prefill)


def test_prompt(
    spec_text: str, fn_name: str, module: str, packages: tuple[str, ...] = ()
) -> Prompt:
    """Ask for pytest tests; the reply continues after ``def test_`` in a file importing fn."""
    request = _test_request(spec_text, fn_name, module, packages)
    messages = [_system(), {"role": "user", "content": request}]
    prefill = f"```python\nimport pytest\nfrom {module} import {fn_name}\n\n\ndef test_"
    return Prompt(kind="test", messages=messages, prefill=prefill)


test_prompt.__test__ = False  # type: ignore[attr-defined]  # not a pytest test when imported


def improve_prompt(
    spec_text: str,
    fn_name: str,
    code: str,
    test: str,
    output: str,
    packages: tuple[str, ...] = (),
) -> Prompt:
    """Ask for a fixed implementation given a failing test and its pytest output; the
    sandbox's packages are named where there are some, or where the code imported a module
    that is not installed (the sandbox's "missing module" line)."""
    missing = "[supercharger] missing module" in output
    request = (
        f"This implementation of `{fn_name}` fails its test."
        f"{packages_line(packages, always=missing)}\n\n"
        f"Specification:\n{_fence(spec_text)}\n\nCode:\n{_fence(code)}\n\n"
        f"Test:\n{_fence(test)}\n\npytest output:\n```\n{output.strip()[-2000:]}\n```\n\n"
        "Write a corrected version of the whole function in one ```python block."
    )
    messages = [_system(), {"role": "user", "content": request}]
    prefill = code_body_prefill(spec_text, fn_name)
    return Prompt(kind="improve", messages=messages, prefill=prefill)


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
