from hypotenuse import hypotenuse


def test_hypotenuse():
    assert hypotenuse(3, 4) == 5.0
    assert hypotenuse(5, 12) == 13.0
    assert abs(hypotenuse(1, 1) - 1.4142135623730951) < 1e-9


def test_zero_sides():
    assert hypotenuse(0, 7) == 7.0
    assert hypotenuse(0, 0) == 0.0
