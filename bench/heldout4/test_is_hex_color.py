from is_hex_color import is_hex_color


def test_valid():
    assert is_hex_color("#fff") is True
    assert is_hex_color("#1A2b3C") is True
    assert is_hex_color("#000000") is True


def test_invalid():
    assert is_hex_color("fff") is False
    assert is_hex_color("#abcd") is False
    assert is_hex_color("#12345g") is False
    assert is_hex_color("") is False
