from duration_minutes import duration_minutes


def test_duration_minutes():
    assert duration_minutes("1h30m") == 90
    assert duration_minutes("2h") == 120
    assert duration_minutes("45m") == 45
    assert duration_minutes("10h5m") == 605
    assert duration_minutes("0h90m") == 90


def test_empty():
    assert duration_minutes("") == 0
