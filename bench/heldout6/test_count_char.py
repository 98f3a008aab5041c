from count_char import count_char


def test_count_char():
    assert count_char("banana", "a") == 3
    assert count_char("hello world", "o") == 2
    assert count_char("Aa", "a") == 1


def test_no_match():
    assert count_char("", "x") == 0
    assert count_char("abc", "z") == 0
    assert count_char("ABC", "a") == 0
