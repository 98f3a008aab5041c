from digits_only import digits_only


def test_digits_only():
    assert digits_only("a1b2c3") == "123"
    assert digits_only("(555) 123-4567") == "5551234567"
    assert digits_only("2024") == "2024"


def test_no_digits():
    assert digits_only("") == ""
    assert digits_only("abc") == ""
    assert digits_only("x-0.5!") == "05"
