from is_perfect_number import is_perfect_number


def test_is_perfect_number_normal():
    assert is_perfect_number(6) is True
    assert is_perfect_number(28) is True
    assert is_perfect_number(12) is False
    assert is_perfect_number(10) is False


def test_is_perfect_number_edge_cases():
    assert is_perfect_number(1) is False
    assert is_perfect_number(2) is False
    assert is_perfect_number(496) is True
    assert is_perfect_number(27) is False
