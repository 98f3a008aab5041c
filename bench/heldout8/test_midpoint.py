from midpoint import midpoint


def test_midpoint():
    assert midpoint(2, 7) == 4.5
    assert midpoint(0, 10) == 5
    assert midpoint(4, 4) == 4


def test_negative_and_halves():
    assert midpoint(-4, 4) == 0
    assert midpoint(-3, -8) == -5.5
    assert midpoint(1, 2) == 1.5
