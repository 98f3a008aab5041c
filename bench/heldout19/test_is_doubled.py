from is_doubled import is_doubled


def test_is_doubled():
    assert is_doubled("abcabc") is True
    assert is_doubled("abab") is True
    assert is_doubled("abcab") is False
    assert is_doubled("abAB") is False


def test_empty_and_short():
    assert is_doubled("") is True
    assert is_doubled("a") is False
    assert is_doubled("aa") is True
    assert is_doubled("ab") is False
