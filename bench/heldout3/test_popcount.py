from popcount import popcount


def test_popcount():
    assert popcount(1) == 1
    assert popcount(7) == 3
    assert popcount(8) == 1
    assert popcount(255) == 8
    assert popcount(2**40 + 1) == 2


def test_zero():
    assert popcount(0) == 0
