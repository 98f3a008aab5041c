from first_missing_positive import first_missing_positive


def test_first_missing_positive_normal():
    assert first_missing_positive([1, 2, 0]) == 3
    assert first_missing_positive([3, 4, -1, 1]) == 2
    assert first_missing_positive([7, 8, 9]) == 1
    assert first_missing_positive([1, 2, 3]) == 4


def test_first_missing_positive_edge_cases():
    assert first_missing_positive([]) == 1
    assert first_missing_positive([-1, 0]) == 1
    assert first_missing_positive([2, 2, 1, 1]) == 3
