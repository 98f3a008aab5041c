from weeks_and_days import weeks_and_days


def test_weeks_and_days():
    assert weeks_and_days(10) == (1, 3)
    assert weeks_and_days(20) == (2, 6)
    assert weeks_and_days(365) == (52, 1)


def test_whole_weeks_and_short():
    assert weeks_and_days(0) == (0, 0)
    assert weeks_and_days(6) == (0, 6)
    assert weeks_and_days(7) == (1, 0)
    assert weeks_and_days(14) == (2, 0)
