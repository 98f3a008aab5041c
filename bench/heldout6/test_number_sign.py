from number_sign import number_sign


def test_number_sign():
    assert number_sign(5) == 1
    assert number_sign(-3) == -1
    assert number_sign(0.5) == 1
    assert number_sign(-0.1) == -1


def test_zero():
    assert number_sign(0) == 0
    assert number_sign(0.0) == 0
