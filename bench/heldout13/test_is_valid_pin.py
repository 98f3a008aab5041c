from is_valid_pin import is_valid_pin


def test_is_valid_pin():
    assert is_valid_pin("1234") is True
    assert is_valid_pin("123456") is True
    assert is_valid_pin("12a4") is False
    assert is_valid_pin("12 4") is False


def test_empty_and_lengths():
    assert is_valid_pin("") is False
    assert is_valid_pin("0000") is True
    assert is_valid_pin("12345") is False
    assert is_valid_pin("1234567") is False
