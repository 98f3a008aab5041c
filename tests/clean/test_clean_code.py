"""clean_code on the failure modes seen in real model replies; each output is exact."""

from __future__ import annotations

import ast

from supercharger.clean import Cleaned, Refused, clean_code


def cleaned(raw: str, fn_name: str) -> str:
    result = clean_code(raw, fn_name)
    assert isinstance(result, Cleaned), result
    ast.parse(result.text)
    return result.text


def test_reply_without_fence() -> None:
    raw = "def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n"
    assert cleaned(raw, "add") == "def add(a, b):\n    return a + b\n"


def test_prose_with_the_word_undefined_before_unfenced_code() -> None:
    raw = (
        "If x is undefined, return None.\nHere is the code:\n\n"
        "def add(a, b):\n    if a is None:\n        return None\n    return a + b\n\n"
        "This adds two numbers."
    )
    expected = "def add(a, b):\n    if a is None:\n        return None\n    return a + b\n"
    assert cleaned(raw, "add") == expected


def test_undefined_in_a_block_is_not_a_definition() -> None:
    raw = (
        "```python\n# factorial is undefined for negatives\nx = 1\n```\n"
        "```python\ndef factorial(n):\n    return 1 if n < 2 else n * factorial(n - 1)\n```\n"
    )
    assert cleaned(raw, "factorial") == (
        "def factorial(n):\n    return 1 if n < 2 else n * factorial(n - 1)\n"
    )


def test_only_the_second_of_several_blocks_defines_the_function() -> None:
    raw = (
        "First the idea:\n```python\n# use a loop\nresult = 1\n```\nNow the code:\n"
        "```python\ndef factorial(n):\n    result = 1\n    for i in range(2, n + 1):\n"
        "        result *= i\n    return result\n```\nDone."
    )
    result = clean_code(raw, "factorial")
    assert result == Cleaned(
        "def factorial(n):\n    result = 1\n    for i in range(2, n + 1):\n"
        "        result *= i\n    return result\n",
        ("used block 2 of 2",),
    )


def test_imports_aliases_constants_and_helpers_kept_usage_dropped() -> None:
    raw = (
        "```python\nimport numpy as np\nfrom math import prod as product\n\nSCALE = 2\n\n"
        "def _check(n):\n    if n < 0:\n        raise ValueError(n)\n\n\n"
        "def scaled(xs):\n    # keep comments inside\n    _check(len(xs))\n"
        "    return np.array(xs) * SCALE * product([1])\n\n\n"
        "# Example usage:\nresult = scaled([1, 2])\nprint(result)\nassert len(result) == 2\n"
        "scaled([3])\nif __name__ == '__main__':\n    print(scaled([4]))\n```"
    )
    assert cleaned(raw, "scaled") == (
        "import numpy as np\nfrom math import prod as product\n\nSCALE = 2\n\n"
        "def _check(n):\n    if n < 0:\n        raise ValueError(n)\n\n\n"
        "def scaled(xs):\n    # keep comments inside\n    _check(len(xs))\n"
        "    return np.array(xs) * SCALE * product([1])\n"
    )


def test_usage_that_depends_on_dropped_usage_is_dropped_too() -> None:
    raw = "def f(x):\n    return x\n\nr = f(2)\ndoubled = r * 2\nname = input()\nSIZE = 3\n"
    assert cleaned(raw, "f") == "def f(x):\n    return x\n\nSIZE = 3\n"


def test_truncated_reply_cut_back_to_last_complete_statement() -> None:
    raw = (
        "```python\nimport math\n\ndef factorial(n):\n    return math.prod(range(1, n + 1))\n\n"
        "def helper(x):\n    y = x +"
    )
    assert cleaned(raw, "factorial") == (
        "import math\n\ndef factorial(n):\n    return math.prod(range(1, n + 1))\n"
    )


def test_call_left_open_across_lines_is_cut() -> None:
    raw = "def add(a, b):\n    return a + b\n\nprint(add(\n  1,\n"
    assert cleaned(raw, "add") == "def add(a, b):\n    return a + b\n"


def test_target_cut_mid_body_keeps_its_complete_statements() -> None:
    raw = (
        "```python\ndef factorial(n):\n    result = 1\n    for i in range(2, n + 1):\n"
        "        result *= i\n    return resu"
    )
    assert cleaned(raw, "factorial") == (
        "def factorial(n):\n    result = 1\n    for i in range(2, n + 1):\n        result *= i\n"
    )


