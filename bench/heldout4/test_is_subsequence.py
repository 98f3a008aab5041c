from is_subsequence import is_subsequence


def test_is_subsequence():
    assert is_subsequence("ace", "abcde") is True
    assert is_subsequence("aa", "abca") is True
    assert is_subsequence("", "abc") is True


def test_not_subsequence():
    assert is_subsequence("aec", "abcde") is False
    assert is_subsequence("aa", "a") is False
    assert is_subsequence("A", "abc") is False
    assert is_subsequence("abc", "") is False
