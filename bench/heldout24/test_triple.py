from triple import triple


def test_triple():
    assert triple(2) == 6
    assert triple(10) == 30
    assert triple(1.5) == 4.5


def test_zero_and_negative():
    assert triple(0) == 0
    assert triple(-4) == -12
    assert triple(1) == 3
