from split_words import split_words


def test_split_words():
    assert split_words("hello big world") == ["hello", "big", "world"]
    assert split_words("single") == ["single"]
    assert split_words("one\ttwo\nthree") == ["one", "two", "three"]


def test_extra_whitespace_and_empty():
    assert split_words("a  b") == ["a", "b"]
    assert split_words("  x  ") == ["x"]
    assert split_words("   ") == []
    assert split_words("") == []
