from is_valid_time import is_valid_time


def test_is_valid_time():
    assert is_valid_time("09:30") is True
    assert is_valid_time("23:59") is True
    assert is_valid_time("24:00") is False
    assert is_valid_time("12:60") is False


def test_empty_and_bad_forms():
    assert is_valid_time("") is False
    assert is_valid_time("00:00") is True
    assert is_valid_time("9:30") is False
    assert is_valid_time("12-30") is False
    assert is_valid_time("ab:cd") is False
