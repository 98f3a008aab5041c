from same_sign import same_sign


def test_same_sign():
    assert same_sign(3, 5) is True
    assert same_sign(-2, -7) is True
    assert same_sign(3, -1) is False
    assert same_sign(-0.5, 2) is False


def test_zero():
    assert same_sign(0, 5) is False
    assert same_sign(-1, 0) is False
    assert same_sign(0, 0) is False
