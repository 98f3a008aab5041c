from format_price import format_price


def test_format_price():
    assert format_price(3.5) == "$3.50"
    assert format_price(10) == "$10.00"
    assert format_price(0.1) == "$0.10"


def test_zero_rounding_and_large():
    assert format_price(0) == "$0.00"
    assert format_price(1.999) == "$2.00"
    assert format_price(1234.5) == "$1234.50"
