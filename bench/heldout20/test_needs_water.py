from needs_water import needs_water


def test_needs_water():
    assert needs_water(1, 5, 3) is True
    assert needs_water(10, 11, 2) is False
    assert needs_water(0, 30, 7) is True


def test_exact_day():
    assert needs_water(4, 7, 3) is True
    assert needs_water(4, 6, 3) is False
    assert needs_water(5, 5, 1) is False
    assert needs_water(2, 3, 1) is True
