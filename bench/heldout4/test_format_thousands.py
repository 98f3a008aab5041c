from format_thousands import format_thousands


def test_format_thousands():
    assert format_thousands(1234567) == "1,234,567"
    assert format_thousands(1000) == "1,000"
    assert format_thousands(100000) == "100,000"


def test_small_and_negative():
    assert format_thousands(999) == "999"
    assert format_thousands(0) == "0"
    assert format_thousands(-1234) == "-1,234"
