from equal_length import equal_length


def test_equal_length():
    assert equal_length("cat", "dog") is True
    assert equal_length("cat", "bird") is False
    assert equal_length("Hi", "hi") is True


def test_empty_and_spaces():
    assert equal_length("", "") is True
    assert equal_length("a", "") is False
    assert equal_length("ab ", "abc") is True
