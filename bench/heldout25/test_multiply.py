from multiply import multiply


def test_multiply_normal():
    assert multiply(3, 4) == 12
    assert multiply(7, 1) == 7
    assert multiply(6, 9) == 54


def test_multiply_edge_cases():
    assert multiply(0, 9) == 0
    assert multiply(-3, 4) == -12
    assert multiply(-2, -5) == 10
    assert multiply(1.5, 2) == 3
