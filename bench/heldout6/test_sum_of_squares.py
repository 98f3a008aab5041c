from sum_of_squares import sum_of_squares


def test_sum_of_squares():
    assert sum_of_squares([1, 2, 3]) == 14
    assert sum_of_squares([4]) == 16
    assert sum_of_squares([-3, 2]) == 13


def test_empty_and_zeros():
    assert sum_of_squares([]) == 0
    assert sum_of_squares([0, 0]) == 0