def test_target_cut_inside_an_open_call_unfenced() -> None:
    raw = "def factorial(n):\n    if n < 2:\n        return 1\n    total = n * factorial(\n"
    assert cleaned(raw, "factorial") == "def factorial(n):\n    if n < 2:\n        return 1\n"


def test_target_cut_before_any_real_statement_is_refused() -> None:
    raw = '```python\ndef factorial(n):\n    """Return n!"""\n    if n <'
    result = clean_code(raw, "factorial")
    assert isinstance(result, Refused)
    assert "factorial()" in result.reason


def test_already_clean_code_with_break_in_if_is_unchanged() -> None:
    raw = (
        "def first_negative(xs):\n    found = None\n    for x in xs:\n        if x < 0:\n"
        "            found = x\n            break\n    else:\n        return None\n"
        "    return found\n"
    )
    assert cleaned(raw, "first_negative") == raw


def test_looping_reply_cut_at_first_repeat() -> None:
    raw = "def f(x):\n    return x * 2\n\n" + "print(f(1))\nprint(f(2))\n" * 5 + "print(f("
    result = clean_code(raw, "f")
    assert result == Cleaned("def f(x):\n    return x * 2\n", ("cut a reply that repeats itself",))


def test_looping_definitions_kept_once() -> None:
    raw = "```python\ndef f(x):\n    return x\n" + "def g(y):\n    return y\n\n" * 8
    assert cleaned(raw, "f") == "def f(x):\n    return x\ndef g(y):\n    return y\n"


def test_refused_when_the_function_is_missing() -> None:
    raw = "```python\ndef other(x):\n    return x\n```"
    assert clean_code(raw, "f") == Refused("no complete top-level definition of f() in the reply")


def test_refused_without_code() -> None:
    assert clean_code("I cannot help with that.", "f") == Refused(
        "no Python code found in the reply"
    )


def test_refused_for_a_method_or_a_stub() -> None:
    method = clean_code("```python\nclass S:\n    def f(self, x):\n        return x\n```", "f")
    stub = clean_code("def f(x):\n    pass\n", "f")
    assert method == Refused("f() is only defined as a method, not at module level")
    assert isinstance(stub, Refused) and "stub" in stub.reason


def test_helper_from_another_block_is_taken_along() -> None:
    raw = (
        "```python\nimport math\n\ndef helper(x):\n    return math.floor(x)\n```\nThen:\n"
        "```python\ndef f(x):\n    return helper(x) * 2\n\nprint(f(3))\n```"
    )
    assert cleaned(raw, "f") == (
        "import math\n\n\ndef helper(x):\n    return math.floor(x)\n\n\n"
        "def f(x):\n    return helper(x) * 2\n"
    )


def test_import_of_the_function_itself_is_dropped() -> None:
    raw = "from solution import f, g\n\ndef f(x):\n    return g(x)\n"
    assert cleaned(raw, "f") == "from solution import g\n\ndef f(x):\n    return g(x)\n"


def test_stop_token_and_crlf() -> None:
    raw = "```python\r\ndef f(x):\r\n    return x\r\n```<|im_end|>garbage"
    assert cleaned(raw, "f") == "def f(x):\n    return x\n"


def test_indented_block_is_dedented() -> None:
    raw = "1. Code:\n   ```python\n   def f(x):\n       return x\n   ```\n"
    assert cleaned(raw, "f") == "def f(x):\n    return x\n"


def test_refused_with_the_reason_when_the_definition_does_not_parse() -> None:
    # Seen in the corpus: unbalanced brackets in the only definition.
    raw = "```python\ndef f(s):\n     return len([c for c in s if c in [a, e])])\n"
    assert clean_code(raw, "f") == Refused(
        "the definition of f() does not parse (syntax error or cut off)"
    )


def test_a_loop_hidden_by_a_cut_last_line_is_cut_once_and_for_all() -> None:
    # Found by hypothesis: the first pass left what a second pass cut (not idempotent).
    copy = "LIMIT = 10\n\n\ndef target(x):\n    return x\n"
    raw = copy + "\n" + copy * 3
    # the loop cut keeps two copies, then only the last definition of target() is kept
    expected = "LIMIT = 10\n\n\n" + copy
    result = clean_code(raw.rstrip("\n"), "target")
    assert result == Cleaned(
        expected, ("cut a reply that repeats itself", "kept the last of several target()")
    )
    assert clean_code(expected, "target") == Cleaned(expected)


