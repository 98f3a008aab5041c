from count_of_max import count_of_max


def test_count_of_max():
    assert count_of_max([3, 1, 3, 2]) == 2
    assert count_of_max([1, 2, 3]) == 1
    assert count_of_max([-1, -1, -2]) == 2


def test_empty_and_all_equal():
    assert count_of_max([]) == 0
    assert count_of_max([5]) == 1
    assert count_of_max([2, 2, 2]) == 3
