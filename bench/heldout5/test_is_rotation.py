from is_rotation import is_rotation


def test_is_rotation():
    assert is_rotation("waterbottle", "erbottlewat") is True
    assert is_rotation("abc", "cab") is True
    assert is_rotation("abc", "acb") is False


def test_same_and_different_lengths():
    assert is_rotation("abc", "abc") is True
    assert is_rotation("", "") is True
    assert is_rotation("ab", "aba") is False
    assert is_rotation("a", "") is False
