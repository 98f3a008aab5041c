from max_subarray_sum import max_subarray_sum


def test_max_subarray():
    assert max_subarray_sum([1, 2, 3]) == 6
    assert max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
    assert max_subarray_sum([-3, -1, -2]) == -1
    assert max_subarray_sum([5]) == 5
