from percent_change import percent_change


def test_percent_change():
    assert percent_change(50, 75) == 50.0
    assert percent_change(200, 50) == -75.0
    assert percent_change(4, 5) == 25.0
    assert percent_change(8, 8) == 0.0


def test_zero_old():
    assert percent_change(0, 10) is None
    assert percent_change(0, 0) is None
