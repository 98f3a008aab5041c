from circular_item import circular_item


def test_circular_item():
    assert circular_item(["a", "b", "c"], 4) == "b"
    assert circular_item(["a", "b", "c"], 1) == "b"
    assert circular_item(["a", "b", "c"], 3) == "a"
    assert circular_item([10, 20], 7) == 20


def test_negative_and_empty():
    assert circular_item(["a", "b", "c"], -1) == "c"
    assert circular_item([5], 100) == 5
    assert circular_item([], 3) is None
    assert circular_item([], 0) is None
