from sort_by_length import sort_by_length


def test_sort_by_length():
    assert sort_by_length(["ccc", "a", "bb"]) == ["a", "bb", "ccc"]
    assert sort_by_length(["bb", "aa", "c"]) == ["c", "bb", "aa"]
    assert sort_by_length(["hello", "", "hi"]) == ["", "hi", "hello"]


def test_empty_and_unchanged():
    assert sort_by_length([]) == []
    words = ["zz", "y"]
    assert sort_by_length(words) == ["y", "zz"]
    assert words == ["zz", "y"]
