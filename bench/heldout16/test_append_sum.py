from append_sum import append_sum


def test_append_sum():
    assert append_sum([1, 2, 3]) == [1, 2, 3, 6]
    assert append_sum([5]) == [5, 5]
    assert append_sum([-1, 1]) == [-1, 1, 0]


def test_empty_and_unchanged():
    assert append_sum([]) == [0]
    nums = [2, 2]
    assert append_sum(nums) == [2, 2, 4]
    assert nums == [2, 2]
