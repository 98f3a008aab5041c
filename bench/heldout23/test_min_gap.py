from min_gap import min_gap


def test_min_gap():
    assert min_gap([10, 3, 7, 15]) == 3
    assert min_gap([1, 5]) == 4
    assert min_gap([-3, 4, 1]) == 3
    assert min_gap([9, 1, 4, 4]) == 0


def test_short_lists():
    assert min_gap([-1, -10]) == 9
    assert min_gap([5]) is None
    assert min_gap([]) is None
