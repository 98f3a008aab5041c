from last_n import last_n


def test_last_n():
    assert last_n([1, 2, 3, 4], 2) == [3, 4]
    assert last_n(["a", "b", "c"], 3) == ["a", "b", "c"]


def test_large_zero_negative_and_empty():
    assert last_n([1, 2], 5) == [1, 2]
    assert last_n([1, 2, 3], 0) == []
    assert last_n([1, 2, 3], -1) == []
    assert last_n([], 2) == []
