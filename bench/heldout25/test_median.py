from median import median


def test_median_normal():
    assert median([7, 1, 5]) == 5
    assert median([1, 2, 3, 4, 5]) == 3
    assert median([6]) == 6


def test_median_edge_cases():
    assert median([1, 2, 3, 4]) == 2.5
    assert median([4, 1]) == 2.5
    assert median([10, 2, 4, 6]) == 5
    assert median([2, 9, 2]) == 2
