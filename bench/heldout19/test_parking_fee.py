from parking_fee import parking_fee


def test_parking_fee():
    assert parking_fee(3) == 3
    assert parking_fee(5) == 9
    assert parking_fee(10) == 24


def test_free_hours():
    assert parking_fee(0) == 0
    assert parking_fee(1) == 0
    assert parking_fee(2) == 0
