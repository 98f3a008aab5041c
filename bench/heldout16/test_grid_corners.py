from grid_corners import grid_corners


def test_grid_corners():
    assert grid_corners([[1, 2, 3], [4, 5, 6]]) == [1, 3, 4, 6]
    assert grid_corners([[1, 2], [3, 4]]) == [1, 2, 3, 4]
    assert grid_corners([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [1, 3, 7, 9]


def test_thin_grids():
    assert grid_corners([[7]]) == [7, 7, 7, 7]
    assert grid_corners([[1], [2], [3]]) == [1, 1, 3, 3]
    assert grid_corners([["a", "b", "c"]]) == ["a", "c", "a", "c"]
