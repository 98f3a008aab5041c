from sort_descending import sort_descending


def test_sort_descending():
    assert sort_descending([3, 1, 2]) == [3, 2, 1]
    assert sort_descending([5, -1, 10, 0]) == [10, 5, 0, -1]
    assert sort_descending([2, 1, 2]) == [2, 2, 1]


def test_short_and_unchanged():
    assert sort_descending([]) == []
    assert sort_descending([4]) == [4]
    nums = [1, 3, 2]
    assert sort_descending(nums) == [3, 2, 1]
    assert nums == [1, 3, 2]
