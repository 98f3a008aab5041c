from is_strong_password import is_strong_password


def test_is_strong_password():
    assert is_strong_password("abcdefg1") is True
    assert is_strong_password("12345678") is True
    assert is_strong_password("abcdefgh") is False


def test_too_short():
    assert is_strong_password("abcdef1") is False
    assert is_strong_password("9") is False
    assert is_strong_password("") is False
