from sum_without_largest import sum_without_largest


def test_sum_without_largest():
    assert sum_without_largest([1, 2, 3]) == 3
    assert sum_without_largest([10, 4, 6]) == 10
    assert sum_without_largest([2, 9, 1, 1]) == 4


def test_empty_single_and_ties():
    assert sum_without_largest([]) == 0
    assert sum_without_largest([7]) == 0
    assert sum_without_largest([5, 5, 1]) == 6
    assert sum_without_largest([-1, -2, -3]) == -5
