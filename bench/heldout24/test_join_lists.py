from join_lists import join_lists


def test_join_lists():
    assert join_lists([1, 2], [3]) == [1, 2, 3]
    assert join_lists(["x"], ["y", "z"]) == ["x", "y", "z"]
    assert join_lists([1], [1]) == [1, 1]


def test_empty_and_unchanged():
    assert join_lists([], [4]) == [4]
    assert join_lists([], []) == []
    a = [1]
    assert join_lists(a, [2]) == [1, 2]
    assert a == [1]
