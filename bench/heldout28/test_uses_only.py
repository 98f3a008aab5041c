from uses_only import uses_only


def test_uses_only_normal():
    assert uses_only("hello", "helo") is True
    assert uses_only("hello", "hel") is False
    assert uses_only("aaa", "a") is True
    assert uses_only("abc", "cba") is True


def test_uses_only_edge_cases():
    assert uses_only("", "xyz") is True
    assert uses_only("", "") is True
    assert uses_only("a", "") is False
    assert uses_only("Abc", "abc") is False
