from is_quiet_hours import is_quiet_hours


def test_is_quiet_hours():
    assert is_quiet_hours(23) is True
    assert is_quiet_hours(3) is True
    assert is_quiet_hours(12) is False
    assert is_quiet_hours(18) is False


def test_boundaries():
    assert is_quiet_hours(22) is True
    assert is_quiet_hours(7) is False
    assert is_quiet_hours(6) is True
    assert is_quiet_hours(0) is True
