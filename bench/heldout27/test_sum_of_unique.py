from sum_of_unique import sum_of_unique


def test_sum_of_unique_normal():
    assert sum_of_unique([1, 2, 3, 2]) == 4
    assert sum_of_unique([1, 1, 1]) == 0
    assert sum_of_unique([1, 2, 3]) == 6


def test_sum_of_unique_edge_cases():
    assert sum_of_unique([]) == 0
    assert sum_of_unique([5]) == 5
    assert sum_of_unique([-1, -1, 4]) == 4
    assert sum_of_unique([2, 2, 3, 3, -7]) == -7
