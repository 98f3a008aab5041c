from hex_to_int import hex_to_int


def test_hex_to_int_normal():
    assert hex_to_int("ff") == 255
    assert hex_to_int("10") == 16
    assert hex_to_int("1A") == 26
    assert hex_to_int("7b") == 123


def test_hex_to_int_edge_cases():
    assert hex_to_int("0") == 0
    assert hex_to_int("FFFF") == 65535
    assert hex_to_int("00a") == 10
