from is_isomorphic import is_isomorphic


def test_is_isomorphic():
    assert is_isomorphic("egg", "add") is True
    assert is_isomorphic("paper", "title") is True
    assert is_isomorphic("foo", "bar") is False


def test_one_to_one_and_lengths():
    assert is_isomorphic("ab", "aa") is False
    assert is_isomorphic("badc", "baba") is False
    assert is_isomorphic("ab", "abc") is False
    assert is_isomorphic("", "") is True
