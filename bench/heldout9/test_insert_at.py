from insert_at import insert_at


def test_insert_at():
    assert insert_at([1, 2, 3], 1, 9) == [1, 9, 2, 3]
    assert insert_at([1, 2], 0, 0) == [0, 1, 2]
    assert insert_at([1, 2], 2, 3) == [1, 2, 3]


def test_empty_and_unchanged():
    assert insert_at([], 0, "a") == ["a"]
    items = ["a", "b"]
    assert insert_at(items, 1, "z") == ["a", "z", "b"]
    assert items == ["a", "b"]
