from earliest_time import earliest_time


def test_earliest_time():
    assert earliest_time(["09:30", "07:05", "12:00"]) == "07:05"
    assert earliest_time(["23:59", "00:01"]) == "00:01"
    assert earliest_time(["10:15", "10:05", "10:45"]) == "10:05"


def test_single_and_empty():
    assert earliest_time(["18:00"]) == "18:00"
    assert earliest_time(["08:00", "08:00"]) == "08:00"
    assert earliest_time([]) is None
