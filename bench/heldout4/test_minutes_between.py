from minutes_between import minutes_between


def test_minutes_between():
    assert minutes_between("09:15", "10:00") == 45
    assert minutes_between("08:05", "08:06") == 1
    assert minutes_between("00:00", "23:59") == 1439


def test_wrap_and_equal():
    assert minutes_between("23:30", "00:15") == 45
    assert minutes_between("12:00", "11:00") == 1380
    assert minutes_between("12:00", "12:00") == 0
