from is_harshad import is_harshad


def test_is_harshad():
    assert is_harshad(18) is True
    assert is_harshad(21) is True
    assert is_harshad(19) is False


def test_small_numbers():
    assert is_harshad(1) is True
    assert is_harshad(7) is True
    assert is_harshad(11) is False
    assert is_harshad(13) is False
