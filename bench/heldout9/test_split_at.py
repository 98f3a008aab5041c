from split_at import split_at


def test_split_at():
    assert split_at([1, 2, 3, 4], 1) == ([1], [2, 3, 4])
    assert split_at(["a", "b", "c"], 2) == (["a", "b"], ["c"])


def test_ends_and_empty():
    assert split_at([5, 6], 0) == ([], [5, 6])
    assert split_at([5, 6], 2) == ([5, 6], [])
    assert split_at([], 0) == ([], [])
