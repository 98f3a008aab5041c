from is_square_grid import is_square_grid


def test_is_square_grid():
    assert is_square_grid([[1, 2], [3, 4]]) is True
    assert is_square_grid([[7]]) is True
    assert is_square_grid([[1, 2, 3], [4, 5, 6]]) is False
    assert is_square_grid([[1, 2], [3]]) is False


def test_empty_and_edge():
    assert is_square_grid([]) is True
    assert is_square_grid([[]]) is False
    assert is_square_grid([[1], [2]]) is False
