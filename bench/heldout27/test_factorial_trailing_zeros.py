from factorial_trailing_zeros import factorial_trailing_zeros


def test_factorial_trailing_zeros_normal():
    assert factorial_trailing_zeros(10) == 2
    assert factorial_trailing_zeros(5) == 1
    assert factorial_trailing_zeros(25) == 6
    assert factorial_trailing_zeros(100) == 24


def test_factorial_trailing_zeros_edge_cases():
    assert factorial_trailing_zeros(0) == 0
    assert factorial_trailing_zeros(4) == 0
    assert factorial_trailing_zeros(24) == 4
    assert factorial_trailing_zeros(125) == 31
