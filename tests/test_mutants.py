"""Mutants of a code: pure text in, texts out (they run only in the sandbox)."""

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from supercharger.mutants import MAX_MUTANTS, mutants

GCD = '''def gcd(a, b):
    """Greatest common divisor."""
    while b != 0:
        a, b = b, a % b
    return a
'''


def test_each_mutant_parses_and_differs_from_the_code_in_one_place() -> None:
    found = mutants(GCD)
    assert found and len(found) == len(set(found))
    original = ast.unparse(ast.parse(GCD))
    for text in found:
        assert text != original
        ast.parse(text)
    assert any("b == 0" in m for m in found)  # comparison swapped
    assert any("a // b" in m for m in found)  # arithmetic swapped
    assert any("return None" in m for m in found)  # returned value dropped
    assert all("Greatest common divisor.x" not in m for m in found)  # docstrings stay


def test_mutants_are_the_same_every_time_and_capped() -> None:
    code = "def f(x):\n" + "".join(f"    x = x + {i} * (x < {i})\n" for i in range(40))
    code += "    return x\n"
    assert mutants(code) == mutants(code)
    assert len(mutants(code)) == MAX_MUTANTS
    assert len(mutants(code, limit=5)) == 5


def test_code_that_does_not_parse_has_no_mutants() -> None:
    assert mutants("def f(:\n") == []
    assert mutants("def f():\n    pass\n") == []  # nothing to change


def test_boolean_unary_and_loop_operators_are_mutated() -> None:
    code = (
        "def f(xs):\n    for x in xs:\n        if not x and -x < 0:\n            break\n"
        "        continue\n    return True\n"
    )
    found = mutants(code)
    assert any(" or " in m for m in found)
    assert any("if x and" in m for m in found)
    assert any("and x < 0" in m for m in found)
    assert any("return False" in m for m in found)
    assert sum("continue" in m for m in found) >= 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["+", "-", "*", "//", "%", "<", "==", "and", "or"]), max_size=6),
       st.integers(0, 9))  # fmt: skip
def test_any_small_expression_gives_parseable_mutants(ops: list[str], k: int) -> None:
    expr = "x"
    for i, op in enumerate(ops):
        expr = f"({expr} {op} {k + i})"
    for text in mutants(f"def f(x):\n    return {expr}\n"):
        ast.parse(text)
