from make_negative import make_negative


def test_make_negative():
    assert make_negative(5) == -5
    assert make_negative(2.5) == -2.5
    assert make_negative(1) == -1


def test_zero_and_negative():
    assert make_negative(0) == 0
    assert make_negative(-3) == -3
    assert make_negative(-0.5) == -0.5
