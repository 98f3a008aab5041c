from sum_of_three import sum_of_three


def test_sum_of_three():
    assert sum_of_three(1, 2, 3) == 6
    assert sum_of_three(10, 20, 30) == 60
    assert sum_of_three(1.5, 1.5, 1) == 4.0


def test_zeros_and_negatives():
    assert sum_of_three(0, 0, 0) == 0
    assert sum_of_three(-1, 1, 5) == 5
    assert sum_of_three(-2, -3, -4) == -9
