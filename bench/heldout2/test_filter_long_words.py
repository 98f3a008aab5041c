from filter_long_words import filter_long_words


def test_filter_long_words():
    assert filter_long_words(["a", "abc", "abcd", "ab"], 2) == ["abc", "abcd"]
    assert filter_long_words(["apple", "fig", "banana"], 3) == ["apple", "banana"]
    assert filter_long_words(["x", "yy"], 0) == ["x", "yy"]


def test_none_qualify():
    assert filter_long_words([], 3) == []
    assert filter_long_words(["hi", "yo"], 2) == []
