from is_vowel import is_vowel


def test_is_vowel():
    assert is_vowel("a") is True
    assert is_vowel("E") is True
    assert is_vowel("b") is False
    assert is_vowel("y") is False


def test_other_characters():
    assert is_vowel("U") is True
    assert is_vowel("Y") is False
    assert is_vowel("1") is False
    assert is_vowel(" ") is False
