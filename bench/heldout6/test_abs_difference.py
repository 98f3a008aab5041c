from abs_difference import abs_difference


def test_abs_difference():
    assert abs_difference(3, 10) == 7
    assert abs_difference(10, 3) == 7
    assert abs_difference(-2, 5) == 7


def test_equal_and_negative():
    assert abs_difference(4, 4) == 0
    assert abs_difference(-1, -8) == 7
