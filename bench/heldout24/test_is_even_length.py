from is_even_length import is_even_length


def test_is_even_length():
    assert is_even_length("ab") is True
    assert is_even_length("abc") is False
    assert is_even_length("abcd") is True
    assert is_even_length("a") is False


def test_spaces_and_empty():
    assert is_even_length("  ") is True
    assert is_even_length("a b") is False
    assert is_even_length("") is True
