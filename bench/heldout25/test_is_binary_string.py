from is_binary_string import is_binary_string


def test_is_binary_string_normal():
    assert is_binary_string("1010") is True
    assert is_binary_string("0") is True
    assert is_binary_string("102") is False
    assert is_binary_string("abc") is False


def test_is_binary_string_edge_cases():
    assert is_binary_string("") is False
    assert is_binary_string("1 0") is False
    assert is_binary_string("11111111") is True
    assert is_binary_string("0b101") is False
