from is_even import is_even


def test_is_even():
    assert is_even(4) is True
    assert is_even(7) is False
    assert is_even(100) is True


def test_zero_and_negative():
    assert is_even(0) is True
    assert is_even(-6) is True
    assert is_even(-3) is False
