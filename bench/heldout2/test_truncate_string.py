from truncate_string import truncate_string


def test_truncate_string():
    assert truncate_string("hello world", 5) == "hello..."
    assert truncate_string("abcdef", 5) == "abcde..."
    assert truncate_string("abcdef", 0) == "..."


def test_short_enough():
    assert truncate_string("hello", 5) == "hello"
    assert truncate_string("hi", 10) == "hi"
    assert truncate_string("", 3) == ""
