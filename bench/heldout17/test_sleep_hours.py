from sleep_hours import sleep_hours


def test_sleep_hours():
    assert sleep_hours(22, 6) == 8
    assert sleep_hours(23, 7) == 8
    assert sleep_hours(1, 9) == 8
    assert sleep_hours(13, 15) == 2


def test_midnight_and_equal():
    assert sleep_hours(5, 5) == 0
    assert sleep_hours(23, 0) == 1
    assert sleep_hours(0, 23) == 23
    assert sleep_hours(12, 11) == 23
