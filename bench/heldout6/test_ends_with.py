from ends_with import ends_with


def test_ends_with():
    assert ends_with("hello.py", ".py") is True
    assert ends_with("hello.py", ".txt") is False
    assert ends_with("photo.png.bak", ".png") is False
    assert ends_with("Test", "ST") is False


def test_edge_cases():
    assert ends_with("abc", "") is True
    assert ends_with("", "a") is False
    assert ends_with("ab", "xab") is False
