from max_consecutive_ones import max_consecutive_ones


def test_max_consecutive_ones_normal():
    assert max_consecutive_ones([1, 1, 0, 1, 1, 1]) == 3
    assert max_consecutive_ones([1, 0, 1]) == 1
    assert max_consecutive_ones([0, 1, 1, 0]) == 2


def test_max_consecutive_ones_edge_cases():
    assert max_consecutive_ones([]) == 0
    assert max_consecutive_ones([0, 0]) == 0
    assert max_consecutive_ones([1, 1, 1]) == 3
