from us_date import us_date


def test_us_date():
    assert us_date("2024-03-15") == "03/15/2024"
    assert us_date("1999-12-31") == "12/31/1999"
    assert us_date("2021-11-05") == "11/05/2021"


def test_leading_zeros():
    assert us_date("2000-01-02") == "01/02/2000"
    assert us_date("2024-07-04") == "07/04/2024"
    assert us_date("0987-06-30") == "06/30/0987"
