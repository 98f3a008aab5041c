from count_rises import count_rises


def test_count_rises():
    assert count_rises([1, 3, 2, 5]) == 2
    assert count_rises([1, 2, 3]) == 2
    assert count_rises([3, 2, 1]) == 0


def test_empty_short_and_equal():
    assert count_rises([]) == 0
    assert count_rises([4]) == 0
    assert count_rises([2, 2, 3]) == 1
