from increment_at import increment_at


def test_increment_at():
    assert increment_at([1, 2, 3], 0) == [2, 2, 3]
    assert increment_at([1, 2, 3], 2) == [1, 2, 4]
    assert increment_at([0], 0) == [1]


def test_negative_and_unchanged():
    assert increment_at([-1, 7], 0) == [0, 7]
    nums = [5, 5]
    assert increment_at(nums, 1) == [5, 6]
    assert nums == [5, 5]
