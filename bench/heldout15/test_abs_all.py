from abs_all import abs_all


def test_abs_all():
    assert abs_all([-1, 2, -3]) == [1, 2, 3]
    assert abs_all([0, -0.5]) == [0, 0.5]
    assert abs_all([5, -5, 5]) == [5, 5, 5]


def test_empty_and_order():
    assert abs_all([]) == []
    assert abs_all([-9, 1]) == [9, 1]
    nums = [-2, 4]
    assert abs_all(nums) == [2, 4]
    assert nums == [-2, 4]
