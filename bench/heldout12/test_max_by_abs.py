from max_by_abs import max_by_abs


def test_max_by_abs():
    assert max_by_abs([3, -7, 5]) == -7
    assert max_by_abs([1, 2, 3]) == 3
    assert max_by_abs([-1, -2]) == -2


def test_empty_and_ties():
    assert max_by_abs([]) is None
    assert max_by_abs([3, -3]) == 3
    assert max_by_abs([-4, 4]) == -4
    assert max_by_abs([0]) == 0
