from is_balanced import is_balanced


def test_is_balanced():
    assert is_balanced("(a(b)c)") is True
    assert is_balanced("()()") is True
    assert is_balanced("(()") is False
    assert is_balanced("())(") is False


def test_order_and_empty():
    assert is_balanced(")(") is False
    assert is_balanced("abc") is True
    assert is_balanced("f(x) + (g(y))") is True
    assert is_balanced("") is True
