from variance import variance


def test_variance_normal():
    assert variance([1, 2, 3, 4, 5]) == 2
    assert variance([2, 4, 4, 4, 5, 5, 7, 9]) == 4
    assert variance([1, 3]) == 1


def test_variance_edge_cases():
    assert variance([5]) == 0
    assert variance([7, 7, 7]) == 0
    assert variance([-1, 1]) == 1
