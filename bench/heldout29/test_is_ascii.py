from is_ascii import is_ascii


def test_is_ascii_normal():
    assert is_ascii("hello") is True
    assert is_ascii("Hello, World! 123") is True
    assert is_ascii("caf\u00e9") is False
    assert is_ascii("na\u00efve") is False


def test_is_ascii_edge_cases():
    assert is_ascii("") is True
    assert is_ascii("\x7f") is True
    assert is_ascii("\x80") is False
    assert is_ascii("\u20ac") is False
