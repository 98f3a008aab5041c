from best_row_index import best_row_index


def test_best_row_index():
    assert best_row_index([[1, 2], [5], [0, 0]]) == 1
    assert best_row_index([[-1], [-5, 2]]) == 0


def test_empty_and_ties():
    assert best_row_index([]) is None
    assert best_row_index([[3], [1, 1, 1], [2]]) == 0
    assert best_row_index([[], [-1]]) == 0
    assert best_row_index([[2, 2], [4], [1, 3]]) == 0
