from is_divisible import is_divisible


def test_is_divisible():
    assert is_divisible(10, 5) is True
    assert is_divisible(10, 3) is False
    assert is_divisible(21, 7) is True


def test_zero_and_negative():
    assert is_divisible(0, 5) is True
    assert is_divisible(-12, 4) is True
    assert is_divisible(12, -4) is True
