from count_wins import count_wins


def test_count_wins():
    assert count_wins([3, 1, 5], [2, 4, 5]) == 1
    assert count_wins([10, 20], [1, 2]) == 2
    assert count_wins([1, 2, 3], [3, 2, 1]) == 1


def test_empty_and_ties():
    assert count_wins([], []) == 0
    assert count_wins([4, 4], [4, 4]) == 0
    assert count_wins([-1], [-2]) == 1
