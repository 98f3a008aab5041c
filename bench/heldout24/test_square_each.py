from square_each import square_each


def test_square_each():
    assert square_each([1, 2, 3]) == [1, 4, 9]
    assert square_each([-2, 5]) == [4, 25]
    assert square_each([1.5]) == [2.25]
    assert square_each([10, 0]) == [100, 0]


def test_empty_and_unchanged():
    assert square_each([]) == []
    nums = [3, 4]
    assert square_each(nums) == [9, 16]
    assert nums == [3, 4]
