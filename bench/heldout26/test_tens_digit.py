from tens_digit import tens_digit


def test_tens_digit_normal():
    assert tens_digit(472) == 7
    assert tens_digit(35) == 3
    assert tens_digit(1234) == 3


def test_tens_digit_edge_cases():
    assert tens_digit(7) == 0
    assert tens_digit(0) == 0
    assert tens_digit(90) == 9
    assert tens_digit(105) == 0
