from weeks_to_days import weeks_to_days


def test_weeks_to_days():
    assert weeks_to_days(1) == 7
    assert weeks_to_days(2) == 14
    assert weeks_to_days(52) == 364


def test_zero_and_large():
    assert weeks_to_days(0) == 0
    assert weeks_to_days(10) == 70
    assert weeks_to_days(100) == 700
