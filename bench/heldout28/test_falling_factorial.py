from falling_factorial import falling_factorial


def test_falling_factorial_normal():
    assert falling_factorial(5, 2) == 20
    assert falling_factorial(6, 3) == 120
    assert falling_factorial(10, 1) == 10
    assert falling_factorial(7, 7) == 5040


def test_falling_factorial_edge_cases():
    assert falling_factorial(5, 0) == 1
    assert falling_factorial(0, 0) == 1
    assert falling_factorial(4, 4) == 24
    assert falling_factorial(3, 1) == 3
