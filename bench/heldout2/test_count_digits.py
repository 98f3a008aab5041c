from count_digits import count_digits


def test_count_digits():
    assert count_digits(12345) == 5
    assert count_digits(7) == 1
    assert count_digits(1000) == 4


def test_zero_and_negative():
    assert count_digits(0) == 1
    assert count_digits(-1234) == 4
    assert count_digits(-9) == 1
