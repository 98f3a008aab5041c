# Tests the pipeline never sees: run against the chosen code, inside the sandbox.
from factorial import factorial


def test_small_values():
    assert [factorial(n) for n in range(6)] == [1, 1, 2, 6, 24, 120]


def test_larger_values():
    assert factorial(10) == 3628800
    assert factorial(12) == 479001600
