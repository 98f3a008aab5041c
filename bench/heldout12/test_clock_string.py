from clock_string import clock_string


def test_clock_string():
    assert clock_string(7, 5) == "07:05"
    assert clock_string(13, 45) == "13:45"
    assert clock_string(10, 0) == "10:00"


def test_midnight_and_ends():
    assert clock_string(0, 0) == "00:00"
    assert clock_string(23, 59) == "23:59"
    assert clock_string(9, 30) == "09:30"
