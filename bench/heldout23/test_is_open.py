from is_open import is_open


def test_is_open():
    assert is_open({"mon": [9, 17]}, "mon", 10) is True
    assert is_open({"mon": [9, 17]}, "mon", 9) is True
    assert is_open({"mon": [9, 17]}, "mon", 17) is False
    assert is_open({"mon": [9, 17], "sat": [10, 14]}, "sat", 8) is False


def test_closed_days():
    assert is_open({"mon": [9, 17]}, "sun", 10) is False
    assert is_open({"fri": [8, 8]}, "fri", 8) is False
    assert is_open({}, "mon", 12) is False
