from is_valid_username import is_valid_username


def test_is_valid_username():
    assert is_valid_username("bob_99") is True
    assert is_valid_username("Bob") is False
    assert is_valid_username("bo b") is False


def test_lengths_and_empty():
    assert is_valid_username("") is False
    assert is_valid_username("ab") is False
    assert is_valid_username("abc") is True
    assert is_valid_username("a" * 12) is True
    assert is_valid_username("a" * 13) is False
