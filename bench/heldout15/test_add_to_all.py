from add_to_all import add_to_all


def test_add_to_all():
    assert add_to_all([1, 2, 3], 10) == [11, 12, 13]
    assert add_to_all([5, 0], -5) == [0, -5]
    assert add_to_all([1.5], 1) == [2.5]


def test_empty_and_unchanged():
    assert add_to_all([], 3) == []
    assert add_to_all([4, 4], 0) == [4, 4]
    nums = [1, 2]
    assert add_to_all(nums, 1) == [2, 3]
    assert nums == [1, 2]
