from days_in_month import days_in_month


def test_days_in_month():
    assert days_in_month(1, False) == 31
    assert days_in_month(4, False) == 30
    assert days_in_month(8, False) == 31


def test_february_and_leap():
    assert days_in_month(2, True) == 29
    assert days_in_month(2, False) == 28
    assert days_in_month(9, True) == 30
    assert days_in_month(7, True) == 31
