from day_of_year import day_of_year


def test_day_of_year():
    assert day_of_year(2023, 1, 1) == 1
    assert day_of_year(2023, 3, 1) == 60
    assert day_of_year(2023, 12, 31) == 365
    assert day_of_year(2024, 12, 31) == 366


def test_century_years():
    assert day_of_year(1900, 3, 1) == 60
    assert day_of_year(2000, 3, 1) == 61
