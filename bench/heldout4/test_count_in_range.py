from count_in_range import count_in_range


def test_count_in_range():
    assert count_in_range([1, 5, 10, 15], 5, 10) == 2
    assert count_in_range([-2, 0, 2], -1, 1) == 1
    assert count_in_range([3, 3, 3], 3, 3) == 3
    assert count_in_range([0.5, 1.5, 2.5], 1, 3) == 2


def test_empty_and_reversed():
    assert count_in_range([], 0, 10) == 0
    assert count_in_range([1, 2, 3], 3, 1) == 0
