from is_pangram import is_pangram


def test_pangram():
    assert is_pangram("The quick brown fox jumps over the lazy dog") is True
    assert is_pangram("ABCDEFGHIJKLMNOPQRSTUVWXYZ") is True
    assert is_pangram("Pack my box with five dozen liquor jugs!") is True


def test_not_pangram():
    assert is_pangram("The quick brown fox jumps over the lazy cat") is False
    assert is_pangram("abcdefghijklmnopqrstuvwxy!@#$%^&*()") is False
    assert is_pangram("") is False
