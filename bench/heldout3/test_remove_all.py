from remove_all import remove_all


def test_remove_all():
    assert remove_all([1, 2, 1, 3], 1) == [2, 3]
    assert remove_all(["a", "b"], "c") == ["a", "b"]
    assert remove_all([2, 2, 2], 2) == []
    assert remove_all([], 0) == []


def test_input_unchanged():
    data = [1, 2, 1]
    assert remove_all(data, 1) == [2]
    assert data == [1, 2, 1]
