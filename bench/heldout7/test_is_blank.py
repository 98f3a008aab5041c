from is_blank import is_blank


def test_is_blank():
    assert is_blank("   ") is True
    assert is_blank("\t\n") is True
    assert is_blank("a") is False
    assert is_blank(" a ") is False


def test_empty_and_punctuation():
    assert is_blank("") is True
    assert is_blank(".") is False
