from diagonal_sum import diagonal_sum


def test_diagonal_sum():
    assert diagonal_sum([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == 25
    assert diagonal_sum([[1, 2], [3, 4]]) == 10
    assert diagonal_sum([[1] * 4 for _ in range(4)]) == 8


def test_small_matrices():
    assert diagonal_sum([[5]]) == 5
    assert diagonal_sum([]) == 0
