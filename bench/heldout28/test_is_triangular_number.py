from is_triangular_number import is_triangular_number


def test_is_triangular_number_normal():
    assert is_triangular_number(6) is True
    assert is_triangular_number(10) is True
    assert is_triangular_number(55) is True
    assert is_triangular_number(7) is False
    assert is_triangular_number(20) is False


def test_is_triangular_number_edge_cases():
    assert is_triangular_number(0) is True
    assert is_triangular_number(1) is True
    assert is_triangular_number(2) is False
    assert is_triangular_number(-3) is False
