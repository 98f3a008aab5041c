from string_length import string_length


def test_string_length():
    assert string_length("abc") == 3
    assert string_length("hi there") == 8
    assert string_length("a!") == 2


def test_spaces_and_empty():
    assert string_length(" ") == 1
    assert string_length("  a  ") == 5
    assert string_length("") == 0
