from last_digit import last_digit


def test_last_digit():
    assert last_digit(47) == 7
    assert last_digit(120) == 0
    assert last_digit(1234) == 4


def test_zero_and_negative():
    assert last_digit(0) == 0
    assert last_digit(-47) == 7
    assert last_digit(-5) == 5
