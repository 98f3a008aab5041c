from closest_value import closest_value


def test_closest_value():
    assert closest_value([1, 5, 9], 6) == 5
    assert closest_value([-3, 4], 0) == -3
    assert closest_value([3], 100) == 3


def test_ties_and_empty():
    assert closest_value([1, 5, 9], 7) == 5
    assert closest_value([10, 2], 6) == 2
    assert closest_value([], 1) is None
