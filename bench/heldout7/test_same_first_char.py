from same_first_char import same_first_char


def test_same_first_char():
    assert same_first_char("apple", "avocado") is True
    assert same_first_char("cat", "dog") is False
    assert same_first_char("Sam", "sam") is False
    assert same_first_char("x", "xyz") is True


def test_empty_strings():
    assert same_first_char("", "abc") is False
    assert same_first_char("", "") is False
