from can_ride import can_ride


def test_can_ride():
    assert can_ride(130, False) is True
    assert can_ride(110, True) is True
    assert can_ride(110, False) is False
    assert can_ride(90, True) is False


def test_boundaries():
    assert can_ride(120, False) is True
    assert can_ride(119, False) is False
    assert can_ride(100, True) is True
    assert can_ride(99, True) is False
