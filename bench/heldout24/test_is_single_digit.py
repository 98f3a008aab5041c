from is_single_digit import is_single_digit


def test_is_single_digit():
    assert is_single_digit(5) is True
    assert is_single_digit(10) is False
    assert is_single_digit(100) is False


def test_bounds_and_negative():
    assert is_single_digit(0) is True
    assert is_single_digit(9) is True
    assert is_single_digit(-3) is False
    assert is_single_digit(-10) is False
