from format_phone import format_phone


def test_format_phone():
    assert format_phone("5551234567") == "(555) 123-4567"
    assert format_phone("9998887777") == "(999) 888-7777"
    assert format_phone("1234567890") == "(123) 456-7890"


def test_zeros_kept():
    assert format_phone("0123456789") == "(012) 345-6789"
    assert format_phone("0000000000") == "(000) 000-0000"
    assert format_phone("2120000001") == "(212) 000-0001"
