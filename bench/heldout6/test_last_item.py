from last_item import last_item


def test_last_item():
    assert last_item([1, 2, 3]) == 3
    assert last_item(["a"]) == "a"
    assert last_item([[1], [2]]) == [2]


def test_empty():
    assert last_item([]) is None
    assert last_item([5, 5, 0]) == 0
