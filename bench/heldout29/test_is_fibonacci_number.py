from is_fibonacci_number import is_fibonacci_number


def test_is_fibonacci_number_normal():
    assert is_fibonacci_number(8) is True
    assert is_fibonacci_number(21) is True
    assert is_fibonacci_number(144) is True
    assert is_fibonacci_number(4) is False
    assert is_fibonacci_number(20) is False


def test_is_fibonacci_number_edge_cases():
    assert is_fibonacci_number(0) is True
    assert is_fibonacci_number(1) is True
    assert is_fibonacci_number(-8) is False
    assert is_fibonacci_number(6765) is True
