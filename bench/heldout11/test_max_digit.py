from max_digit import max_digit


def test_max_digit():
    assert max_digit(3819) == 9
    assert max_digit(4072) == 7
    assert max_digit(5) == 5


def test_zero_and_repeats():
    assert max_digit(0) == 0
    assert max_digit(1111) == 1
    assert max_digit(100) == 1
