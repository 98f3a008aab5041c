from replace_item import replace_item


def test_replace_item():
    assert replace_item([1, 2, 1], 1, 9) == [9, 2, 9]
    assert replace_item(["a", "b"], "c", "z") == ["a", "b"]
    assert replace_item(["x", "y"], "y", "x") == ["x", "x"]


def test_empty_and_unchanged():
    assert replace_item([], 1, 2) == []
    items = [3, 3]
    assert replace_item(items, 3, 4) == [4, 4]
    assert items == [3, 3]
