from second_item import second_item


def test_second_item_normal():
    assert second_item([1, 2, 3]) == 2
    assert second_item(["a", "b", "c"]) == "b"
    assert second_item([9, 8]) == 8


def test_second_item_edge_cases():
    assert second_item([None, 0]) == 0
    assert second_item([[1], [2], [3]]) == [2]
    assert second_item([5, 5, 6]) == 5
