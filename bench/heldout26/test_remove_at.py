from remove_at import remove_at


def test_remove_at_normal():
    assert remove_at([1, 2, 3], 1) == [1, 3]
    assert remove_at(["a", "b", "c"], 0) == ["b", "c"]
    assert remove_at([1, 2, 3], 2) == [1, 2]


def test_remove_at_edge_cases():
    assert remove_at([7], 0) == []
    assert remove_at([4, 4, 4], 1) == [4, 4]
    items = [1, 2, 3]
    remove_at(items, 0)
    assert items == [1, 2, 3]
