from same_parity import same_parity


def test_same_parity():
    assert same_parity(2, 4) is True
    assert same_parity(3, 7) is True
    assert same_parity(2, 3) is False
    assert same_parity(10, 1) is False


def test_zero_and_negative():
    assert same_parity(0, 0) is True
    assert same_parity(-3, 5) is True
    assert same_parity(-2, 1) is False
    assert same_parity(0, -4) is True
