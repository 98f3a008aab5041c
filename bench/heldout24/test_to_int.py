from to_int import to_int


def test_to_int():
    assert to_int("42") == 42
    assert to_int("1000") == 1000
    assert to_int("5") == 5


def test_zero_negative_and_leading_zeros():
    assert to_int("0") == 0
    assert to_int("-7") == -7
    assert to_int("007") == 7
