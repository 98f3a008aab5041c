from integer_sqrt import integer_sqrt


def test_integer_sqrt_normal():
    assert integer_sqrt(16) == 4
    assert integer_sqrt(10) == 3
    assert integer_sqrt(99) == 9


def test_integer_sqrt_edge_cases():
    assert integer_sqrt(0) == 0
    assert integer_sqrt(1) == 1
    assert integer_sqrt(2) == 1
    assert integer_sqrt(100) == 10
