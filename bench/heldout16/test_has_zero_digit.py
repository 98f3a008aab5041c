from has_zero_digit import has_zero_digit


def test_has_zero_digit():
    assert has_zero_digit(105) is True
    assert has_zero_digit(123) is False
    assert has_zero_digit(10) is True
    assert has_zero_digit(99) is False


def test_small_and_many_zeros():
    assert has_zero_digit(0) is True
    assert has_zero_digit(7) is False
    assert has_zero_digit(1000) is True
