"""The agreed test: check keys written as a pytest file, and read back the same."""

from supercharger.agreed import agreed_test
from supercharger.probe import check_key, literal_checks, split_check_key
from supercharger.spec import parse_spec

SPEC = parse_spec("import math\n\n# the factorial of n\ndef factorial(n):\n", "factorial.spec")


def test_each_key_becomes_one_test_and_reads_back_as_the_same_key() -> None:
    keys = ["factorial(0) -> eq:1", "factorial(3) -> eq:6", "factorial(2.5) -> approx:3.32",
            "factorial(1) -> truthy", "factorial(-1) -> falsy",
            "factorial('a -> b') -> eq:'x -> y'"]  # fmt: skip
    text = agreed_test(SPEC, keys)
    assert text.count("def test_agreed_") == len(keys)
    assert "import math" in text and "from factorial import factorial" in text
    assert "assert factorial(2.5) == pytest.approx(3.32)" in text
    assert "assert not factorial(-1)" in text
    assert {check_key(c) for c in literal_checks(text, "factorial")} == set(keys)
    compile(text, "test_factorial.py", "exec")


def test_an_expected_exception_or_a_key_that_does_not_parse_is_left_out() -> None:
    text = agreed_test(SPEC, ["factorial(-1) -> raises", "junk", "factorial(0) -> eq:1"])
    assert text.count("def test_agreed_") == 1 and "raises" not in text


def test_split_check_key_finds_the_call_and_the_expectation() -> None:
    assert split_check_key("f([1, 2]) -> eq:3") == ("f([1, 2])", "eq:3")
    assert split_check_key("f('a -> b') -> eq:'c -> d'") == ("f('a -> b')", "eq:'c -> d'")
    assert split_check_key("f(0) -> truthy") == ("f(0)", "truthy")
    assert split_check_key("f(0) -> eq:") is None  # no literal
    assert split_check_key("f(0) -> maybe") is None
    assert split_check_key("x -> eq:1") is None  # no call
