from move_to_front import move_to_front


def test_move_to_front():
    assert move_to_front([1, 2, 3, 2], 2) == [2, 1, 3, 2]
    assert move_to_front(["a", "b", "c"], "c") == ["c", "a", "b"]
    assert move_to_front([5, 6], 5) == [5, 6]


def test_missing_empty_and_unchanged():
    assert move_to_front([], 1) == []
    assert move_to_front([1, 2], 9) == [1, 2]
    items = [3, 4]
    assert move_to_front(items, 4) == [4, 3]
    assert items == [3, 4]