def test_copies_left_between_dropped_lines_are_cut_once_and_for_all() -> None:
    raw = (
        "LIMIT = 10\n\n\nNAMES = ['a', 'b']\n\n\ndef target(x):\n    return x\n\n\n"
        + "NAMES = ['a', 'b']\n\n\ndef target(x):\n\n" * 3
    ).rstrip("\n")
    expected = (
        "LIMIT = 10\n\n\nNAMES = ['a', 'b']\n\n\ndef target(x):\n    return x\n\n\n"
        "NAMES = ['a', 'b']\n"
    )
    assert clean_code(raw, "target") == Cleaned(expected, ("cut a reply that repeats itself",))
    assert clean_code(expected, "target") == Cleaned(expected)


def test_a_first_body_line_one_column_deeper_is_realigned_not_cut() -> None:
    # Seen in the corpus (sum_even) and in most refused replies of the bundled model: the body's
    # 5-space first line (the prefill's 4 spaces, then the model's " total"), then 4-space
    # lines. Cutting back to the last statement that parses gave a function returning None.
    raw = (
        "```python\ndef sum_even(xs):\n     total = 0\n    for x in xs:\n"
        "        total += x\n    return total\n"
    )
    expected = (
        "def sum_even(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n"
    )
    note = "realigned a body's first line with the lines after it"
    assert clean_code(raw, "sum_even") == Cleaned(expected, (note,))
    branches = (
        "```python\n# label\ndef label(p):\n     if p < 20:\n        return 'low'\n"
        "    elif p < 80:\n        return 'ok'\n    return 'full'\n```\n"
    )
    cleaned = clean_code(branches, "label")
    assert isinstance(cleaned, Cleaned)
    assert "\n    if p < 20:\n        return 'low'\n" in cleaned.text


def test_only_a_first_line_that_alone_breaks_the_body_is_realigned() -> None:
    # consistent 5-space bodies parse as they are; a slip further down is no first-line slip
    five = "def f(x):\n     y = x\n     return y\n"
    assert clean_code(five, "f") == Cleaned(five)
    later = "```python\ndef f(x):\n    y = x\n      z = y\n    return z\n"
    assert clean_code(later, "f") == Refused(
        "the definition of f() does not parse (syntax error or cut off)"
    )
    # moving the first line would not fix the body: it stays refused
    twice = "```python\ndef f(x):\n     y = x\n    z = y\n   return z\n"
    assert clean_code(twice, "f") == Refused(
        "the definition of f() does not parse (syntax error or cut off)"
    )


def test_a_reply_cut_inside_a_bracket_or_mid_line_is_still_cut_back() -> None:
    expected = Cleaned("def f(x):\n    y = 1\n")
    assert clean_code("```python\ndef f(x):\n    y = 1\n    return y +", "f") == expected
    assert clean_code("```python\ndef f(x):\n    y = 1\n    z = g(y,\n", "f") == expected


def test_unfenced_code_before_a_closing_fence_is_found() -> None:
    # Seen in the corpus: the reply starts with the code and only closes a fence, then prose.
    raw = "def f(x):\n    return x\n```\n\nThis returns x.\n"
    assert clean_code(raw, "f") == Cleaned("def f(x):\n    return x\n", ("used block 1 of 2",))


def test_a_stub_written_before_the_function_is_dropped() -> None:
    # seen with a docstring spec: the model restates the stub, then writes the function
    raw = (
        '```python\n# Doubles x.\ndef f(x):\n    """Doubles x."""\n\n'
        'def f(x):\n    """Doubles x."""\n    return 2 * x\n```'
    )
    result = clean_code(raw, "f")
    assert result == Cleaned(
        'def f(x):\n    """Doubles x."""\n    return 2 * x\n', ("kept the last of several f()",)
    )
    assert clean_code(result.text, "f") == Cleaned(result.text)


def test_the_reply_s_own_tests_are_dropped_unless_the_code_uses_them() -> None:
    """A code module that defines ``test_...`` functions or ``Test...`` classes hands them to
    every test that star-imports it (the spec's examples do), where pytest runs them too."""
    raw = (
        "def double(x):\n    return testing_factor() * x\n\n\n"
        "def testing_factor():\n    return 2\n\n\n"
        "def test_double():\n    assert double(2) == 4\n\n\n"
        "class TestDouble:\n    def test_one(self):\n        assert double(1) == 2\n"
    )
    assert cleaned(raw, "double") == (
        "def double(x):\n    return testing_factor() * x\n\n\ndef testing_factor():\n    return 2\n"
    )
    # a spec whose function is named like a test keeps it
    assert "def test_prime" in cleaned("def test_prime(n):\n    return n > 1\n", "test_prime")
