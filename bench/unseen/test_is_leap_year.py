from is_leap_year import is_leap_year


def test_leap():
    assert is_leap_year(2024)
    assert is_leap_year(2000)
    assert is_leap_year(1600)


def test_not_leap():
    assert not is_leap_year(2023)
    assert not is_leap_year(1900)
    assert not is_leap_year(2100)
