from smallest_positive import smallest_positive


def test_smallest_positive_normal():
    assert smallest_positive([3, -1, 2]) == 2
    assert smallest_positive([5, 8, 6]) == 5
    assert smallest_positive([-4, 0.5, 7]) == 0.5


def test_smallest_positive_edge_cases():
    assert smallest_positive([]) is None
    assert smallest_positive([0, -3]) is None
    assert smallest_positive([0, 4]) == 4
