from count_above_average import count_above_average


def test_count_above_average():
    assert count_above_average([1, 2, 3, 4]) == 2
    assert count_above_average([1, 2, 3]) == 1
    assert count_above_average([10, 0, 0, 0]) == 1


def test_empty_and_equal():
    assert count_above_average([]) == 0
    assert count_above_average([5, 5, 5]) == 0
    assert count_above_average([-1, -3]) == 1
