from same_date import same_date


def test_same_date():
    assert same_date("2024-03-15 09:30", "2024-03-15 18:45") is True
    assert same_date("2024-03-15 09:30", "2024-03-16 09:30") is False
    assert same_date("2023-12-31 23:59", "2024-12-31 23:59") is False


def test_same_month_other_day():
    assert same_date("2024-03-01 10:00", "2024-03-02 10:00") is False
    assert same_date("2024-05-20 00:00", "2024-05-20 00:00") is True
    assert same_date("2024-05-20 00:00", "2024-05-20 23:59") is True
