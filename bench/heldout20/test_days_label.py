from days_label import days_label


def test_days_label():
    assert days_label(3) == "in 3 days"
    assert days_label(10) == "in 10 days"
    assert days_label(2) == "in 2 days"


def test_today_and_tomorrow():
    assert days_label(0) == "today"
    assert days_label(1) == "tomorrow"
    assert days_label(365) == "in 365 days"
