from sum_first_two import sum_first_two


def test_sum_first_two():
    assert sum_first_two([1, 2, 3]) == 3
    assert sum_first_two([10, 20]) == 30
    assert sum_first_two([5, -5, 100]) == 0


def test_short_lists():
    assert sum_first_two([7]) == 7
    assert sum_first_two([]) == 0
