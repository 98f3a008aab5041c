from grid_shape import grid_shape


def test_grid_shape():
    assert grid_shape([[1, 2, 3], [4, 5, 6]]) == (2, 3)
    assert grid_shape([[1]]) == (1, 1)
    assert grid_shape([[1, 2], [3, 4], [5, 6]]) == (3, 2)


def test_empty_and_ragged():
    assert grid_shape([]) == (0, 0)
    assert grid_shape([[]]) == (1, 0)
    assert grid_shape([[1, 2], [3]]) == (2, 2)
