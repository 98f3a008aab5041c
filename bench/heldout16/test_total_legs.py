from total_legs import total_legs


def test_total_legs():
    assert total_legs(3, 2) == 14
    assert total_legs(10, 3) == 32
    assert total_legs(5, 5) == 30


def test_none_of_one_kind():
    assert total_legs(0, 0) == 0
    assert total_legs(1, 0) == 2
    assert total_legs(0, 1) == 4
    assert total_legs(0, 7) == 28
