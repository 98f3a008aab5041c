from is_isogram import is_isogram


def test_isogram():
    assert is_isogram("lumberjack") is True
    assert is_isogram("six-year-old") is True
    assert is_isogram("") is True


def test_not_isogram():
    assert is_isogram("Alphabet") is False
    assert is_isogram("moOse") is False
    assert is_isogram("letter") is False
