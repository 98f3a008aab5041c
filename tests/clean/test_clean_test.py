"""clean_test on typical model test replies; each output is exact."""

from __future__ import annotations

from supercharger.clean import Cleaned, Refused, clean_test

HEAD = "import pytest\nfrom factorial import factorial\n\n\n"


def cleaned(raw: str, fn_name: str = "factorial", module: str = "factorial") -> str:
    result = clean_test(raw, fn_name, module)
    assert isinstance(result, Cleaned), result
    return result.text


def test_typical_reply_with_prose_around_the_fence() -> None:
    raw = (
        "Here are some tests:\n```python\nimport pytest\nfrom factorial import factorial\n\n"
        "def test_factorial():\n    assert factorial(5) == 120\n\n"
        "def test_zero():\n    assert factorial(0) == 1\n```\nThese cover the base case."
    )
    assert cleaned(raw) == HEAD + (
        "def test_factorial():\n    assert factorial(5) == 120\n\n\n"
        "def test_zero():\n    assert factorial(0) == 1\n"
    )


def test_unfenced_reply_gets_the_import_of_the_function() -> None:
    raw = "def test_five():\n    assert factorial(5) == 120\n"
    assert cleaned(raw) == (
        "from factorial import factorial\n\n\ndef test_five():\n    assert factorial(5) == 120\n"
    )


def test_test_class_fixture_parametrize_constants_and_aliases_kept() -> None:
    raw = (
        "```python\nimport numpy as np\n\nCASES = [(0, 1), (5, 120)]\n\n"
        "@pytest.fixture\ndef big():\n    return 10\n\n"
        "@pytest.mark.parametrize('n, expected', CASES)\n"
        "def test_cases(n, expected):\n    assert factorial(n) == np.int64(expected)\n\n"
        "class TestFactorial:\n    def test_big(self, big):\n        assert factorial(big) > 0\n\n"
        "    def test_negative(self):\n        with pytest.raises(ValueError):\n"
        "            factorial(-1)\n```"
    )
    assert cleaned(raw) == HEAD[:-2] + (
        "import numpy as np\n\nCASES = [(0, 1), (5, 120)]\n\n\n"
        "@pytest.fixture\ndef big():\n    return 10\n\n\n"
        "@pytest.mark.parametrize('n, expected', CASES)\n"
        "def test_cases(n, expected):\n    assert factorial(n) == np.int64(expected)\n\n\n"
        "class TestFactorial:\n    def test_big(self, big):\n        assert factorial(big) > 0\n\n"
        "    def test_negative(self):\n        with pytest.raises(ValueError):\n"
        "            factorial(-1)\n"
    )


def test_pasted_copy_of_the_function_and_its_import_are_removed() -> None:
    raw = (
        "```python\nfrom solution import factorial\n\n"
        "def factorial(n):\n    if n == 0:\n        return 1\n    return n * factorial(n - 1)\n\n"
        "import unittest\n\nclass FactorialTests(unittest.TestCase):\n"
        "    def test_five(self):\n        self.assertEqual(factorial(5), 120)\n\n"
        "if __name__ == '__main__':\n    unittest.main()\n```"
    )
    assert cleaned(raw) == (
        "from factorial import factorial\nimport unittest\n\n\n"
        "class FactorialTests(unittest.TestCase):\n"
        "    def test_five(self):\n        self.assertEqual(factorial(5), 120)\n"
    )


def test_aliased_import_from_elsewhere_is_pointed_at_the_module() -> None:
    raw = (
        "import pytest\nfrom mymod import factorial as fact, helper\n\n"
        "def test_fact():\n    assert fact(3) == helper(6)\n\ntest_fact()\npytest.main()\n"
    )
    assert cleaned(raw) == HEAD[:-2] + (
        "from mymod import helper\nfrom factorial import factorial as fact\n\n\n"
        "def test_fact():\n    assert fact(3) == helper(6)\n"
    )


def test_import_pytest_added_when_used() -> None:
    raw = "def test_neg():\n    with pytest.raises(ValueError):\n        factorial(-1)\n"
    assert cleaned(raw) == HEAD + (
        "def test_neg():\n    with pytest.raises(ValueError):\n        factorial(-1)\n"
    )


def test_truncated_reply_cut_back() -> None:
    raw = (
        "```python\nimport pytest\nfrom factorial import factorial\n\n"
        "def test_one():\n    assert factorial(1) == 1\n\n"
        "def test_two():\n    assert factorial(2) =="
    )
    assert cleaned(raw) == HEAD + "def test_one():\n    assert factorial(1) == 1\n"


def test_implementation_then_tests_in_two_blocks() -> None:
    raw = (
        "```python\ndef factorial(n):\n    return 1 if n < 2 else n * factorial(n - 1)\n\n"
        "print(factorial(5))\n```\nTests:\n```python\nfrom factorial import factorial\n\n"
        "def test_five():\n    assert factorial(5) == 120\n```"
    )
    assert cleaned(raw) == (
        "from factorial import factorial\n\n\ndef test_five():\n    assert factorial(5) == 120\n"
    )


def test_without_assertion_refused() -> None:
    raw = (
        "```python\nfrom factorial import factorial\n\ndef test_f():\n    print(factorial(5))\n```"
    )
    assert clean_test(raw, "factorial", "factorial") == Refused("the tests contain no assertion")


def test_not_using_the_function_refused() -> None:
    raw = "def test_f():\n    assert 1 + 1 == 2\n"
    assert clean_test(raw, "factorial", "factorial") == Refused("the tests never use factorial()")


def test_without_test_function_refused() -> None:
    raw = "```python\nfrom factorial import factorial\nprint(factorial(5))\n```"
    assert clean_test(raw, "factorial", "factorial") == Refused(
        "no test function or test class in the reply"
    )


def test_module_level_asserts_become_a_test() -> None:
    raw = (
        "```python\nfrom factorial import factorial\nassert factorial(5) == 120\n"
        "r = factorial(3)\nassert r == 6\nassert factorial(0) == 1  # base\n```"
    )
    assert cleaned(raw) == (
        "from factorial import factorial\n\n\ndef test_factorial_module_asserts():\n"
        "    assert factorial(5) == 120\n    assert factorial(0) == 1  # base\n"
    )


def test_only_a_pasted_function_refused() -> None:
    raw = "```python\ndef factorial(n):\n    return 1\n```"
    assert isinstance(clean_test(raw, "factorial", "factorial"), Refused)
