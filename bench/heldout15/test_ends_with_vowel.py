from ends_with_vowel import ends_with_vowel


def test_ends_with_vowel():
    assert ends_with_vowel("banana") is True
    assert ends_with_vowel("tree") is True
    assert ends_with_vowel("ECHO") is True
    assert ends_with_vowel("cat") is False


def test_edges():
    assert ends_with_vowel("") is False
    assert ends_with_vowel("sky") is False
    assert ends_with_vowel("U") is True
    assert ends_with_vowel("apple!") is False
