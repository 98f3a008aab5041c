from max_window_sum import max_window_sum


def test_max_window_sum_normal():
    assert max_window_sum([1, 4, 2, 10, 2, 3], 2) == 12
    assert max_window_sum([1, 4, 2, 10, 2, 3], 3) == 16
    assert max_window_sum([5, 1, 1, 5], 2) == 6


def test_max_window_sum_edge_cases():
    assert max_window_sum([7], 1) == 7
    assert max_window_sum([-3, -1, -2], 1) == -1
    assert max_window_sum([-3, -1, -2], 2) == -3
    assert max_window_sum([1, 2, 3], 3) == 6
