from collapse_repeats import collapse_repeats


def test_collapse_repeats():
    assert collapse_repeats([1, 1, 2, 2, 2, 1]) == [1, 2, 1]
    assert collapse_repeats(["a", "a", "b"]) == ["a", "b"]
    assert collapse_repeats([1, 2, 3]) == [1, 2, 3]
    assert collapse_repeats([4, 4, 4, 4]) == [4]


def test_empty():
    assert collapse_repeats([]) == []
