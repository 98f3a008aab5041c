from to_binary import to_binary


def test_to_binary():
    assert to_binary(5) == "101"
    assert to_binary(6) == "110"
    assert to_binary(8) == "1000"
    assert to_binary(255) == "11111111"


def test_small():
    assert to_binary(0) == "0"
    assert to_binary(1) == "1"
    assert to_binary(2) == "10"
