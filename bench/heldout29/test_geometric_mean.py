from geometric_mean import geometric_mean


def test_geometric_mean_normal():
    assert geometric_mean([2, 8]) == 4.0
    assert geometric_mean([1, 3, 9]) == 3.0
    assert geometric_mean([1, 2, 3, 4]) == 2.21
    assert geometric_mean([4, 1]) == 2.0


def test_geometric_mean_edge_cases():
    assert geometric_mean([]) is None
    assert geometric_mean([5]) == 5.0
    assert geometric_mean([10, 100, 1000]) == 100.0
    assert geometric_mean([1, 2]) == 1.41
