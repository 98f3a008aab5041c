from affordable_count import affordable_count


def test_affordable_count():
    assert affordable_count([4, 3, 5, 1], 10) == 2
    assert affordable_count([1, 2, 3], 6) == 3
    assert affordable_count([2, 2, 2, 2], 7) == 3
    assert affordable_count([1, 9, 1], 5) == 1


def test_none_free_and_empty():
    assert affordable_count([5], 4) == 0
    assert affordable_count([0, 0], 0) == 2
    assert affordable_count([3, 1], 0) == 0
    assert affordable_count([], 10) == 0
