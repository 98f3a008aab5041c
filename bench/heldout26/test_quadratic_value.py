from quadratic_value import quadratic_value


def test_quadratic_value_normal():
    assert quadratic_value(1, 0, 0, 3) == 9
    assert quadratic_value(2, 3, 4, 1) == 9
    assert quadratic_value(1, -3, 2, 2) == 0


def test_quadratic_value_edge_cases():
    assert quadratic_value(1, 2, 3, 0) == 3
    assert quadratic_value(-1, 0, 5, -2) == 1
    assert quadratic_value(0, 4, 1, -3) == -11
